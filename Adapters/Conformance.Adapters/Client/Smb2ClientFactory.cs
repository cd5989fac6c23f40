using Conformance.Adapters.Security.Ntlm;
using Conformance.Adapters.Wire;

namespace Conformance.Adapters.Client;

/// <summary>Connect, negotiate, authenticate, tree connect: for the many scenarios that only need a working session.</summary>
public static class Smb2ClientFactory
{
    /// <summary>
    /// Opens a connection to <paramref name="host"/>:<paramref name="port"/>, negotiates (up to
    /// <c>options.Negotiate.MaxDialect</c>), authenticates <paramref name="credentials"/> and connects
    /// to <c>options.ShareName</c> if given. A failing step throws a <see cref="Smb2ClientException"/>
    /// naming the step and status, with the exchange so far; the connection is closed then.
    /// </summary>
    public static async Task<Smb2Client> ConnectAsync(string host, int port, NtlmCredential credentials, Smb2ClientOptions? options = null, CancellationToken cancellationToken = default)
    {
        options ??= new Smb2ClientOptions();
        var connectionOptions = options.Client is { } client ? options.Connection with { Client = client } : options.Connection;
        var connection = await Connection.ConnectAsync(host, port, connectionOptions, cancellationToken).ConfigureAwait(false);
        try
        {
            var negotiate = await connection.NegotiateAsync(options.Negotiate, cancellationToken).ConfigureAwait(false);
            if (!negotiate.IsSuccess || connection.Dialect is null)
            {
                throw connection.Error(ClientErrorKind.ProtocolFailure,
                    $"NEGOTIATE with {host}:{port} failed: {NtStatus.Describe(negotiate.Status)}, dialect {negotiate.Body?.DialectRevision.ToDisplayString() ?? "none"}");
            }
            var setup = await connection.SessionSetupAsync(credentials, options.SessionSetup, cancellationToken).ConfigureAwait(false);
            if (setup.Session is not { } session)
            {
                throw connection.Error(ClientErrorKind.ProtocolFailure,
                    $"SESSION_SETUP as {credentials} on {host}:{port} failed after {setup.Legs.Count} leg(s): {NtStatus.Describe(setup.Status)}");
            }
            TreeConnect? tree = null;
            if (options.ShareName is { } share)
            {
                var connected = await connection.TreeConnectAsync(session, share, cancellationToken: cancellationToken).ConfigureAwait(false);
                tree = connected.TreeConnect ?? throw connection.Error(ClientErrorKind.ProtocolFailure,
                    $"TREE_CONNECT to {share} on {host}:{port} failed: {NtStatus.Describe(connected.Status)}");
            }
            return new Smb2Client(connection, session, tree);
        }
        catch
        {
            await connection.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }
}
