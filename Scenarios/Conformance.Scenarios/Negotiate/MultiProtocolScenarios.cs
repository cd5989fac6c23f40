using Conformance.Adapters.Client;
using Conformance.Adapters.Wire;
using Conformance.Adapters.Wire.Messages;

namespace Conformance.Scenarios.Negotiate;

/// <summary>The SMB1 SMB_COM_NEGOTIATE on an SMB2 server: when it is answered, upgraded, or ends the connection (3.3.5.3).</summary>
public static class MultiProtocolScenarios
{
    private static readonly List<Smb1Dialect> WildcardOffer = ["NT LM 0.12", "SMB 2.002", "SMB 2.???"];

    [Scenario(ScenarioFamily.Negotiate, "3.3.5.3.2", Requirements = ["3.3.5.3.2#04"], Title = "SMB_COM_NEGOTIATE without any SMB2 dialect string: no SMB2 answer (disconnect, or SMB1 from a server that speaks it)")]
    public static async Task Smb1NegotiateWithoutSmb2DialectGetsNoSmb2Answer(ScenarioContext context)
    {
        var connection = await context.ConnectAsync();
        await connection.SendRawAsync(new Smb1NegotiateRequest { Dialects = ["NT LM 0.12"] }.Encode(), cancellationToken: context.CancellationToken);
        const string subject = "answer to SMB_COM_NEGOTIATE offering only \"NT LM 0.12\"";
        ReadOnlyMemory<byte> frame;
        try
        {
            frame = await connection.ReceiveRawAsync(context.ConnectionOptions.ResponseTimeout, context.CancellationToken);
        }
        catch (Smb2ClientException e) when (e.Kind == ClientErrorKind.ConnectionLost)
        {
            context.Observe("disconnected: the target does not implement SMB1 (3.3.5.3.2)");
            return;
        }
        catch (Smb2ClientException e) when (e.Kind == ClientErrorKind.RawReceiveTimeout)
        {
            context.Fail("3.3.5.3.2", "3.3.5.3.2#04", subject, "a disconnect (or an SMB1 answer from a server implementing SMB1)", $"the connection stayed open and silent ({e.Message})");
            return;
        }
        var isSmb1 = frame.Length >= 4 && frame.Span[0] == 0xFF && frame.Span[1] == (byte)'S' && frame.Span[2] == (byte)'M' && frame.Span[3] == (byte)'B';
        // 3.3.5.3.2: without "SMB 2.002" a server that also implements SMB hands over to SMB processing; otherwise it disconnects.
        context.CheckTrue("3.3.5.3.2", "3.3.5.3.2#04", subject, isSmb1, "a disconnect, or an SMB1 (0xFF 'SMB') answer from a server implementing SMB1",
            $"a {frame.Length}-byte frame starting {Convert.ToHexString(frame.Span[..Math.Min(8, frame.Length)])}");
        context.Observe("answered in SMB1: the target implements SMB1 (3.3.5.3.2 hands the connection to SMB processing)");
    }

    [Scenario(ScenarioFamily.Negotiate, "3.3.5.3", Requirements = ["3.3.5.3#03"], Title = "SMB_COM_NEGOTIATE after an SMB2 NEGOTIATE on the same connection: disconnected without a reply")]
    public static async Task Smb1NegotiateAfterSmb2NegotiateDisconnects(ScenarioContext context)
    {
        var connection = await context.ConnectAsync();
        var first = await connection.NegotiateAsync(new NegotiateOptions { MaxDialect = context.Capabilities.HighestDialect }, context.CancellationToken);
        context.CheckStatus("3.3.5.4", null, "SMB2 NEGOTIATE Status", NtStatus.Success, first.Status);
        await ExpectSmb1DisconnectAsync(context, connection, "3.3.5.3", "3.3.5.3#03", "SMB_COM_NEGOTIATE on a connection already negotiated (NegotiateDialect is not 0xFFFF)");
    }

    [Scenario(ScenarioFamily.Negotiate, "3.3.5.3", "3.3.5.3.1", Requirements = ["3.3.5.3.1#10", "3.3.5.3#03"], Title = "A second SMB_COM_NEGOTIATE after the \"SMB 2.???\" answer: disconnected without a reply")]
    public static async Task Smb1NegotiateAfterWildcardAnswerDisconnects(ScenarioContext context)
    {
        RequireSmb21OrLater(context);
        var (connection, body) = await Smb1NegotiateAsync(context, WildcardOffer);
        context.CheckEqual("3.3.5.3.1", "3.3.5.3.1#10", "DialectRevision answered to \"SMB 2.???\"", Dialect.Smb2Wildcard, body.DialectRevision, NegotiateSteps.Describe);
        await ExpectSmb1DisconnectAsync(context, connection, "3.3.5.3", "3.3.5.3#03", "a second SMB_COM_NEGOTIATE (NegotiateDialect is 0x02FF, not 0xFFFF)");
    }

    [Scenario(ScenarioFamily.Negotiate, "3.3.5.3.1", "3.3.5.4", Requirements = ["3.3.5.3.1#10", "3.3.5.3.1#18", "3.3.5.4#08", "3.3.5.4#11"], Title = "After the \"SMB 2.???\" answer the SMB2 NEGOTIATE (MessageId 1) succeeds and selects the greatest common dialect")]
    public static async Task Smb2NegotiateAfterWildcardAnswerSucceeds(ScenarioContext context)
    {
        RequireSmb21OrLater(context);
        var (connection, wildcard) = await Smb1NegotiateAsync(context, WildcardOffer);
        context.CheckEqual("3.3.5.3.1", "3.3.5.3.1#10", "DialectRevision answered to \"SMB 2.???\"", Dialect.Smb2Wildcard, wildcard.DialectRevision, NegotiateSteps.Describe);
        var request = new NegotiateOptions { MaxDialect = context.Capabilities.HighestDialect }.BuildRequest(connection.ClientGuid);
        // 3.2.5.2: the NEGOTIATE that follows a 0x02FF answer uses MessageId 1 (the SMB1 request took 0).
        var responses = await connection.SendAsync([new Smb2Request(connection.Build(request)) { MessageId = 1 }], context.CancellationToken);
        var response = Smb2Response<NegotiateResponse>.From(responses[0]);
        context.CheckStatus("3.3.5.3.1", "3.3.5.3.1#18", "SMB2 NEGOTIATE (MessageId 1) after the 0x02FF answer", NtStatus.Success, response.Status);
        var body = context.CheckBody("2.2.4", "NEGOTIATE Response", response);
        context.CheckEqual("3.3.5.4", "3.3.5.4#08", "DialectRevision of the SMB2 NEGOTIATE", context.Capabilities.HighestDialect, body.DialectRevision, NegotiateSteps.Describe);
        context.CheckEqual("3.3.5.4", "3.3.5.4#11", "MessageId of the answer", 1UL, responses[0].Header.MessageId);
    }

    [Scenario(ScenarioFamily.Negotiate, "3.3.5.3.1", Requirements = ["3.3.5.3.1#10", "3.3.5.3.1#11"], Title = "The \"SMB 2.???\" answer's Capabilities hold only DFS, LEASING and LARGE_MTU")]
    public static async Task WildcardAnswerCapabilitiesAreLimited(ScenarioContext context)
    {
        RequireSmb21OrLater(context);
        var (_, body) = await Smb1NegotiateAsync(context, WildcardOffer);
        context.CheckEqual("3.3.5.3.1", "3.3.5.3.1#10", "DialectRevision answered to \"SMB 2.???\"", Dialect.Smb2Wildcard, body.DialectRevision, NegotiateSteps.Describe);
        context.CheckEqual("3.3.5.3.1", "3.3.5.3.1#11", "Capabilities of the 0x02FF answer outside DFS, LEASING, LARGE_MTU",
            GlobalCapabilities.None, body.Capabilities & ~(GlobalCapabilities.Dfs | GlobalCapabilities.Leasing | GlobalCapabilities.LargeMtu));
    }

    [Scenario(ScenarioFamily.Negotiate, "3.3.5.3.2", Requirements = ["3.3.5.3.2#10", "3.3.5.3.2#17"], Title = "After the \"SMB 2.002\" answer the connection is negotiated: an SMB2 NEGOTIATE is disconnected")]
    public static async Task Smb2NegotiateAfterSmb2002AnswerDisconnects(ScenarioContext context)
    {
        context.RequireDialect(Dialect.Smb202);
        var (connection, body) = await Smb1NegotiateAsync(context, ["NT LM 0.12", "SMB 2.002"]);
        context.CheckEqual("3.3.5.3.2", "3.3.5.3.2#10", "DialectRevision answered to \"SMB 2.002\" alone", Dialect.Smb202, body.DialectRevision, NegotiateSteps.Describe);
        var request = new NegotiateOptions { Dialects = [Dialect.Smb202] }.BuildRequest(connection.ClientGuid);
        await NegotiateSteps.ExpectDisconnectAsync(context, "3.3.5.3.2", "3.3.5.3.2#17", "an SMB2 NEGOTIATE on a connection negotiated at 2.0.2 by SMB_COM_NEGOTIATE", connection,
            new Smb2Request(connection.Build(request)) { MessageId = 1 });
    }

    private static void RequireSmb21OrLater(ScenarioContext context)
    {
        if (!context.Capabilities.Dialects.Any(dialect => dialect >= Dialect.Smb210))
        {
            throw new ScenarioInconclusiveException($"{context.Target.Name} implements no dialect of the 2.1 or 3.x family");
        }
    }

    private static async Task ExpectSmb1DisconnectAsync(ScenarioContext context, Connection connection, string clause, string requirement, string subject)
    {
        await connection.SendRawAsync(new Smb1NegotiateRequest { Dialects = WildcardOffer }.Encode(), cancellationToken: context.CancellationToken);
        try
        {
            var frame = await connection.ReceiveRawAsync(context.ConnectionOptions.ResponseTimeout, context.CancellationToken);
            context.Fail(clause, requirement, subject, "the server disconnects without a response", $"a {frame.Length}-byte answer");
        }
        catch (Smb2ClientException e) when (e.Kind == ClientErrorKind.ConnectionLost)
        {
            // The disconnect the clause demands.
        }
        catch (Smb2ClientException e) when (e.Kind == ClientErrorKind.RawReceiveTimeout)
        {
            context.Fail(clause, requirement, subject, "the server disconnects without a response", $"the connection stayed open and silent ({e.Message})");
        }
    }

    private static async Task<(Connection Connection, NegotiateResponse Body)> Smb1NegotiateAsync(ScenarioContext context, List<Smb1Dialect> dialects)
    {
        var connection = await context.ConnectAsync();
        await connection.SendRawAsync(new Smb1NegotiateRequest { Dialects = dialects }.Encode(), cancellationToken: context.CancellationToken);
        var frame = await connection.ReceiveRawAsync(context.ConnectionOptions.ResponseTimeout, context.CancellationToken);
        var slices = Smb2Compound.Split(frame);
        if (!slices.IsSuccess)
        {
            context.Fail("3.3.5.3.1", null, "answer to SMB_COM_NEGOTIATE", "an SMB2 NEGOTIATE Response (2.2.4)", slices.Error.ToString());
        }
        context.CheckStatus("3.3.5.3.1", null, "Status of the answer to SMB_COM_NEGOTIATE", NtStatus.Success, slices.Value[0].Header.Status);
        var message = Smb2MessageCatalog.Read(slices.Value[0]);
        if (!message.IsSuccess || message.Value.Body is not NegotiateResponse body)
        {
            context.Fail("2.2.4", null, "SMB2 answer to SMB_COM_NEGOTIATE", "a well-formed NEGOTIATE Response", message.IsSuccess ? message.Value.ToString()! : message.Error.ToString());
            return default;
        }
        return (connection, body);
    }
}
