using Conformance.Adapters.Wire.Messages;

namespace Conformance.Adapters.Client;

/// <summary>LOGOFF, TREE_CONNECT, TREE_DISCONNECT and ECHO (3.2.4.2.4, 3.2.4.22, 3.2.4.23, 3.2.4.26 and the matching 3.2.5.x).</summary>
public sealed partial class Connection
{
    /// <summary>Connects to <paramref name="shareName"/> as "\\ServerName\share" (or a full UNC path given as is).</summary>
    public async Task<TreeConnectResult> TreeConnectAsync(Session session, string shareName, TreeConnectRequest? request = null, CancellationToken cancellationToken = default)
    {
        request ??= new TreeConnectRequest();
        if (request.Path.Length == 0)
        {
            request.Path = shareName.StartsWith(@"\\", StringComparison.Ordinal) ? shareName : $@"\\{ServerName}\{shareName}";
        }
        var response = await SendTypedAsync<TreeConnectResponse>(request, session, null, cancellationToken: cancellationToken).ConfigureAwait(false);
        if (response is not { IsSuccess: true, Body: { } body })
        {
            return new TreeConnectResult(null, response);
        }
        // 3.2.5.5: the share's flags and capabilities as the tree connect's state.
        var tree = new TreeConnect(session, response.Header.TreeId, shareName)
        {
            ShareType = body.ShareType,
            ShareFlags = body.ShareFlags,
            Capabilities = body.Capabilities,
            MaximalAccess = (AccessMask)body.MaximalAccess,
            IsDfsShare = (body.ShareFlags & (ShareFlags.Dfs | ShareFlags.DfsRoot)) != 0 || (body.Capabilities & ShareCapabilities.Dfs) != 0,
            IsCAShare = (body.Capabilities & ShareCapabilities.ContinuousAvailability) != 0,
            IsScaleoutShare = (body.Capabilities & ShareCapabilities.Scaleout) != 0,
            EncryptData = (body.ShareFlags & ShareFlags.EncryptData) != 0,
        };
        session.TreeConnectTable[tree.TreeConnectId] = tree;
        return new TreeConnectResult(tree, response);
    }

    public async Task<Smb2Response<TreeDisconnectResponse>> TreeDisconnectAsync(TreeConnect tree, CancellationToken cancellationToken = default)
    {
        var response = await SendTypedAsync<TreeDisconnectResponse>(new TreeDisconnectRequest(), tree.Session, tree, cancellationToken: cancellationToken).ConfigureAwait(false);
        if (response.IsSuccess)
        {
            tree.Session.TreeConnectTable.TryRemove(tree.TreeConnectId, out _);
        }
        return response;
    }

    public async Task<Smb2Response<LogoffResponse>> LogoffAsync(Session session, CancellationToken cancellationToken = default)
    {
        var response = await SendTypedAsync<LogoffResponse>(new LogoffRequest(), session, null, cancellationToken: cancellationToken).ConfigureAwait(false);
        if (response.IsSuccess)
        {
            SessionTable.TryRemove(session.SessionId, out _);
        }
        return response;
    }

    /// <summary>ECHO, in a session if one is given (then signed or encrypted as the session requires).</summary>
    public Task<Smb2Response<EchoResponse>> EchoAsync(Session? session = null, CancellationToken cancellationToken = default) =>
        SendTypedAsync<EchoResponse>(new EchoRequest(), session, null, cancellationToken: cancellationToken);
}
