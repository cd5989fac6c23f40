using Conformance.Adapters.Wire;
using Conformance.Adapters.Wire.CreateContexts;
using Conformance.Adapters.Wire.Messages;

namespace Conformance.ReferenceServer.Processing.Create;

/// <summary>
/// The durability contexts of a CREATE (DHnQ 2.2.13.2.3, DHnC 2.2.13.2.4, DH2Q 2.2.13.2.11, DH2C
/// 2.2.13.2.12, the app instance id 2.2.13.2.13) and the combinations 3.3.5.9.6, 3.3.5.9.7,
/// 3.3.5.9.10 and 3.3.5.9.12 refuse with STATUS_INVALID_PARAMETER. The v2 contexts and the app
/// instance id are 3.x only and ignored below it; a DHnQ beside a DHnC is ignored (3.3.5.9.7).
/// </summary>
internal sealed record DurableRequest(
    CreateDurableHandleRequest? V1,
    CreateDurableHandleRequestV2? V2,
    CreateDurableHandleReconnect? ReconnectV1,
    CreateDurableHandleReconnectV2? ReconnectV2,
    CreateAppInstanceId? AppInstance)
{
    public static DurableRequest None { get; } = new(null, null, null, null, null);

    public bool IsReconnect => ReconnectV1 is not null || ReconnectV2 is not null;

    /// <summary>The persistent FileId the reconnect names.</summary>
    public FileId ReconnectFileId => ReconnectV2?.FileId ?? ReconnectV1!.Data;

    public static (DurableRequest? Request, uint Status) Of(CreateRequest request, Dialect dialect)
    {
        var contexts = request.CreateContexts;
        var smb3 = dialect.IsSmb3();
        var v1 = contexts.OfType<CreateDurableHandleRequest>().FirstOrDefault();
        var reconnectV1 = contexts.OfType<CreateDurableHandleReconnect>().FirstOrDefault();
        var v2 = smb3 ? contexts.OfType<CreateDurableHandleRequestV2>().FirstOrDefault() : null;
        var reconnectV2 = smb3 ? contexts.OfType<CreateDurableHandleReconnectV2>().FirstOrDefault() : null;
        var appInstance = smb3 ? contexts.OfType<CreateAppInstanceId>().FirstOrDefault() : null;
        // 3.3.5.9.10 and 3.3.5.9.12 (MUST): a v2 context beside any other durability context;
        // 3.3.5.9.6 and 3.3.5.9.7 (SHOULD, as Windows does): a v1 context beside a v2 one.
        var versionOne = v1 is not null || reconnectV1 is not null;
        var versionTwo = v2 is not null || reconnectV2 is not null;
        if ((v2 is not null && reconnectV2 is not null) || (versionOne && versionTwo))
        {
            return (null, NtStatus.InvalidParameter);
        }
        return (new DurableRequest(reconnectV1 is null ? v1 : null, v2, reconnectV1, reconnectV2, appInstance), NtStatus.Success);
    }

    /// <summary>
    /// A DHnQ or DH2Q applies only when the CREATE asks for a batch oplock or for a lease with handle
    /// caching (3.3.5.9.6; 3.3.5.9.10, which also takes the persistent flag); otherwise it is ignored.
    /// </summary>
    public bool AsksDurability(CreateRequest request, LeaseRequest? lease) =>
        (V1 is not null || V2 is not null)
        && (request.RequestedOplockLevel == OplockLevel.Batch
            || (lease is not null && (lease.LeaseState & LeaseState.HandleCaching) != 0)
            || (V2 is not null && (V2.Flags & DurableHandleFlags.Persistent) != 0));
}
