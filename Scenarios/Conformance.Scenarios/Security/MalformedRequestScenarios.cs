using System.Buffers.Binary;
using Conformance.Adapters.Client;
using Conformance.Adapters.Wire;
using Conformance.Adapters.Wire.Messages;

using Conformance.Scenarios.Steps;

namespace Conformance.Scenarios.Security;

/// <summary>Requests that do not conform to section 2 (3.3.5.2.6): an error for a bad body, a disconnect for a bad header.</summary>
public static class MalformedRequestScenarios
{
    [Scenario(ScenarioFamily.Negotiate, "3.3.5.2.6", Requirements = ["3.3.5.2.6#01", "3.3.5.2.6#02"], Title = "An ECHO with StructureSize 5: STATUS_INVALID_PARAMETER (the connection may stay)")]
    public static async Task WrongStructureSizeIsInvalid(ScenarioContext context)
    {
        var client = await context.LogOnAsync();
        var connection = client.Connection;
        var response = await RequestSteps.SendOrDisconnectAsync(context, connection, new Smb2Request(connection.Build(new EchoRequest { StructureSize = 5 }, client.Session)));
        if (response is null)
        {
            context.Observe("the server disconnected after the malformed ECHO (3.3.5.2.6 MAY)");
            return;
        }
        context.CheckStatus("3.3.5.2.6", "3.3.5.2.6#01", "ECHO with StructureSize 5", NtStatus.InvalidParameter, response.Status);
        var echo = await RequestSteps.SendOrDisconnectAsync(context, connection, new Smb2Request(connection.Build(new EchoRequest(), client.Session)));
        if (echo is null)
        {
            context.Observe("the server answered, then disconnected (3.3.5.2.6 MAY)");
            return;
        }
        context.CheckStatus("3.3.5.2.6", "3.3.5.2.6#02", "a well-formed ECHO after the error", NtStatus.Success, echo.Status);
    }

    [Scenario(ScenarioFamily.Negotiate, "3.3.5.2.6", Requirements = ["3.3.5.2.6#01"], Title = "A CREATE whose body stops after 8 bytes: STATUS_INVALID_PARAMETER (or a disconnect)")]
    public static async Task TruncatedBodyIsInvalid(ScenarioContext context)
    {
        var client = await context.LogOnAsync();
        var body = new byte[8];
        BinaryPrimitives.WriteUInt16LittleEndian(body, CreateRequest.DefaultStructureSize);
        var response = await RequestSteps.SendOrDisconnectAsync(context, client.Connection, RequestSteps.Request(client, new RawBody(Smb2Command.Create, body)));
        if (response is null)
        {
            context.Observe("the server disconnected after the truncated CREATE (3.3.5.2.6 MAY)");
            return;
        }
        context.CheckStatus("3.3.5.2.6", "3.3.5.2.6#01", "CREATE with an 8-byte body (StructureSize 57)", NtStatus.InvalidParameter, response.Status);
    }

    [Scenario(ScenarioFamily.Negotiate, "3.3.5.2.6", Requirements = ["3.3.5.2.6#03"], Title = "A request with command code 0x0020 (none of 2.2.1, nor of the current spec, whose last is 0x0013): disconnected without a response")]
    public static async Task UnknownCommandDisconnects(ScenarioContext context)
    {
        var client = await context.LogOnAsync();
        var connection = client.Connection;
        var body = new byte[4];
        BinaryPrimitives.WriteUInt16LittleEndian(body, 4);
        await RequestSteps.ExpectDisconnectAsync(context, "3.3.5.2.6", "3.3.5.2.6#03", "command 0x0020, no command code of 2.2.1 (an error response is not allowed: the connection must close)", connection,
            new Smb2Request(connection.Build(new RawBody((Smb2Command)0x0020, body), client.Session)));
    }

    [Scenario(ScenarioFamily.Negotiate, "3.3.5.2.6", Requirements = ["3.3.5.2.6#03"], Title = "A 40-byte message, shorter than an SMB2 header: disconnected without a response")]
    public static async Task MessageShorterThanHeaderDisconnects(ScenarioContext context)
    {
        var connection = await SessionSteps.NegotiatedAsync(context);
        var frame = RequestSteps.EncodeWithNextMessageId(connection, connection.Build(new EchoRequest()))[..40];
        await RequestSteps.ExpectRawDisconnectAsync(context, "3.3.5.2.6", "3.3.5.2.6#03", "a 40-byte frame starting 0xFE 'SMB'", connection, frame);
    }

    [Scenario(ScenarioFamily.Negotiate, "3.3.5.2.6", Requirements = ["3.3.5.2.6#03"], Title = "A message whose ProtocolId is 0xFE 'S' 'M' 'C': disconnected without a response")]
    public static async Task WrongProtocolIdDisconnects(ScenarioContext context)
    {
        var connection = await SessionSteps.NegotiatedAsync(context);
        var frame = RequestSteps.EncodeWithNextMessageId(connection, connection.Build(new EchoRequest()));
        frame[3] = (byte)'C';
        await RequestSteps.ExpectRawDisconnectAsync(context, "3.3.5.2.6", "3.3.5.2.6#03", "an ECHO with ProtocolId 0xFE 'S' 'M' 'C'", connection, frame);
    }
}
