using Conformance.Adapters.Wire;
using Conformance.Adapters.Wire.Messages;
using Conformance.ReferenceServer.Adm;

namespace Conformance.ReferenceServer.Processing;

/// <summary>SMB2 TREE_CONNECT (3.3.5.7): the share named by the last component of \\server\share.</summary>
internal sealed class TreeConnectHandler : ICommandHandler
{
    public bool RequiresSession => true;
    public bool RequiresTreeConnect => false;

    public Task<Outcome> HandleAsync(RequestContext context, CancellationToken cancellationToken)
    {
        var session = context.Session!;
        // Current MS-SMB2 3.3.5.7: at 3.1.1 an authenticated (neither anonymous nor guest) session's
        // TREE_CONNECT that is neither signed nor encrypted ends the connection.
        if (context.Connection.Dialect == Dialect.Smb311 && !session.IsAnonymous && !session.IsGuest && !context.Header.IsSigned && !context.IsEncrypted)
        {
            return Task.FromResult(Outcome.Disconnect("an unsigned, unencrypted TREE_CONNECT at 3.1.1 (current MS-SMB2 3.3.5.7)"));
        }
        var decoded = TreeConnectRequest.Read(context.Bytes);
        if (!decoded.IsSuccess)
        {
            return Task.FromResult(Outcome.Error(Smb2Command.TreeConnect, NtStatus.InvalidParameter));
        }
        var path = decoded.Value.Path;
        var separator = path.LastIndexOf('\\');
        if (!path.StartsWith(@"\\", StringComparison.Ordinal) || separator < 2)
        {
            return Task.FromResult(Outcome.Error(Smb2Command.TreeConnect, NtStatus.BadNetworkName));
        }
        var shareName = path[(separator + 1)..];
        if (!context.Server.ShareList.TryGetValue(shareName, out var share))
        {
            return Task.FromResult(Outcome.Error(Smb2Command.TreeConnect, NtStatus.BadNetworkName));
        }
        var connection = context.Connection;
        // 3.3.5.7: an encrypted share refuses a client that cannot encrypt.
        if ((share.EncryptData || context.Server.EncryptData) && context.Server.RejectUnencryptedAccess
            && (!connection.IsSmb3 || connection.EffectiveCipher is null || session.EncryptionKey is null))
        {
            return Task.FromResult(Outcome.Error(Smb2Command.TreeConnect, NtStatus.AccessDenied));
        }
        if (session.IsAnonymous && !share.IsPipe)
        {
            return Task.FromResult(Outcome.Error(Smb2Command.TreeConnect, NtStatus.AccessDenied));
        }
        // 3.3.5.7: the share's current uses (the tree connects of every live session) at Share.MaxUses refuse one more.
        if (share.MaxUses is { } maxUses && CurrentUses(context.Server, share) >= maxUses)
        {
            return Task.FromResult(Outcome.Error(Smb2Command.TreeConnect, NtStatus.RequestNotAccepted));
        }
        var treeConnect = new TreeConnect(session.NewTreeId(), session, share, context.Runtime.Clock.GetUtcNow()) { MaximalAccess = share.MaximalAccess };
        session.TreeConnectTable[treeConnect.TreeId] = treeConnect;
        context.TreeId = treeConnect.TreeId;
        context.TreeConnect = treeConnect;
        var flags = share.CscFlags;
        if (share.EncryptData && connection.IsSmb3 && !session.EncryptData)
        {
            flags |= ShareFlags.EncryptData;
        }
        return Task.FromResult(Outcome.Success(new TreeConnectResponse
        {
            ShareType = share.Type,
            ShareFlags = flags,
            // 3.3.5.7: SMB2_SHARE_CAP_SCALEOUT at 3.x when Share.Type includes STYPE_CLUSTER_SOFS.
            Capabilities = connection.IsSmb3
                ? (share.IsScaleOut ? ShareCapabilities.Scaleout : ShareCapabilities.None) | (share.IsCA ? ShareCapabilities.ContinuousAvailability : ShareCapabilities.None)
                : ShareCapabilities.None,
            MaximalAccess = (uint)treeConnect.MaximalAccess,
        }));
    }

    private static int CurrentUses(Server server, Share share) =>
        server.GlobalSessionTable.Values.Sum(session => session.TreeConnectTable.Values.Count(tree => tree.Share == share));
}
