using Conformance.Adapters.Wire.Messages;
using Conformance.ReferenceServer.Adm;

namespace Conformance.ReferenceServer.Processing.Create;

/// <summary>
/// The durability parts of "Successful Open Initialization" (3.3.5.9.6 for a DHnQ, 3.3.5.9.10 for a
/// DH2Q): an open whose CREATE asked for a batch oplock or a handle-caching lease becomes durable, owned
/// by the session's user; a DH2Q records its CreateGuid and the Timeout the server keeps it for when
/// disconnected; a DH2Q with SMB2_DHANDLE_FLAG_PERSISTENT on a continuously available share (Share.IsCA)
/// of a connection with SMB2_GLOBAL_CAP_PERSISTENT_HANDLES makes it persistent, for the Timeout it asks
/// or else Share.CATimeout. Directories are never durable (the current
/// 3.3.5.9.10 skips them; 3.3.5.9.6 ignores a DHnQ beside a directory lease).
/// </summary>
internal static class DurableOpenInitialization
{
    /// <summary>
    /// The longest Timeout a DH2Q gets (the "implementation-specific value" of 3.3.5.9.10 &lt;272&gt;):
    /// the client's, up to five minutes; 0 gets the server's DurableOpenTimeout (--durable-timeout).
    /// </summary>
    public static readonly TimeSpan MaxDurableTimeout = TimeSpan.FromMinutes(5);

    public static void Run(CreateOperation create, Open open, bool isDirectory)
    {
        var durable = create.Durable;
        if (durable.V2 is not null && durable.AppInstance is { } appInstance)
        {
            // 3.3.5.9: Open.AppInstanceId, when the CREATE carries both DH2Q and the app instance id.
            open.AppInstanceId = appInstance.AppInstanceId;
        }
        if (isDirectory || !durable.AsksDurability(create.Request, create.LeaseRequest))
        {
            return;
        }
        open.IsDurable = true;
        open.DurableOwner = OwnerOf(create.Context.Session!);
        if (durable.V2 is not { } v2)
        {
            create.GrantedDurability = new DurableGrant(1, TimeSpan.Zero, Persistent: false);
            return;
        }
        open.CreateGuid = v2.CreateGuid;
        var asked = TimeSpan.FromMilliseconds(v2.Timeout);
        var server = create.Context.Server;
        open.IsPersistent = (v2.Flags & DurableHandleFlags.Persistent) != 0 && create.Share.IsCA
            && (create.Context.Connection.ServerCapabilities & GlobalCapabilities.PersistentHandles) != 0;
        open.DurableOpenTimeout = (open.IsPersistent, v2.Timeout) switch
        {
            (true, not 0) => asked,
            (true, 0) => create.Share.CATimeout != TimeSpan.Zero ? create.Share.CATimeout : server.DurableOpenTimeout,
            (false, 0) => server.DurableOpenTimeout,
            _ => asked < MaxDurableTimeout ? asked : MaxDurableTimeout,
        };
        create.GrantedDurability = new DurableGrant(2, open.DurableOpenTimeout, open.IsPersistent);
        open.IsReplayEligible = !create.Share.IsPipe && (open.IsPersistent || (open.GrantedAccess & ReplayEligibleAccess) != 0);
    }

    /// <summary>The access of a non-persistent open that makes it replay eligible (current MS-SMB2 3.3.5.9.10).</summary>
    private const AccessMask ReplayEligibleAccess = AccessMask.FileReadData | AccessMask.FileExecute | AccessMask.FileWriteData | AccessMask.FileAppendData | AccessMask.Delete;

    /// <summary>Open.DurableOwner: the user of the session that made the open (a reconnect as another user is refused).</summary>
    public static string OwnerOf(Session session) => $"{session.DomainName}\\{session.UserName}";
}
