using Xenith.Abi;

namespace Xenith.Abi.Tests;

/// <summary>Numbers spot-checked against shared/spec/xen-arm-abi.md (section in each name or comment).</summary>
public class NumberTests
{
    [Fact]
    public void HypercallTrapAndEncodings()
    {
        // 1.1
        Assert.Equal(0xEA1, XenAbi.XenHypercallTag);
        Assert.Equal(0xE140EA71u, XenAbi.HvcXenA32);
        Assert.Equal(0xE1400070u | ((XenAbi.XenHypercallTag & 0xFFF0u) << 4) | (XenAbi.XenHypercallTag & 0xFu), XenAbi.HvcXenA32);
        Assert.Equal(0xF7E08000u | ((XenAbi.XenHypercallTag & 0xF000u) << 4) | (XenAbi.XenHypercallTag & 0x0FFFu), XenAbi.HvcXenT32);
        Assert.Equal(0xE1400070u, XenAbi.HvcSmcccA32);
    }

    [Theory]
    [InlineData(Hypercall.PlatformOp, 7)]
    [InlineData(Hypercall.MemoryOp, 12)]
    [InlineData(Hypercall.Multicall, 13)]
    [InlineData(Hypercall.XenVersion, 17)]
    [InlineData(Hypercall.ConsoleIo, 18)]
    [InlineData(Hypercall.GrantTableOp, 20)]
    [InlineData(Hypercall.VmAssist, 21)]
    [InlineData(Hypercall.VcpuOp, 24)]
    [InlineData(Hypercall.SchedOp, 29)]
    [InlineData(Hypercall.EventChannelOp, 32)]
    [InlineData(Hypercall.PhysdevOp, 33)]
    [InlineData(Hypercall.HvmOp, 34)]
    [InlineData(Hypercall.Sysctl, 35)]
    [InlineData(Hypercall.Domctl, 36)]
    [InlineData(Hypercall.DmOp, 41)]
    [InlineData(Hypercall.HypfsOp, 42)]
    [InlineData(Hypercall.Arch0, 48)]
    [InlineData(Hypercall.Arch7, 55)]
    public void HypercallNumbers(Hypercall call, uint number) => Assert.Equal(number, (uint)call);

    [Fact]
    public void HypercallTableHasEveryRowOfTable14()
    {
        // 1.4 lists 0-10, 12-42 and 48-55; 11 and 43-47 are not hypercalls.
        var expected = Enumerable.Range(0, 11).Concat(Enumerable.Range(12, 31)).Concat(Enumerable.Range(48, 8)).Select(i => (uint)i);
        Assert.Equal(expected, Enum.GetValues<Hypercall>().Select(h => (uint)h).Order());
    }

    [Fact]
    public void Errnos()
    {
        // 1.2
        Assert.Equal(38, (int)XenErrno.ENOSYS);
        Assert.Equal(-38L, XenErrno.ENOSYS.Neg());
        Assert.Equal(-1L, XenErrno.EPERM.Neg());
        Assert.Equal(14, (int)XenErrno.EFAULT);
        Assert.Equal(22, (int)XenErrno.EINVAL);
        Assert.Equal(16, (int)XenErrno.EBUSY);
        Assert.Equal(28, (int)XenErrno.ENOSPC);
        Assert.Equal(95, (int)XenErrno.EOPNOTSUPP);
        Assert.Equal(111, (int)XenErrno.ECONNREFUSED);
        Assert.Equal(49, Enum.GetValues<XenErrno>().Length);
    }

    [Fact]
    public void DomainIds()
    {
        // 0
        Assert.Equal(0x7FF0, DomId.Self);
        Assert.Equal(DomId.FirstReserved, DomId.Self);
        Assert.Equal(0x7FF2, DomId.Xen);
        Assert.Equal(0x7FF4, DomId.Invalid);
        Assert.Equal(0x7FF5, DomId.Any);
        Assert.Equal(0x7FFF, DomId.Idle);
    }

    [Fact]
    public void MemoryOp()
    {
        // 3.6, 6.4
        Assert.Equal(7u, (uint)XenMemOp.AddToPhysmap);
        Assert.Equal(1u, (uint)XenMemOp.DecreaseReservation);
        Assert.Equal(6u, (uint)XenMemOp.PopulatePhysmap);
        Assert.Equal(15u, (uint)XenMemOp.RemoveFromPhysmap);
        Assert.Equal(23u, (uint)XenMemOp.AddToPhysmapBatch);
        Assert.Equal(0x3Fu, XenMem.CommandMask);
        Assert.Equal(0u, (uint)XenMapSpace.SharedInfo);
        Assert.Equal(1u, (uint)XenMapSpace.GrantTable);
        Assert.Equal(5u, (uint)XenMapSpace.DevMmio);
        Assert.Equal(0x8000_0000UL, XenMem.MapIdxGrantTableStatus);
    }

    [Fact]
    public void HvmParams()
    {
        // 3.4, 3.7
        Assert.Equal(0u, (uint)HvmOp.SetParam);
        Assert.Equal(1u, (uint)HvmOp.GetParam);
        Assert.Equal(1u, (uint)HvmParam.StorePfn);
        Assert.Equal(2u, (uint)HvmParam.StoreEvtchn);
        Assert.Equal(17u, (uint)HvmParam.ConsolePfn);
        Assert.Equal(18u, (uint)HvmParam.ConsoleEvtchn);
        Assert.Equal(28u, (uint)HvmParam.MonitorRingPfn);
        Assert.Equal((HvmCallback.TypePpi << HvmCallback.TypeShift) | HvmCallback.PpiFlagLowLevel | 31, HvmCallback.ArmDomUValue);
        Assert.Equal(0x0200_0000_0000_021FUL, HvmCallback.ArmDomUValue);
    }

    [Fact]
    public void EventChannels()
    {
        // 4.1, 4.2, 4.6, 3.4
        Assert.Equal(0u, (uint)EvtchnOp.BindInterdomain);
        Assert.Equal(4u, (uint)EvtchnOp.Send);
        Assert.Equal(6u, (uint)EvtchnOp.AllocUnbound);
        Assert.Equal(9u, (uint)EvtchnOp.Unmask);
        Assert.Equal(11u, (uint)EvtchnOp.InitControl);
        Assert.Equal(13u, (uint)EvtchnOp.SetPriority);
        Assert.Equal(2u, (uint)EvtchnStat.Interdomain);
        Assert.Equal(5u, (uint)EvtchnStat.Ipi);
        Assert.Equal(4096u, Evtchn.TwoLevelNrChannels);
        Assert.Equal(8u * 8 * 64, Evtchn.TwoLevelNrChannels);
        Assert.Equal(17, Evtchn.FifoLinkBits);
        Assert.Equal(31, Evtchn.GuestEvtchnPpi);
        Assert.Equal(0u, (uint)Virq.Timer);
        Assert.Equal(3u, (uint)Virq.DomExc);
        Assert.Equal(6u, (uint)Virq.Debugger);
        Assert.Equal(13u, (uint)Virq.Xenpmu);
        Assert.Equal(23u, (uint)Virq.Arch7);
        Assert.Equal(24u, Virqs.NrVirqs);
    }

    [Fact]
    public void GrantTables()
    {
        // 5.1-5.5
        Assert.Equal(0u, (uint)GnttabOp.MapGrantRef);
        Assert.Equal(1u, (uint)GnttabOp.UnmapGrantRef);
        Assert.Equal(5u, (uint)GnttabOp.Copy);
        Assert.Equal(6u, (uint)GnttabOp.QuerySize);
        Assert.Equal(8u, (uint)GnttabOp.SetVersion);
        Assert.Equal(12u, (uint)GnttabOp.CacheFlush);
        Assert.Equal(0xFFFu, GrantTable.CommandMask);
        Assert.Equal(512, GrantTable.EntriesPerFrameV1);
        Assert.Equal(XenAbi.PageSize / GrantEntryV1.Size, GrantTable.EntriesPerFrameV1);
        Assert.Equal(64, GrantTable.DefaultMaxFrames);
        Assert.Equal(8, GrantTable.NrReservedEntries);
        Assert.Equal(-3, (short)GrantStatus.BadGntref);
        Assert.Equal(-4, (short)GrantStatus.BadHandle);
        Assert.Equal(-8, (short)GrantStatus.PermissionDenied);
        Assert.Equal(-10, (short)GrantStatus.BadCopyArg);
        Assert.Equal(-13, (short)GrantStatus.NoSpace);
        Assert.Equal(1, GrantFlags.PermitAccess);
        Assert.Equal(0x4, GrantFlags.Readonly);
        Assert.Equal(0x8, GrantFlags.Reading);
        Assert.Equal(0x10, GrantFlags.Writing);
        Assert.Equal(3, GrantFlags.TypeMask);
        Assert.Equal(2u, GntMap.HostMap);
        Assert.Equal(4u, GntMap.Readonly);
        Assert.Equal(1, GntCopy.SourceGref);
        Assert.Equal(2, GntCopy.DestGref);
    }

    [Fact]
    public void SchedVcpuAndMisc()
    {
        // 6.1, 6.2, 6.5, 6.6, 3.8
        Assert.Equal(2u, (uint)SchedOp.Shutdown);
        Assert.Equal(6u, (uint)SchedOp.Watchdog);
        Assert.Equal(0u, (uint)ShutdownReason.Poweroff);
        Assert.Equal(3u, (uint)ShutdownReason.Crash);
        Assert.Equal(5u, (uint)ShutdownReason.SoftReset);
        Assert.Equal(128u, Sched.PollMaxPorts);
        Assert.Equal(5u, (uint)VcpuOp.RegisterRunstateMemoryArea);
        Assert.Equal(10u, (uint)VcpuOp.RegisterVcpuInfo);
        Assert.Equal(15u, (uint)VcpuOp.RegisterVcpuTimePhysArea);
        Assert.Equal(2, (int)RunstateState.Blocked);
        Assert.Equal(1UL << 63, Runstate.XenRunstateUpdate);
        Assert.Equal(5u, (uint)VmAssistType.RunstateUpdateFlag);
        Assert.Equal(1u, (uint)VmAssistCmd.Disable);
        Assert.Equal(0u, (uint)ConsoleIoCmd.Write);
        Assert.Equal(25u, (uint)PhysdevOp.PciDeviceAdd);
        Assert.Equal(62u, PlatformOp.Settime64);
    }

    [Fact]
    public void XenVersionAndFeatures()
    {
        // 6.3
        Assert.Equal(6u, (uint)XenVersionCmd.GetFeatures);
        Assert.Equal(7u, (uint)XenVersionCmd.Pagesize);
        Assert.Equal(14u, (uint)XenVersionCmd.Commandline2);
        Assert.Equal(11, XenFeat.Dom0);
        Assert.Equal(16, XenFeat.NotDirectMapped);
        uint submap = (1u << XenFeat.WritablePageTables) | (1u << XenFeat.AutoTranslatedPhysmap)
            | (1u << XenFeat.MemoryOpVnodeSupported) | (1u << XenFeat.ArmSmcccSupported) | (1u << XenFeat.NotDirectMapped);
        Assert.Equal(0x0001_6005u, submap);
        Assert.Equal(XenFeat.ArmDomUSubmap0, submap);
        Assert.Equal(0u, XenFeat.ArmDomUSubmap0 & (1u << XenFeat.Dom0));
    }

    [Fact]
    public void SmcccAndPsci()
    {
        // 7.1, 7.2
        Assert.Equal(0x8000_0000u, Smccc.Version);
        Assert.Equal(0x8000_0001u, Smccc.ArchFeatures);
        Assert.Equal(0xFFFF_FFFFu, Smccc.NotSupported);
        Assert.Equal(0x8500_FF01u, Smccc.XenUid);
        Assert.Equal(Smccc.OwnerStandardHyp, (Smccc.XenUid >> Smccc.OwnerShift) & Smccc.OwnerMask);
        Assert.Equal(Smccc.OwnerStandard, (PsciFunction.CpuOn >> Smccc.OwnerShift) & Smccc.OwnerMask);
        Assert.Equal(0xDC1218A7u, Smccc.XenUid0);
        Assert.Equal(0x67E6DE8Du, Smccc.XenUid3);
        Assert.Equal(0x8400_0003u, PsciFunction.CpuOn);
        Assert.Equal(0x8400_000Au, PsciFunction.Features);
        Assert.Equal(0xC400_0003u, PsciFunction.CpuOn64);
        Assert.NotEqual(0u, PsciFunction.CpuOn64 & Smccc.Convention64);
        Assert.Equal(0x0001_0001u, PsciFunction.Version1_1);
        Assert.Equal(2u, PsciFunction.MigrateInfoTypeNone);
        Assert.Equal(-4, (int)PsciReturn.AlreadyOn);
        Assert.Equal(-9, (int)PsciReturn.InvalidAddress);
    }

    [Fact]
    public void XenStoreAndXenbus()
    {
        // 8.1-8.3, 8.7
        Assert.Equal(2u, (uint)XsdSockmsgType.Read);
        Assert.Equal(11u, (uint)XsdSockmsgType.Write);
        Assert.Equal(15u, (uint)XsdSockmsgType.WatchEvent);
        Assert.Equal(16u, (uint)XsdSockmsgType.Error);
        Assert.Equal(21u, (uint)XsdSockmsgType.ResetWatches);
        Assert.Equal(0xFFFFu, (uint)XsdSockmsgType.Invalid);
        Assert.Equal(4096, XenStore.PayloadMax);
        Assert.Equal(3072, XenStore.AbsPathMax);
        Assert.Equal(1u, XenStore.Reconnect);
        Assert.Equal(3u, XenStore.ErrorProto);
        Assert.Equal(2, (int)XenbusState.InitWait);
        Assert.Equal(4, (int)XenbusState.Connected);
        Assert.Equal(6, (int)XenbusState.Closed);
    }

    [Fact]
    public void ConsoleVchanAndBlkif()
    {
        // 9.1, 11.1, 10.2
        Assert.Equal(1024, XenCons.InSize);
        Assert.Equal(2048, XenCons.OutSize);
        Assert.Equal(1, XenCons.Disconnected);
        Assert.Equal(1, Vchan.NotifyWrite);
        Assert.Equal(2, Vchan.NotifyRead);
        Assert.Equal(1024, 1 << Vchan.MinOrder);
        Assert.Equal(1 << 20, 1 << Vchan.MaxOrder);
        Assert.Equal(6, (int)BlkifOp.Indirect);
        Assert.Equal(-2, (short)BlkifRsp.EOpNotSupp);
        Assert.Equal(11, Blkif.MaxSegmentsPerRequest);
        Assert.Equal(4u, Blkif.VdiskReadonly);
        Assert.Equal("arm-abi", Blkif.ProtocolArm);
    }
}
