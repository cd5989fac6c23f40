using Conformance.Adapters.Wire;
using Conformance.Adapters.Wire.CreateContexts;
using Conformance.Adapters.Wire.Messages;
using Conformance.ReferenceServer.Adm;

namespace Conformance.ReferenceServer.Processing.Create;

/// <summary>
/// The validation phases of 3.3.5.9 ("Path Name Validation", "Create Context Validation", the checks
/// of "Open Execution" that need no object store): a <see cref="CreateOperation"/>, or the status the
/// request fails with.
/// </summary>
internal static class CreateValidation
{
    private const CreateOptions ValidOptions = (CreateOptions)0x00FFFFFF;

    public static (CreateOperation? Operation, uint Status) Validate(RequestContext context)
    {
        var decoded = CreateRequest.Read(context.Bytes);
        if (!decoded.IsSuccess)
        {
            return (null, NtStatus.InvalidParameter);
        }
        var request = decoded.Value;
        var (durable, durableStatus) = DurableRequest.Of(request, context.Connection.Dialect ?? Dialect.Smb202);
        if (durable is null)
        {
            return (null, durableStatus);
        }
        if (durable.IsReconnect)
        {
            return Reconnecting(context, request, durable);
        }
        var options = request.CreateOptions;
        if (request.CreateDisposition > CreateDisposition.FileOverwriteIf || (options & ~ValidOptions) != 0
            || (options & (CreateOptions.FileDirectoryFile | CreateOptions.FileNonDirectoryFile)) == (CreateOptions.FileDirectoryFile | CreateOptions.FileNonDirectoryFile))
        {
            return (null, NtStatus.InvalidParameter);
        }
        if ((uint)request.ImpersonationLevel > 3)
        {
            return (null, NtStatus.BadImpersonationLevel);
        }
        if ((options & CreateOptions.FileOpenByFileId) != 0)
        {
            return (null, NtStatus.NotSupported);
        }
        var name = request.Name;
        if (name.StartsWith('\\'))
        {
            return (null, NtStatus.InvalidParameter);
        }
        if (name.EndsWith("::$DATA", StringComparison.OrdinalIgnoreCase))
        {
            name = name[..^"::$DATA".Length];
        }
        if (context.TreeConnect!.Share.Store is not { } store)
        {
            // IPC$: this server offers no named pipes.
            return (null, NtStatus.ObjectNameNotFound);
        }
        var desired = AccessMasks.Map(request.DesiredAccess);
        if ((request.DesiredAccess & AccessMask.AccessSystemSecurity) != 0)
        {
            return (null, NtStatus.PrivilegeNotHeld);
        }
        if ((options & CreateOptions.FileDeleteOnClose) != 0 && (desired & AccessMask.Delete) == 0)
        {
            return (null, NtStatus.InvalidParameter);
        }
        if (desired == AccessMask.None)
        {
            return (null, NtStatus.AccessDenied);
        }
        var (lease, leaseStatus) = LeaseOf(context, request);
        if (leaseStatus != NtStatus.Success)
        {
            return (null, leaseStatus);
        }
        var create = new CreateOperation(context, request, name, desired, store) { LeaseRequest = lease, Durable = durable };
        if (lease is not null)
        {
            // "Path Name Validation" of 3.3.5.9.8 / 3.3.5.9.11: the client's lease of that key, which must be on this file.
            create.ExistingLease = LeaseOfKey(context, lease.LeaseKey);
            if (create.ExistingLease is { } existing && !existing.Filename.Equals(create.LeaseFilename, StringComparison.OrdinalIgnoreCase))
            {
                return (null, NtStatus.InvalidParameter);
            }
        }
        return (create, NtStatus.Success);
    }

    /// <summary>
    /// A reconnect (3.3.5.9.7, 3.3.5.9.12) has no "Path Name Validation" or "Open Execution": only its
    /// lease context is read, to be compared with the open's lease.
    /// </summary>
    private static (CreateOperation? Operation, uint Status) Reconnecting(RequestContext context, CreateRequest request, DurableRequest durable)
    {
        if (context.TreeConnect!.Share.Store is not { } store)
        {
            return (null, NtStatus.ObjectNameNotFound);
        }
        var (lease, leaseStatus) = LeaseOf(context, request);
        return leaseStatus != NtStatus.Success
            ? (null, leaseStatus)
            : (new CreateOperation(context, request, request.Name, AccessMasks.Map(request.DesiredAccess), store) { LeaseRequest = lease, Durable = durable }, NtStatus.Success);
    }

    /// <summary>The lease of <paramref name="leaseKey"/> in the lease table of the connection's ClientGuid (GlobalLeaseTableList), or null.</summary>
    public static Lease? LeaseOfKey(RequestContext context, Guid leaseKey) =>
        context.Server.GlobalLeaseTableList.TryGetValue(context.Connection.ClientGuid, out var table) && table.LeaseList.TryGetValue(leaseKey, out var lease)
            ? lease
            : null;

    /// <summary>
    /// The lease context a CREATE asking for SMB2_OPLOCK_LEVEL_LEASE carries ("Oplock Acquisition" of
    /// 3.3.5.9): a v1 context at 2.1 or 3.x, a v2 one at 3.x; a v2 context at 2.1, or one of another
    /// size, is STATUS_INVALID_PARAMETER. A server without leasing, a 2.0.2 connection, or another requested level
    /// ignores the context (3.3.5.9.8, 3.3.5.9.11); a LEASE request without one gets no lease.
    /// </summary>
    private static (LeaseRequest? Lease, uint Status) LeaseOf(RequestContext context, CreateRequest request)
    {
        var dialect = context.Connection.Dialect;
        if (request.RequestedOplockLevel != OplockLevel.Lease || !context.Server.IsLeasingSupported || dialect is null or Dialect.Smb202)
        {
            return (null, NtStatus.Success);
        }
        var leaseContext = request.CreateContexts.FirstOrDefault(candidate => candidate.Name.Span.SequenceEqual(CreateContextNames.RequestLease.Span));
        // 3.3.5.9: an "RqLs" buffer of neither 0x20 nor 0x34 bytes, or of 0x34 below 3.x, is STATUS_INVALID_PARAMETER.
        if (leaseContext is RawCreateContext || (leaseContext is CreateRequestLeaseV2 && !dialect.Value.IsSmb3()))
        {
            return (null, NtStatus.InvalidParameter);
        }
        return (leaseContext is null ? null : LeaseRequest.Of(leaseContext), NtStatus.Success);
    }
}
