using Conformance.Adapters.Client;
using Conformance.Adapters.Transport;
using Conformance.Adapters.Wire;
using Conformance.Adapters.Wire.Messages;

namespace Conformance.Scenarios.NetBios;

/// <summary>
/// SMB2 over the NetBIOS session service, the second transport MS-SMB2 2.1 shares with SMB: the
/// session request exchange of RFC 1002 4.3.2 (a POSITIVE SESSION RESPONSE is the four bytes
/// 82 00 00 00; a called name the server does not answer to gets a NEGATIVE SESSION RESPONSE), a
/// SESSION KEEP ALIVE between messages (4.3.7: the receiver discards it), and SMB2 messages carried
/// as SESSION MESSAGEs. They need a target reached over it (<see cref="ServerProfile.NetBiosSessionService"/>).
/// </summary>
public static class NetBiosSessionScenarios
{
    private const string Clause = "2.1";
    private const string CalledNameNobodyHas = "NOSUCHSERVER42";
    private static readonly byte[] PositiveSessionResponse = [0x82, 0x00, 0x00, 0x00];

    [Scenario(ScenarioFamily.NetBios, Clause, Profile = ServerProfile.NetBiosSessionService,
        Title = "A SESSION REQUEST calling the server's name is answered by a POSITIVE SESSION RESPONSE, 82 00 00 00")]
    public static async Task SessionRequestIsAccepted(ScenarioContext context)
    {
        var connection = await context.ConnectAsync();
        context.CheckEqual(Clause, null, $"the answer to a SESSION REQUEST calling \"{context.Target.NetBios!.CalledName}\" (RFC 1002 4.3.2)",
            Convert.ToHexString(PositiveSessionResponse), Convert.ToHexString(connection.Transport.SessionResponse.Span));
    }

    [Scenario(ScenarioFamily.NetBios, Clause, Profile = ServerProfile.NetBiosSessionService,
        Title = "A SESSION REQUEST calling a name the server does not have gets a NEGATIVE SESSION RESPONSE (not listening on / not present)")]
    public static async Task WrongCalledNameIsRefused(ScenarioContext context)
    {
        var options = context.ConnectionOptions;
        var wrong = options with { Transport = options.Transport with { NetBios = context.Target.NetBios! with { CalledName = CalledNameNobodyHas } } };
        var subject = $"the answer to a SESSION REQUEST calling \"{CalledNameNobodyHas}\", a name {context.Target.Name} does not have (RFC 1002 4.3.2, 4.3.4)";
        const string expected = "a NEGATIVE SESSION RESPONSE 83 00 00 01 with error 80 (not listening on called name) or 82 (called name not present)";
        Connection connection;
        try
        {
            connection = await Connection.ConnectAsync(context.Target.Host, context.Target.Port, wrong, context.CancellationToken);
        }
        catch (TransportException e) when (e.Kind == TransportErrorKind.SessionRefused)
        {
            var response = e.SessionResponse.ToArray();
            context.CheckTrue(Clause, null, subject,
                response is [0x83, 0x00, 0x00, 0x01, (byte)NetBiosSessionError.NotListeningOnCalledName or (byte)NetBiosSessionError.CalledNameNotPresent],
                expected, response.Length == 0 ? e.Message : Convert.ToHexString(response));
            return;
        }
        context.Track(connection);
        context.Fail(Clause, null, subject, expected, $"a POSITIVE SESSION RESPONSE {Convert.ToHexString(connection.Transport.SessionResponse.Span)}: the session was established");
    }

    [Scenario(ScenarioFamily.NetBios, Clause, Profile = ServerProfile.NetBiosSessionService,
        Title = "An SMB2 NEGOTIATE carried as a SESSION MESSAGE is answered with an SMB2 NEGOTIATE Response")]
    public static async Task NegotiateOverSessionService(ScenarioContext context)
    {
        var connection = await context.ConnectAsync();
        var response = await connection.NegotiateAsync(new NegotiateOptions { MaxDialect = context.Target.MaxDialect ?? Dialect.Smb311 }, context.CancellationToken);
        context.CheckStatus(Clause, null, "the NEGOTIATE sent over the NetBIOS session service", NtStatus.Success, response.Status);
        var body = context.CheckBody(Clause, "the NEGOTIATE Response over the NetBIOS session service", response);
        context.CheckTrue(Clause, null, "the dialect the NEGOTIATE Response selected", context.Capabilities.Dialects.Contains(body.DialectRevision),
            "one of the dialects the target negotiates over Direct TCP", $"0x{(ushort)body.DialectRevision:X4}");
    }

    [Scenario(ScenarioFamily.NetBios, Clause, Profile = ServerProfile.NetBiosSessionService,
        Title = "A SESSION KEEP ALIVE between two SMB2 requests is discarded: the next request is answered and the connection stays up")]
    public static async Task KeepAliveBetweenMessages(ScenarioContext context)
    {
        var client = await context.LogOnAsync();
        await client.Connection.Transport.SendKeepAliveAsync(context.CancellationToken);
        await client.Connection.Transport.SendKeepAliveAsync(context.CancellationToken);
        var echo = await client.Connection.EchoAsync(client.Session, context.CancellationToken);
        context.CheckStatus(Clause, null, "an ECHO right behind two SESSION KEEP ALIVE packets (RFC 1002 4.3.7)", NtStatus.Success, echo.Status);
        var open = await Steps.FileSteps.CreateScratchFileAsync(context, client, "keep-alive");
        await client.Connection.Transport.SendKeepAliveAsync(context.CancellationToken);
        var close = await client.Connection.CloseAsync(open, cancellationToken: context.CancellationToken);
        context.CheckStatus(Clause, null, "a CLOSE behind a SESSION KEEP ALIVE", NtStatus.Success, close.Status);
        context.CheckTrue(Clause, null, "the connection after the keep-alives", client.Connection.IsOpen, "still open", "closed");
    }
}
