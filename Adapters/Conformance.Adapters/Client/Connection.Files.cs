using Conformance.Adapters.Wire;
using Conformance.Adapters.Wire.CreateContexts;
using Conformance.Adapters.Wire.Messages;

namespace Conformance.Adapters.Client;

/// <summary>CREATE, CLOSE, READ, WRITE, FLUSH and LOCK (3.2.4.3 to 3.2.4.7, 3.2.4.16, 3.2.4.19 and their 3.2.5.x).</summary>
public sealed partial class Connection
{
    /// <summary>
    /// Opens <paramref name="request"/>'s Name on <paramref name="tree"/>. On success the Open carries
    /// FileId, OplockLevel, durability (v1/v2 responses), CreateGuid and the lease the server granted
    /// (3.2.5.6), and is put in Session.OpenTable.
    /// </summary>
    public async Task<CreateResult> CreateAsync(TreeConnect tree, CreateRequest request, CancellationToken cancellationToken = default)
    {
        var response = await SendTypedAsync<CreateResponse>(request, tree.Session, tree, cancellationToken: cancellationToken).ConfigureAwait(false);
        if (response is not { IsSuccess: true, Body: { } body })
        {
            return new CreateResult(null, response);
        }
        var open = new Open(tree, this, body.FileId, request.Name)
        {
            OplockLevel = body.OplockLevel,
            DesiredAccess = request.DesiredAccess,
            ShareMode = request.ShareAccess,
            CreateOptions = request.CreateOptions,
            FileAttributes = request.FileAttributes,
            CreateDisposition = request.CreateDisposition,
        };
        foreach (var context in request.CreateContexts)
        {
            if (context is CreateDurableHandleRequestV2 durableV2)
            {
                open.CreateGuid = durableV2.CreateGuid;
            }
        }
        foreach (var context in body.CreateContexts)
        {
            switch (context)
            {
                case CreateDurableHandleResponse:
                    open.Durable = true;
                    break;
                case CreateDurableHandleResponseV2 durableV2:
                    open.Durable = true;
                    open.DurableTimeout = durableV2.Timeout;
                    open.IsPersistent = (durableV2.Flags & DurableHandleFlags.Persistent) != 0;
                    break;
                case CreateResponseLease lease:
                    open.Lease = new Lease(lease.LeaseKey, request.Name) { LeaseState = lease.LeaseState };
                    break;
                case CreateResponseLeaseV2 lease:
                    open.Lease = new Lease(lease.LeaseKey, request.Name) { LeaseState = lease.LeaseState, Epoch = lease.Epoch };
                    break;
            }
        }
        open.Lease?.OpenTable.Add(open);
        tree.Session.OpenTable[open.FileId] = open;
        return new CreateResult(open, response);
    }

    public async Task<Smb2Response<CloseResponse>> CloseAsync(Open open, CloseFlags flags = CloseFlags.None, CancellationToken cancellationToken = default)
    {
        var response = await SendTypedAsync<CloseResponse>(new CloseRequest { FileId = open.FileId, Flags = flags }, open.TreeConnect.Session, open.TreeConnect, open.FileId, cancellationToken: cancellationToken).ConfigureAwait(false);
        if (response.IsSuccess)
        {
            open.TreeConnect.Session.OpenTable.TryRemove(open.FileId, out _);
            open.Lease?.OpenTable.Remove(open);
        }
        return response;
    }

    /// <summary>READ of <paramref name="length"/> bytes at <paramref name="offset"/>, multi-credit as 3.1.5.2 computes.</summary>
    public Task<Smb2Response<ReadResponse>> ReadAsync(Open open, ulong offset, uint length, CancellationToken cancellationToken = default) =>
        ReadAsync(open, new ReadRequest { FileId = open.FileId, Offset = offset, Length = length }, cancellationToken);

    public Task<Smb2Response<ReadResponse>> ReadAsync(Open open, ReadRequest request, CancellationToken cancellationToken = default) =>
        SendTypedAsync<ReadResponse>(request, open.TreeConnect.Session, open.TreeConnect, request.FileId, CreditChargeFor(request.Length), cancellationToken: cancellationToken);

    public Task<Smb2Response<WriteResponse>> WriteAsync(Open open, ulong offset, ReadOnlyMemory<byte> data, CancellationToken cancellationToken = default) =>
        WriteAsync(open, new WriteRequest { FileId = open.FileId, Offset = offset, Data = data }, cancellationToken);

    public Task<Smb2Response<WriteResponse>> WriteAsync(Open open, WriteRequest request, CancellationToken cancellationToken = default) =>
        SendTypedAsync<WriteResponse>(request, open.TreeConnect.Session, open.TreeConnect, request.FileId, CreditChargeFor(request.Data.Length), cancellationToken: cancellationToken);

    public Task<Smb2Response<FlushResponse>> FlushAsync(Open open, CancellationToken cancellationToken = default) =>
        SendTypedAsync<FlushResponse>(new FlushRequest { FileId = open.FileId }, open.TreeConnect.Session, open.TreeConnect, open.FileId, cancellationToken: cancellationToken);

    /// <summary>LOCK with <paramref name="locks"/>; a blocking lock may answer STATUS_PENDING first, which the pending request keeps (use PostAsync to see it).</summary>
    public Task<Smb2Response<LockResponse>> LockAsync(Open open, IReadOnlyList<LockElement> locks, uint lockSequence = 0, TimeSpan? timeout = null, CancellationToken cancellationToken = default) =>
        SendTypedAsync<LockResponse>(new LockRequest { FileId = open.FileId, Locks = [.. locks], LockSequence = lockSequence },
            open.TreeConnect.Session, open.TreeConnect, open.FileId, timeout: timeout, cancellationToken: cancellationToken);
}
