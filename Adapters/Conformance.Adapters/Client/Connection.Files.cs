using Conformance.Adapters.Wire;
using Conformance.Adapters.Wire.CreateContexts;
using Conformance.Adapters.Wire.Messages;

namespace Conformance.Adapters.Client;

/// <summary>CREATE, CLOSE, READ, WRITE, FLUSH and LOCK (3.2.4.3 to 3.2.4.7, 3.2.4.16, 3.2.4.19 and their 3.2.5.x).</summary>
public sealed partial class Connection
{
    /// <summary>
    /// Opens <paramref name="request"/>'s Name on <paramref name="tree"/>. On success the Open carries
    /// FileId, OplockLevel, durability (v1/v2 responses), CreateGuid, and is put in Session.OpenTable
    /// (3.2.5.7). An open whose request carried a lease context (or whose response did) joins the
    /// client's <see cref="Lease"/> of that key in the GlobalFileTable, added when it is not there yet;
    /// the lease takes the response's state by 3.2.5.7.4 (v1) or 3.2.5.7.5 (v2, with the epoch).
    /// Nothing is refused or checked: the response is always in the result.
    /// </summary>
    public async Task<CreateResult> CreateAsync(TreeConnect tree, CreateRequest request, CancellationToken cancellationToken = default)
    {
        Open? open = null;
        var response = await SendProcessedAsync<CreateResponse>(request, tree.Session, tree,
            created => open = created is { IsSuccess: true, Body: { } body } ? Opened(tree, request, body) : null, cancellationToken: cancellationToken).ConfigureAwait(false);
        return new CreateResult(open, response);
    }

    /// <summary>3.2.5.7 for a successful CREATE, run by the receive loop (<see cref="SendProcessedAsync"/>).</summary>
    private Open Opened(TreeConnect tree, CreateRequest request, CreateResponse body)
    {
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
        TakeDurability(open, body);
        var requested = request.CreateContexts.Select(LeaseRequested).FirstOrDefault(lease => lease is not null)
            ?? body.CreateContexts.Select(LeaseRequested).FirstOrDefault(lease => lease is not null);
        if (requested is { } wanted)
        {
            var leaseKey = wanted.LeaseKey;
            open.Lease = Client.Join(leaseKey, request.Name, wanted.Version, wanted.ParentLeaseKey, open);
            foreach (var context in body.CreateContexts)
            {
                switch (context)
                {
                    case CreateResponseLease granted when granted.LeaseKey == leaseKey:
                        open.Lease.Granted(granted.LeaseState);
                        break;
                    case CreateResponseLeaseV2 granted when granted.LeaseKey == leaseKey:
                        open.Lease.Granted(granted.LeaseState, granted.Epoch, ParentOf(granted));
                        break;
                }
            }
        }
        tree.Session.OpenTable[open.FileId] = open;
        return open;
    }

    /// <summary>
    /// CLOSE of <paramref name="open"/>; on success the open leaves Session.OpenTable and its lease's
    /// OpenTable, and a lease left without opens leaves the GlobalFileTable (3.2.5.9).
    /// </summary>
    public Task<Smb2Response<CloseResponse>> CloseAsync(Open open, CloseFlags flags = CloseFlags.None, CancellationToken cancellationToken = default) =>
        SendProcessedAsync<CloseResponse>(new CloseRequest { FileId = open.FileId, Flags = flags }, open.TreeConnect.Session, open.TreeConnect, closed =>
        {
            if (closed.IsSuccess)
            {
                open.TreeConnect.Session.OpenTable.TryRemove(open.FileId, out _);
                Client.Release(open);
            }
        }, open.FileId, cancellationToken: cancellationToken);

    /// <summary>3.2.5.7.1 and 3.2.5.7.6: the durable handle response contexts.</summary>
    private static void TakeDurability(Open open, CreateResponse body)
    {
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
            }
        }
    }

    /// <summary>The lease key, version and parent key a lease context (request or response form) carries; null for another context.</summary>
    private static (Guid LeaseKey, int Version, Guid? ParentLeaseKey)? LeaseRequested(CreateContext context) => context switch
    {
        LeaseContext v1 => (v1.LeaseKey, 1, null),
        LeaseContextV2 v2 => (v2.LeaseKey, 2, ParentOf(v2)),
        _ => null,
    };

    private static Guid? ParentOf(LeaseContextV2 context) =>
        (context.Flags & LeaseFlags.ParentLeaseKeySet) != 0 ? context.ParentLeaseKey : null;

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
