using System.Reflection;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using Xenith.Abi;

namespace Xenith.Abi.Tests;

/// <summary>
/// Every ABI struct against the arm32 sizes and offsets of shared/spec/xen-arm-abi.md. The expected
/// values are typed in from the spec tables (section in each comment), not taken from the code.
/// </summary>
public class StructLayoutTests
{
    public static TheoryData<Type, int, string> Layouts => new()
    {
        // 1.5
        { typeof(MulticallEntry), 64, "Op:0 Result:8 Args:16" },
        // 3.1
        { typeof(VcpuInfo), 48, "EvtchnUpcallPending:0 EvtchnUpcallMask:1 EvtchnPendingSel:8 Time:16" },
        { typeof(VcpuTimeInfo), 32, "Version:0 Pad0:4 TscTimestamp:8 SystemTime:16 TscToSystemMul:24 TscShift:28 Flags:29 Pad1:30" },
        // 3.2
        { typeof(SharedInfo), 1088, "VcpuInfo0:0 EvtchnPending:48 EvtchnMask:560 WcVersion:1072 WcSec:1076 WcNsec:1080 WcSecHi:1084" },
        // 3.5
        { typeof(VcpuRegisterVcpuInfo), 16, "Mfn:0 Offset:8 Rsvd:12" },
        // 3.6
        { typeof(XenAddToPhysmap), 24, "Domid:0 PageCount:2 Space:4 Idx:8 Gpfn:16" },
        { typeof(XenRemoveFromPhysmap), 16, "Domid:0 Gpfn:8" },
        // 3.7
        { typeof(XenHvmParam), 16, "Domid:0 Pad:2 Index:4 Value:8" },
        // 3.8
        { typeof(VcpuRegisterRunstateMemoryArea), 8, "AddrV:0 AddrP:0" },
        { typeof(VcpuRunstateInfo), 48, "State:0 StateEntryTime:8 Time:16" },
        // 4.3
        { typeof(EvtchnAllocUnbound), 8, "Dom:0 RemoteDom:2 Port:4" },
        { typeof(EvtchnBindInterdomain), 12, "RemoteDom:0 RemotePort:4 LocalPort:8" },
        { typeof(EvtchnBindVirq), 12, "Virq:0 Vcpu:4 Port:8" },
        { typeof(EvtchnBindPirq), 12, "Pirq:0 Flags:4 Port:8" },
        { typeof(EvtchnBindIpi), 8, "Vcpu:0 Port:4" },
        { typeof(EvtchnClose), 4, "Port:0" },
        { typeof(EvtchnSend), 4, "Port:0" },
        { typeof(EvtchnStatus), 24, "Dom:0 Port:4 Status:8 Vcpu:12 UnboundDom:16 InterdomainDom:16 InterdomainPort:20 Pirq:16 Virq:16" },
        { typeof(EvtchnBindVcpu), 8, "Port:0 Vcpu:4" },
        { typeof(EvtchnUnmask), 4, "Port:0" },
        { typeof(EvtchnReset), 2, "Dom:0" },
        { typeof(EvtchnInitControl), 24, "ControlGfn:0 Offset:8 Vcpu:12 LinkBits:16 Pad:17" },
        { typeof(EvtchnExpandArray), 8, "ArrayGfn:0" },
        { typeof(EvtchnSetPriority), 8, "Port:0 Priority:4" },
        // 4.5
        { typeof(EvtchnFifoControlBlock), 72, "Ready:0 Rsvd:4 Head:8" },
        // 5.2
        { typeof(GrantEntryV1), 8, "Flags:0 Domid:2 Frame:4" },
        // 5.4
        { typeof(GnttabMapGrantRef), 32, "HostAddr:0 Flags:8 Ref:12 Dom:16 Status:18 Handle:20 DevBusAddr:24" },
        { typeof(GnttabUnmapGrantRef), 24, "HostAddr:0 DevBusAddr:8 Handle:16 Status:20" },
        { typeof(GnttabSetupTable), 24, "Dom:0 NrFrames:4 Status:8 FrameList:16" },
        { typeof(GnttabDumpTable), 4, "Dom:0 Status:2" },
        { typeof(GnttabTransfer), 24, "Mfn:0 Domid:8 Ref:12 Status:16" },
        { typeof(GnttabCopyPtr), 16, "URef:0 UGmfn:0 Domid:8 Offset:10" },
        { typeof(GnttabCopy), 40, "Source:0 Dest:16 Len:32 Flags:34 Status:36" },
        { typeof(GnttabQuerySize), 16, "Dom:0 NrFrames:4 MaxNrFrames:8 Status:12" },
        { typeof(GnttabSetVersion), 4, "Version:0" },
        { typeof(GnttabGetStatusFrames), 16, "NrFrames:0 Dom:4 Status:6 FrameList:8" },
        { typeof(GnttabGetVersion), 8, "Dom:0 Pad:2 Version:4" },
        { typeof(GnttabSwapGrantRef), 12, "RefA:0 RefB:4 Status:8" },
        { typeof(GnttabCacheFlush), 16, "ADevBusAddr:0 ARef:0 Offset:8 Length:10 Op:12" },
        // 6.1
        { typeof(SchedShutdown), 4, "Reason:0" },
        { typeof(SchedPoll), 24, "Ports:0 NrPorts:8 Timeout:16" },
        { typeof(SchedRemoteShutdown), 8, "DomainId:0 Reason:4" },
        { typeof(SchedWatchdog), 8, "Id:0 Timeout:4" },
        { typeof(SchedPinOverride), 4, "Pcpu:0" },
        // 6.3
        { typeof(XenFeatureInfo), 8, "SubmapIdx:0 Submap:4" },
        { typeof(XenExtraversion), 16, "Text:0" },
        { typeof(XenCompileInfo), 144, "Compiler:0 CompileBy:64 CompileDomain:80 CompileDate:112" },
        { typeof(XenCapabilitiesInfo), 1024, "Text:0" },
        { typeof(XenChangesetInfo), 64, "Text:0" },
        { typeof(XenCommandline), 1024, "Text:0" },
        { typeof(XenPlatformParameters), 8, "VirtStart:0" },
        { typeof(XenDomainHandle), 16, "Bytes:0" },
        { typeof(XenVarbuf), 4, "Len:0" },
        // 6.4
        { typeof(XenMemoryReservation), 32, "ExtentStart:0 NrExtents:8 ExtentOrder:16 MemFlags:20 Domid:24" },
        // 8.1 (size = offset 2076 + 4 of the last field)
        { typeof(XenstoreDomainInterface), 2080, "Req:0 Rsp:1024 ReqCons:2048 ReqProd:2052 RspCons:2056 RspProd:2060 ServerFeatures:2064 Connection:2068 Error:2072 EvtchnPort:2076" },
        // 8.2
        { typeof(XsdSockmsg), 16, "Type:0 ReqId:4 TxId:8 Len:12" },
        // 9.1 (spec gives no sizeof; 3089 bytes of fields padded to uint32 alignment)
        { typeof(XenconsInterface), 3092, "In:0 Out:1024 InCons:3072 InProd:3076 OutCons:3080 OutProd:3084 Connection:3088" },
        // 10.1
        { typeof(SharedRingHeader), 64, "ReqProd:0 ReqEvent:4 RspProd:8 RspEvent:12 Pvt:16 Pad:20" },
        // 10.2
        { typeof(BlkifRequest), 112, "Operation:0 NrSegments:1 Handle:2 Id:8 SectorNumber:16 Seg:24" },
        { typeof(BlkifRequestSegment), 8, "Gref:0 FirstSect:4 LastSect:5" },
        { typeof(BlkifRequestDiscard), 32, "Operation:0 Flag:1 Handle:2 Id:8 SectorNumber:16 NrSectors:24" },
        { typeof(BlkifRequestIndirect), 64, "Operation:0 IndirectOp:1 NrSegments:2 Id:8 SectorNumber:16 Handle:24 IndirectGrefs:28" },
        { typeof(BlkifResponse), 16, "Id:0 Operation:8 Status:10" },
        // 11.1
        { typeof(VchanInterface), 24, "Left:0 Right:8 LeftOrder:16 RightOrder:18 CliLive:20 SrvLive:21 CliNotify:22 SrvNotify:23" },
        { typeof(VchanRingShared), 8, "Cons:0 Prod:4" },
    };

    [Theory]
    [MemberData(nameof(Layouts))]
    public void SizeMatchesTheSpec(Type type, int size, string fields)
    {
        Assert.NotNull(fields);
        Assert.Equal(size, Marshal.SizeOf(type));
        Assert.Equal(size, RuntimeHelpers.SizeOf(type.TypeHandle));
        Assert.Equal(size, (int)type.GetField("Size", BindingFlags.Public | BindingFlags.Static)!.GetRawConstantValue()!);
    }

    [Theory]
    [MemberData(nameof(Layouts))]
    public void FieldOffsetsMatchTheSpec(Type type, int size, string fields)
    {
        Assert.True(size > 0);
        var expected = fields.Split(' ').Select(f => f.Split(':')).ToDictionary(p => p[0], p => int.Parse(p[1]));
        foreach (var (name, offset) in expected)
            Assert.True(offset == (int)Marshal.OffsetOf(type, name), $"{type.Name}.{name}: spec {offset}, code {Marshal.OffsetOf(type, name)}");
        // Every instance field is named in the spec row, so none sits at an unchecked offset.
        var declared = type.GetFields(BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance).Select(f => f.Name);
        Assert.Equal(expected.Keys.Order(), declared.Order());
    }

    [Theory]
    [MemberData(nameof(Layouts))]
    public void StructIsBlittable(Type type, int size, string fields)
    {
        Assert.True(size > 0 && fields.Length > 0);
        var check = typeof(RuntimeHelpers).GetMethod(nameof(RuntimeHelpers.IsReferenceOrContainsReferences))!.MakeGenericMethod(type);
        Assert.False((bool)check.Invoke(null, null)!);
        Assert.Equal(LayoutKind.Explicit, type.StructLayoutAttribute!.Value);
    }

    [Fact]
    public void EveryAbiStructHasALayoutRow()
    {
        var listed = Layouts.Select(row => (Type)row[0]).ToHashSet();
        var structs = typeof(XenAbi).Assembly.GetTypes()
            .Where(t => t.IsValueType && !t.IsEnum && t.IsPublic && t.StructLayoutAttribute?.Value == LayoutKind.Explicit);
        Assert.Empty(structs.Where(t => !listed.Contains(t)).Select(t => t.Name));
    }
}
