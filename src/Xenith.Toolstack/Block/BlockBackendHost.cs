using Xenith.Hypervisor.Domains;
using Xenith.XenStore;

namespace Xenith.Toolstack.Block;

/// <summary>
/// What a block backend borrows from domain 0: the hypervisor's gate, domain 0 itself (its grant table maps the
/// frontend's pages, its event channels reach the frontend), the window of dom0 gfns grant mappings go to,
/// xenstored, a way to route one of dom0's ports to the backend (null removes the route), and the log.
/// </summary>
internal sealed record BlockBackendHost(
    object Gate,
    Domain Dom0,
    Dom0Resources Pages,
    XenStoreDaemon Store,
    Action<uint, Action?> RoutePort,
    Action<string> Log);
