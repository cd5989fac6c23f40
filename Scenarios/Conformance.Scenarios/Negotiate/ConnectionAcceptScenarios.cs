using Conformance.Adapters.Client;
using Conformance.Adapters.Transport;
using Conformance.Adapters.Wire;

using Conformance.Scenarios.Steps;

namespace Conformance.Scenarios.Negotiate;

/// <summary>Accepting a connection (3.3.5.1): none while the server is disabled, and a state of its own for each one accepted.</summary>
public static class ConnectionAcceptScenarios
{
    [Scenario(ScenarioFamily.Negotiate, "3.3.5.1", Requirements = ["3.3.5.1#01"], Profile = ServerProfile.Disabled,
        Title = "A disabled server (ServerEnabled FALSE) accepts no connection: the TCP connection is refused or closed, a NEGOTIATE on it never answered")]
    public static async Task DisabledServerAcceptsNoConnection(ScenarioContext context)
    {
        Connection connection;
        try
        {
            connection = await context.ConnectAsync();
        }
        catch (TransportException e)
        {
            context.Observe($"the TCP connection was refused: {e.Message}");
            return;
        }
        var request = new NegotiateOptions { MaxDialect = context.Capabilities.HighestDialect }.BuildRequest(connection.ClientGuid);
        await RequestSteps.ExpectDisconnectAsync(context, "3.3.5.1", "3.3.5.1#01", "a NEGOTIATE on a TCP connection to a disabled server", connection,
            new Smb2Request(connection.Build(request)));
    }

    [Scenario(ScenarioFamily.Negotiate, "3.3.5.1", Requirements = ["3.3.5.1#02"],
        Title = "Each accepted connection has its own state: a second one, opened while the first is logged on, negotiates afresh (MessageId 0, its own dialect) and the first goes on")]
    public static async Task EachConnectionHasItsOwnState(ScenarioContext context)
    {
        var first = await context.LogOnAsync();
        var lowest = context.Capabilities.Dialects.Min();
        var second = await context.ConnectAsync();
        // Had the second connection the first one's Connection object, MessageId 0 would be spent and the dialect already negotiated.
        var negotiated = await second.NegotiateAsync(new NegotiateOptions { Dialects = [lowest] }, context.CancellationToken);
        context.CheckStatus("3.3.5.1", "3.3.5.1#02", $"NEGOTIATE (MessageId 0) offering {lowest.ToDisplayString()} on a second connection while the first is logged on",
            NtStatus.Success, negotiated.Status);
        context.CheckEqual("3.3.5.1", "3.3.5.1#02", "DialectRevision of the second connection", lowest, negotiated.Body?.DialectRevision ?? 0, NegotiateSteps.Describe);
        var echo = await first.Connection.EchoAsync(first.Session, context.CancellationToken);
        context.CheckStatus("3.3.5.1", "3.3.5.1#02", $"ECHO on the first connection (still at {first.Connection.Dialect?.ToDisplayString()})", NtStatus.Success, echo.Status);
    }
}
