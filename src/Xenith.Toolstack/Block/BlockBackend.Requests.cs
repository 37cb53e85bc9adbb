using Xenith.Abi;

namespace Xenith.Toolstack.Block;

/// <summary>
/// Serving the ring, one batch at a time in three steps: under the gate, requests are copied out, checked, and the
/// data of writes copied from the granted pages; without it, the image is read and written in ring order (so a
/// flush's response follows the data before it onto the disk); under the gate again, the data of reads goes into the
/// granted pages and the responses are pushed. Grant mappings of data pages live only inside one gate hold.
/// </summary>
internal sealed partial class BlockBackend
{
    private sealed class Job(ulong id, byte operation, BlkifRsp status, BlockRequest? request)
    {
        public ulong Id { get; } = id;
        public byte Operation { get; } = operation;
        public BlkifRsp Status { get; set; } = status;
        public BlockRequest? Request { get; } = request;
    }

    /// <summary>Serves one batch; true when more requests are waiting.</summary>
    private bool Serve()
    {
        BlkifBackRing ring;
        var jobs = new List<Job>();
        lock (_host.Gate)
        {
            if (_closed || _connection is null)
                return false;
            ring = _connection.Ring;
            var requests = new List<BlkifRequest>();
            ring.TakeRequests(requests);
            if (ring.Overflowed)
            {
                _host.Log($"(XEN) blkback d{_guest.Id} {VirtualDevice}: the frontend's req_prod is beyond the ring; the ring is no longer served");
                return false;
            }
            foreach (BlkifRequest r in requests)
            {
                var status = BlockRequest.Parse(r, _image.Sectors, _image.ReadOnly, out var request);
                var job = new Job(r.Id, r.Operation, status, request);
                if (status == BlkifRsp.Okay && request!.Writes && request.Bytes != 0)
                {
                    request.Data = new byte[request.Bytes];
                    if (!CopySegments(request, toGuest: false))
                        job.Status = BlkifRsp.Error;
                }
                jobs.Add(job);
            }
        }
        foreach (Job job in jobs)
        {
            if (job.Status == BlkifRsp.Okay)
                job.Status = Perform(job.Request!);
        }
        lock (_host.Gate)
        {
            // Disconnected meanwhile: the ring is not ours any more.
            if (_closed || _connection?.Ring != ring)
                return false;
            foreach (Job job in jobs)
            {
                if (job.Status == BlkifRsp.Okay && job.Request!.Op == BlkifOp.Read && !CopySegments(job.Request, toGuest: true))
                    job.Status = BlkifRsp.Error;
                ring.PutResponse(job.Id, job.Operation, job.Status);
            }
            if (jobs.Count != 0 && ring.PushResponses())
                _host.Dom0.Events.Send(_connection.Port);
            return ring.FinalCheckForRequests();
        }
    }

    /// <summary>The disk side of one checked request, without the gate. A failing host file is ERROR for the guest.</summary>
    private BlkifRsp Perform(BlockRequest r)
    {
        lock (_io)
        {
            if (_closed)
                return BlkifRsp.Error;
            try
            {
                switch (r.Op)
                {
                    case BlkifOp.Read:
                        r.Data = new byte[r.Bytes];
                        _image.Read(r.Offset, r.Data);
                        break;
                    case BlkifOp.Write:
                        _image.Write(r.Offset, r.Data);
                        break;
                    // Both put every earlier write on stable storage before their own data, and that data too before
                    // they complete (a pre-flush and a forced write). The ring is served in order, so "earlier" is
                    // everything answered before.
                    case BlkifOp.WriteBarrier or BlkifOp.FlushDiskcache:
                        _image.Flush();
                        if (r.Bytes != 0)
                        {
                            _image.Write(r.Offset, r.Data);
                            _image.Flush();
                        }
                        break;
                }
                return BlkifRsp.Okay;
            }
            catch (IOException e)
            {
                _host.Log($"(XEN) blkback d{_guest.Id} {VirtualDevice}: {e.Message}");
                return BlkifRsp.Error;
            }
        }
    }

    /// <summary>
    /// Under the gate: moves the request's data between <see cref="BlockRequest.Data"/> and the granted pages, each
    /// mapped from the frontend (writable only when the backend writes into it) and unmapped at once. False when a
    /// grant does not map (bad reference, wrong domain, read-only for a read).
    /// </summary>
    private unsafe bool CopySegments(BlockRequest r, bool toGuest)
    {
        int at = 0;
        foreach (BlockSegment s in r.Segments)
        {
            if (MapGrant(s.Gref, readOnly: !toGuest) is not var (handle, gfn))
                return false;
            var page = new Span<byte>((byte*)_host.Pages.PageAt(gfn) + s.PageOffset, s.Length);
            var data = r.Data.AsSpan(at, s.Length);
            if (toGuest)
                data.CopyTo(page);
            else
                page.CopyTo(data);
            Unmap([(handle, gfn)]);
            at += s.Length;
        }
        return true;
    }
}
