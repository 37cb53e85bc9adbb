using Xenith.Rpc;
using Xenith.Toolstack.Block;
using Xenith.Toolstack.Config;
using Xenith.XenStore;

namespace Xenith.Toolstack;

/// <summary>
/// Virtual block devices (libxl's device_disk_add with domain 0 as the backend): the images are opened before the
/// domain is built, so a missing one fails <c>xl create</c> with nothing made; then the frontend and backend
/// directories are written with libxl's keys and permissions and one <see cref="BlockBackend"/> per disk takes over.
/// </summary>
public sealed partial class Toolstack
{
    /// <summary>Why Xenith cannot serve <paramref name="d"/> (it is then left out, with a warning), or null.</summary>
    private static string? WhyNotAttached(XlDiskSpec d) => d switch
    {
        { Target: null } or { Format: XlDiskFormat.Empty } => "an empty drive",
        { Format: not XlDiskFormat.Raw } => $"format {d.Format.ToString().ToLowerInvariant()}; only raw images are served",
        { BackendType: XlDiskBackendType.Tap or XlDiskBackendType.Standalone } => $"backendtype {d.BackendType.ToString().ToLowerInvariant()}",
        { Specification: XlDiskSpecification.Virtio } => "specification virtio",
        { Script: not null } => $"script {d.Script}; Xenith runs no hotplug scripts",
        { Backend: not (null or "0" or "Domain-0") } => $"backend {d.Backend}; only domain 0 serves disks",
        _ => null,
    };

    /// <summary>Opens the image of every disk that will be attached; the error names the path, as libxl's does.</summary>
    private static List<(XlDiskSpec Spec, DiskImage Image)> OpenDisks(XlDomainConfig config)
    {
        var opened = new List<(XlDiskSpec, DiskImage)>();
        try
        {
            foreach (XlDiskSpec d in config.Disks.Where(d => WhyNotAttached(d) is null))
            {
                try
                {
                    opened.Add((d, DiskImage.Open(d.Target!.Resolved, d.ReadOnly)));
                }
                catch (Exception e) when (e is IOException or UnauthorizedAccessException)
                {
                    throw new RpcException($"libxl: error: failed to open disk {d.Vdev} {d.Target!.Given} ({d.Target.Resolved}): {e.Message}", 1, LibxlError.Fail);
                }
            }
            return opened;
        }
        catch
        {
            foreach (var (_, image) in opened)
                image.Dispose();
            throw;
        }
    }

    private BlockBackendHost BlockHost => new(_machine.Gate, _dom0, _dom0Resources ??= new Dom0Resources(_dom0, _machine.Memory), XenStore,
        (port, handler) =>
        {
            if (handler is null)
                _extraPortHandlers.Remove(port);
            else
                _extraPortHandlers[port] = handler;
        }, AppendLog);

    /// <summary>
    /// Under the gate, before the guest runs: per disk, the frontend directory (the guest's: nD, r0) and the backend
    /// directory (domain 0's: n0, rD) in one transaction, then its backend, which goes to InitWait.
    /// </summary>
    private void AttachDisks(GuestRecord g, List<(XlDiskSpec Spec, DiskImage Image)> disks)
    {
        int id = (int)g.Domain.Id;
        var host = BlockHost;
        foreach (var (d, image) in disks)
        {
            var backend = new BlockBackend(host, g.Domain, d.VirtualDevice, image, d.IsCdrom);
            g.Disks.Add(backend);
            string front = backend.FrontendPath, back = backend.BackendPath;
            bool qdisk = d.BackendType == XlDiskBackendType.Qdisk;
            Xs.Transaction(tx =>
            {
                Xs.Write(front, "", tx);
                Xs.SetPermissions(front, [new XsPerm(id, XsAccess.None), new XsPerm(0, XsAccess.Read)], tx);
                foreach (var (k, v) in (ReadOnlySpan<(string, string)>)[("backend", back), ("backend-id", "0"), ("state", "1"),
                    ("virtual-device", Dec((ulong)d.VirtualDevice)), ("device-type", d.IsCdrom ? "cdrom" : "disk"), ("trusted", d.Trusted == false ? "0" : "1")])
                    Xs.Write($"{front}/{k}", v, tx);
                Xs.Write(back, "", tx);
                Xs.SetPermissions(back, [new XsPerm(0, XsAccess.None), new XsPerm(id, XsAccess.Read)], tx);
                foreach (var (k, v) in (ReadOnlySpan<(string, string)>)[("frontend", front), ("frontend-id", Dec(g.Domain.Id)),
                    ("params", qdisk ? "raw:" + d.Target!.Resolved : d.Target!.Resolved), ("online", "1"), ("removable", d.Removable ? "1" : "0"),
                    ("bootable", "1"), ("state", "1"), ("dev", d.Vdev), ("type", qdisk ? "qdisk" : "phy"), ("mode", d.ReadWrite ? "w" : "r"),
                    ("device-type", d.IsCdrom ? "cdrom" : "disk"), ("discard-enable", d.Discard == true ? "1" : "0")])
                    Xs.Write($"{back}/{k}", v, tx);
            });
            backend.Start();
        }
    }

    /// <summary>Under the gate: the backends closed (rings unmapped, ports closed, images closed) and their directory removed.</summary>
    private void DetachDisks(GuestRecord g)
    {
        foreach (BlockBackend b in g.Disks)
            b.Dispose();
        if (g.Disks.Count != 0)
        {
            try
            {
                Xs.Rm($"/local/domain/0/backend/vbd/{g.Domain.Id}");
            }
            catch (XenStoreException)
            {
                // Already gone.
            }
        }
        g.Disks.Clear();
    }
}
