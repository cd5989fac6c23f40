using Conformance.Adapters.Client;
using Conformance.Adapters.Wire;
using Conformance.Adapters.Wire.Messages;

namespace Conformance.Scenarios.Steps;

/// <summary>
/// A multichannel session as one object: the client that logged on (its connection is the first
/// channel) and every connection bound to its session since. <see cref="On"/> gives a channel as an
/// <see cref="Smb2Client"/>, so every step that takes a client sends on the chosen channel.
/// </summary>
public sealed class MultiChannelSession(Smb2Client first, IReadOnlyList<Connection> channels)
{
    public Smb2Client First { get; } = first;

    /// <summary>The session's connections, the first channel first.</summary>
    public IReadOnlyList<Connection> Channels { get; } = channels;

    public Session Session => First.Session;

    /// <summary>Channel <paramref name="index"/> (0: the first) as a client of the same session and tree connect.</summary>
    public Smb2Client On(int index) => index == 0 ? First : new Smb2Client(Channels[index], First.Session, First.TreeConnect);
}

/// <summary>Steps of the session-binding family: a session with N channels, a bind, a dropped channel.</summary>
public static class ChannelSteps
{
    /// <summary>A session at <paramref name="dialect"/> (the target's highest multichannel dialect by default) with <paramref name="count"/> channels; Inconclusive when a bind fails.</summary>
    public static async Task<MultiChannelSession> ChannelsAsync(ScenarioContext context, int count, Dialect? dialect = null)
    {
        var chosen = dialect ?? SessionSteps.MultiChannelDialect(context);
        var first = await SessionSteps.LogOnAsync(context, new NegotiateOptions { Dialects = [chosen] });
        var channels = new List<Connection> { first.Connection };
        for (var i = 1; i < count; i++)
        {
            var (connection, bind) = await BindAsync(context, first, new NegotiateOptions { Dialects = [chosen] });
            if (bind.Status != NtStatus.Success)
            {
                throw new ScenarioInconclusiveException($"binding channel {i + 1} to the session failed ({NtStatus.Describe(bind.Status)}): the step before the behaviour under test");
            }
            channels.Add(connection);
        }
        return new MultiChannelSession(first, channels);
    }

    /// <summary>A new connection of <paramref name="first"/>'s client, negotiated with <paramref name="negotiate"/>, and its binding SESSION_SETUP of <paramref name="first"/>'s session with <paramref name="credential"/>.</summary>
    public static async Task<(Connection Connection, SessionSetupResult Bind)> BindAsync(ScenarioContext context, Smb2Client first, NegotiateOptions negotiate,
        Adapters.Security.Ntlm.NtlmCredential? credential = null)
    {
        var connection = await NegotiatedOfClientAsync(context, first.Client, negotiate);
        var bind = await connection.SessionSetupAsync(credential ?? TargetProbe.Credential(context.Target), new SessionSetupOptions { BindTo = first.Session }, context.CancellationToken);
        return (connection, bind);
    }

    /// <summary>Another negotiated connection of <paramref name="client"/> (the same ClientGuid).</summary>
    public static async Task<Connection> NegotiatedOfClientAsync(ScenarioContext context, ClientGlobal client, NegotiateOptions negotiate)
    {
        var connection = await client.ConnectAsync(context.Target.Host, context.Target.Port, context.ConnectionOptions, context.CancellationToken);
        context.Track(connection);
        var negotiated = await connection.NegotiateAsync(negotiate, context.CancellationToken);
        if (!negotiated.IsSuccess)
        {
            throw new ScenarioInconclusiveException($"NEGOTIATE of a further channel failed ({NtStatus.Describe(negotiated.Status)}): the step before the behaviour under test");
        }
        return connection;
    }

    /// <summary>
    /// Drops <paramref name="lost"/> as a network failure would (a TCP reset, no LOGOFF), then sends an
    /// ECHO on <paramref name="remaining"/> so the server has had a round trip to see the loss.
    /// </summary>
    public static async Task DropAsync(ScenarioContext context, Connection lost, Connection remaining, Session session)
    {
        await lost.AbortAsync();
        var echo = await remaining.EchoAsync(session, context.CancellationToken);
        context.CheckStatus("3.3.7.1", "3.3.7.1#02", "ECHO on the remaining channel right after another channel was lost", NtStatus.Success, echo.Status);
    }

    /// <summary>
    /// Has the server end <paramref name="lost"/> itself: a second NEGOTIATE, which it must answer by
    /// disconnecting (3.3.5.4), awaited until the connection closes. Unlike a reset, the close comes
    /// once the server has handled the loss (3.3.7.1 covers a disconnect the server initiates), so the
    /// next request sees its outcome.
    /// </summary>
    public static async Task ServerDropsAsync(ScenarioContext context, Connection lost)
    {
        var negotiate = new NegotiateOptions { Dialects = [lost.Dialect!.Value] }.BuildRequest(Guid.NewGuid());
        await RequestSteps.ExpectDisconnectAsync(context, "3.3.5.4", null, "a second NEGOTIATE on the channel to be dropped", lost,
            new Smb2Request(lost.Build(negotiate)));
    }

    /// <summary>
    /// The status of a TREE_CONNECT of the session on <paramref name="connection"/>: a request the
    /// server must look the session up for (3.3.5.2.9), STATUS_SUCCESS while the session is there.
    /// </summary>
    public static async Task<uint> SessionRequestStatusAsync(ScenarioContext context, Connection connection, Session session)
    {
        var request = new Adapters.Wire.Messages.TreeConnectRequest { Path = $@"\\{connection.ServerName}\{context.Target.Share}" };
        var response = await RequestSteps.SendOrDisconnectAsync(context, connection, new Smb2Request(connection.Build(request, session)) { Session = session });
        if (response is null)
        {
            context.Fail("3.3.5.2.9", null, "TREE_CONNECT of the session on one of its channels", "a response", "the server closed the connection");
        }
        return response.Status;
    }
}
