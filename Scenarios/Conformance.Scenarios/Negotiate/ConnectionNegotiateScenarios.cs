using Conformance.Adapters.Client;
using Conformance.Adapters.Wire;
using Conformance.Adapters.Wire.Messages;

using Conformance.Scenarios.Steps;

namespace Conformance.Scenarios.Negotiate;

/// <summary>Negotiation as a step of the connection: once only, and the SMB1 multi-protocol upgrade.</summary>
public static class ConnectionNegotiateScenarios
{
    [Scenario(ScenarioFamily.Negotiate, "3.3.5.4", Requirements = ["3.3.5.4#02", "3.3.5.4#10", "3.3.5.4#N01", "3.3.5.4#11"], Title = "A second NEGOTIATE on a negotiated connection: disconnected without a reply")]
    public static async Task SecondNegotiateDisconnects(ScenarioContext context)
    {
        var connection = await context.ConnectAsync();
        var first = await connection.NegotiateAsync(new NegotiateOptions { MaxDialect = context.Capabilities.HighestDialect }, context.CancellationToken);
        context.CheckStatus("3.3.5.4", "3.3.5.4#11", "first NEGOTIATE Response Status", NtStatus.Success, first.Status);
        var second = new NegotiateOptions { MaxDialect = context.Capabilities.HighestDialect }.BuildRequest(Guid.NewGuid());
        // 3.1.1 adds 0x0311 to the dialects after which a NEGOTIATE disconnects (current MS-SMB2 3.3.5.4).
        // The connection recorded the dialect selected (Connection.NegotiateDialect, 3.3.5.4), which is what makes this NEGOTIATE a second one.
        var requirement = first.Body?.DialectRevision == Dialect.Smb311 ? "3.3.5.4#10, 3.3.5.4#N01" : "3.3.5.4#02, 3.3.5.4#10";
        await RequestSteps.ExpectDisconnectAsync(context, "3.3.5.4", requirement, "a second NEGOTIATE on the same connection", connection,
            connection.Build(second, session: null, tree: null));
    }

    [Scenario(ScenarioFamily.Negotiate, "3.3.5.3.1", Requirements = ["3.3.5.3.1#02", "3.3.5.3.1#03", "3.3.5.3.1#08", "3.3.5.3.1#10", "3.3.5.3.1#16"], Title = "SMB1 multi-protocol negotiate offering \"SMB 2.???\": SMB2 NEGOTIATE Response with DialectRevision 0x02FF")]
    public static async Task MultiProtocolNegotiateWithWildcardAnswers02FF(ScenarioContext context)
    {
        if (!context.Capabilities.Dialects.Any(dialect => dialect >= Dialect.Smb210))
        {
            throw new ScenarioInconclusiveException($"{context.Target.Name} implements no dialect of the 2.1 or 3.x family");
        }
        var body = await Smb1NegotiateAsync(context, ["NT LM 0.12", "SMB 2.002", "SMB 2.???"]);
        // "SMB 2.???" is the last of three strings: the server scanned the whole list for it.
        context.CheckEqual("3.3.5.3.1", "3.3.5.3.1#02, 3.3.5.3.1#10", "DialectRevision answered to \"SMB 2.???\" (the third dialect string)", Dialect.Smb2Wildcard, body.DialectRevision, NegotiateSteps.Describe);
        NegotiateSteps.CheckGssToken(context, "3.3.5.3.1", "3.3.5.3.1#16", "security buffer of the 0x02FF answer", body.SecurityBuffer);
        context.CheckTrue("3.3.5.3.1", "3.3.5.3.1#08", "SecurityMode", (body.SecurityMode & SecurityMode.SigningEnabled) != 0, "SMB2_NEGOTIATE_SIGNING_ENABLED set", body.SecurityMode.ToString());
        context.CheckEqual("3.3.5.3.1", null, "ServerGuid (the global ServerGuid)", context.Capabilities.ServerGuid, body.ServerGuid);
    }

    [Scenario(ScenarioFamily.Negotiate, "3.3.5.3.2", Requirements = ["3.3.5.3.2#01", "3.3.5.3.2#02", "3.3.5.3.2#10", "3.3.5.3.2#15"], Title = "SMB1 multi-protocol negotiate offering only \"SMB 2.002\": DialectRevision 0x0202")]
    public static async Task MultiProtocolNegotiateWithOnlySmb2002Answers0202(ScenarioContext context)
    {
        context.RequireDialect(Dialect.Smb202);
        var body = await Smb1NegotiateAsync(context, ["NT LM 0.12", "SMB 2.002"]);
        context.CheckEqual("3.3.5.3.2", "3.3.5.3.2#01, 3.3.5.3.2#10", "DialectRevision answered to \"SMB 2.002\" alone (the second dialect string)", Dialect.Smb202, body.DialectRevision, NegotiateSteps.Describe);
        NegotiateSteps.CheckGssToken(context, "3.3.5.3.2", "3.3.5.3.2#15", "security buffer of the 0x0202 answer", body.SecurityBuffer);
    }

    private static async Task<NegotiateResponse> Smb1NegotiateAsync(ScenarioContext context, List<Smb1Dialect> dialects)
    {
        var connection = await context.ConnectAsync();
        await connection.SendRawAsync(new Smb1NegotiateRequest { Dialects = dialects }.Encode(), cancellationToken: context.CancellationToken);
        var frame = await connection.ReceiveRawAsync(context.ConnectionOptions.ResponseTimeout, context.CancellationToken);
        var slices = Smb2Compound.Split(frame);
        if (!slices.IsSuccess)
        {
            context.Fail("3.3.5.3.1", null, "answer to SMB_COM_NEGOTIATE", "an SMB2 NEGOTIATE Response (2.2.4)", slices.Error.ToString());
        }
        var header = slices.Value[0].Header;
        context.CheckEqual("3.3.5.3.1", null, "Command of the answer", Smb2Command.Negotiate, header.Command);
        context.CheckStatus("3.3.5.3.1", null, "Status of the answer", NtStatus.Success, header.Status);
        var message = Smb2MessageCatalog.Read(slices.Value[0]);
        if (!message.IsSuccess)
        {
            context.Fail(message.Error.Clause, null, "SMB2 NEGOTIATE Response to SMB_COM_NEGOTIATE", "a well-formed NEGOTIATE Response", message.Error.ToString());
        }
        return (NegotiateResponse)message.Value.Body;
    }
}
