using Conformance.Adapters.Client;
using Conformance.Adapters.Wire;
using Conformance.Adapters.Wire.Messages;
using Conformance.Scenarios.Steps;


namespace Conformance.Scenarios.Negotiate;

/// <summary>The SMB1 SMB_COM_NEGOTIATE on an SMB2 server: when it is answered, upgraded, or ends the connection (3.3.5.3).</summary>
public static class MultiProtocolScenarios
{
    private static readonly List<Smb1Dialect> WildcardOffer = ["NT LM 0.12", "SMB 2.002", "SMB 2.???"];

    [Scenario(ScenarioFamily.Negotiate, "3.3.5.3.2", Requirements = ["3.3.5.3.2#03", "3.3.5.3.2#04"], Title = "SMB_COM_NEGOTIATE without any SMB2 dialect string: no SMB2 answer (disconnect, or SMB1 from a server that speaks it)")]
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
            context.Fail("3.3.5.3.2", "3.3.5.3.2#03, 3.3.5.3.2#04", subject, "a disconnect (or an SMB1 answer from a server implementing SMB1)", $"the connection stayed open and silent ({e.Message})");
            return;
        }
        var isSmb1 = frame.Length >= 4 && frame.Span[0] == 0xFF && frame.Span[1] == (byte)'S' && frame.Span[2] == (byte)'M' && frame.Span[3] == (byte)'B';
        // 3.3.5.3.2: without "SMB 2.002" a server that also implements SMB hands over to SMB processing; otherwise it disconnects.
        context.CheckTrue("3.3.5.3.2", "3.3.5.3.2#03, 3.3.5.3.2#04", subject, isSmb1, "a disconnect, or an SMB1 (0xFF 'SMB') answer from a server implementing SMB1",
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

    [Scenario(ScenarioFamily.Negotiate, "3.3.5.2.3", "3.3.5.3.1", "3.3.5.4", Requirements = ["3.3.5.2.3#02", "3.3.5.3.1#10", "3.3.5.3.1#18", "3.3.5.4#08", "3.3.5.4#11"], Title = "After the \"SMB 2.???\" answer the SMB2 NEGOTIATE (MessageId 1) succeeds and selects the greatest common dialect")]
    public static async Task Smb2NegotiateAfterWildcardAnswerSucceeds(ScenarioContext context)
    {
        RequireSmb21OrLater(context);
        var (connection, wildcard) = await Smb1NegotiateAsync(context, WildcardOffer);
        context.CheckEqual("3.3.5.3.1", "3.3.5.3.1#10", "DialectRevision answered to \"SMB 2.???\"", Dialect.Smb2Wildcard, wildcard.DialectRevision, NegotiateSteps.Describe);
        var request = new NegotiateOptions { MaxDialect = context.Capabilities.HighestDialect }.BuildRequest(connection.ClientGuid);
        // 3.2.5.2: the NEGOTIATE that follows a 0x02FF answer uses MessageId 1 (the SMB1 request took 0).
        var responses = await connection.SendAsync([new Smb2Request(connection.Build(request)) { MessageId = 1 }], context.CancellationToken);
        var response = Smb2Response<NegotiateResponse>.From(responses[0]);
        // The SMB_COM_NEGOTIATE counted as MessageId 0 (3.3.5.2.3): 1 is the next id in the window.
        context.CheckStatus("3.3.5.3.1", "3.3.5.2.3#02, 3.3.5.3.1#18", "SMB2 NEGOTIATE (MessageId 1) after the 0x02FF answer", NtStatus.Success, response.Status);
        var body = context.CheckBody("2.2.4", "NEGOTIATE Response", response);
        context.CheckEqual("3.3.5.4", "3.3.5.4#08", "DialectRevision of the SMB2 NEGOTIATE", context.Capabilities.HighestDialect, body.DialectRevision, NegotiateSteps.Describe);
        context.CheckEqual("3.3.5.4", "3.3.5.4#11", "MessageId of the answer", 1UL, responses[0].Header.MessageId);
    }

    [Scenario(ScenarioFamily.Negotiate, "3.3.5.3.1", Requirements = ["3.3.5.3.1#04", "3.3.5.3.1#10", "3.3.5.3.1#11"],
        Title = "The \"SMB 2.???\" answer's Capabilities hold only DFS, LEASING and LARGE_MTU, and LARGE_MTU over Direct TCP")]
    public static async Task WildcardAnswerCapabilitiesAreLimited(ScenarioContext context)
    {
        RequireSmb21OrLater(context);
        var (_, body) = await Smb1NegotiateAsync(context, WildcardOffer);
        context.CheckEqual("3.3.5.3.1", "3.3.5.3.1#10", "DialectRevision answered to \"SMB 2.???\"", Dialect.Smb2Wildcard, body.DialectRevision, NegotiateSteps.Describe);
        context.CheckEqual("3.3.5.3.1", "3.3.5.3.1#11", "Capabilities of the 0x02FF answer outside DFS, LEASING, LARGE_MTU",
            GlobalCapabilities.None, body.Capabilities & ~(GlobalCapabilities.Dfs | GlobalCapabilities.Leasing | GlobalCapabilities.LargeMtu));
        // 3.3.5.3.1: on port 445 (the suite's Direct TCP port plays that part) the answer sets SupportsMultiCredit, which LARGE_MTU announces.
        context.CheckTrue("3.3.5.3.1", "3.3.5.3.1#04", "SMB2_GLOBAL_CAP_LARGE_MTU in the 0x02FF answer over Direct TCP", (body.Capabilities & GlobalCapabilities.LargeMtu) != 0,
            "set (Connection.SupportsMultiCredit)", body.Capabilities.ToString());
    }

    [Scenario(ScenarioFamily.Negotiate, "3.3.5.3.1", Requirements = ["3.3.5.3.1#01"], Profile = ServerProfile.Smb2002Only,
        Title = "A server implementing only 2.0.2 answers an SMB_COM_NEGOTIATE offering \"SMB 2.???\" and \"SMB 2.002\" as 3.3.5.3.2 does: DialectRevision 0x0202, not the wildcard")]
    public static async Task Smb2002OnlyServerAnswersWithoutTheWildcard(ScenarioContext context)
    {
        var (_, body) = await Smb1NegotiateAsync(context, WildcardOffer);
        context.CheckEqual("3.3.5.3.1", "3.3.5.3.1#01", "DialectRevision answered by a server without 2.1 and 3.x to \"SMB 2.???\" (with \"SMB 2.002\" offered)",
            Dialect.Smb202, body.DialectRevision, NegotiateSteps.Describe);
    }

    [Scenario(ScenarioFamily.Negotiate, "3.3.5.3.2", Requirements = ["3.3.5.3.2#18"],
        Title = "After the \"SMB 2.002\" answer the connection has no multi-credit: a request charged 2 credits at the last MessageId granted is processed (CreditCharge ignored)")]
    public static async Task ChargeIsIgnoredAfterSmb2002Answer(ScenarioContext context)
    {
        var client = await LogOnAfterSmb2002AnswerAsync(context);
        await RequestSteps.ExpectChargeIgnoredAsync(context, "3.3.5.3.2", "3.3.5.3.2#18", client.Connection, client.Session, "a connection negotiated at 2.0.2 by SMB_COM_NEGOTIATE");
    }

    [Scenario(ScenarioFamily.Negotiate, "3.3.5.3.2", Requirements = ["3.3.5.3.2#11", "3.3.5.3.2#12", "3.3.5.3.2#13"],
        Title = "After the \"SMB 2.002\" answer its MaxReadSize, MaxWriteSize and MaxTransactSize bound READ, WRITE and QUERY_INFO: one byte more is STATUS_INVALID_PARAMETER")]
    public static async Task AnnouncedSizesBoundRequestsAfterSmb2002Answer(ScenarioContext context)
    {
        var client = await LogOnAfterSmb2002AnswerAsync(context);
        await AnnouncedSizeSteps.CheckAsync(context, client, new AnnouncedSizeSteps.SizeRequirements("3.3.5.3.2", "3.3.5.3.2#11", "3.3.5.3.2#12", "3.3.5.3.2#13"));
    }

    [Scenario(ScenarioFamily.Negotiate, "3.3.5.3.2", Requirements = ["3.3.5.3.2#10", "3.3.5.3.2#17"], Title = "After the \"SMB 2.002\" answer the connection is negotiated: an SMB2 NEGOTIATE is disconnected")]
    public static async Task Smb2NegotiateAfterSmb2002AnswerDisconnects(ScenarioContext context)
    {
        context.RequireDialect(Dialect.Smb202);
        var (connection, body) = await Smb1NegotiateAsync(context, ["NT LM 0.12", "SMB 2.002"]);
        context.CheckEqual("3.3.5.3.2", "3.3.5.3.2#10", "DialectRevision answered to \"SMB 2.002\" alone", Dialect.Smb202, body.DialectRevision, NegotiateSteps.Describe);
        var request = new NegotiateOptions { Dialects = [Dialect.Smb202] }.BuildRequest(connection.ClientGuid);
        await RequestSteps.ExpectDisconnectAsync(context, "3.3.5.3.2", "3.3.5.3.2#17", "an SMB2 NEGOTIATE on a connection negotiated at 2.0.2 by SMB_COM_NEGOTIATE", connection,
            new Smb2Request(connection.Build(request)) { MessageId = 1 });
    }

    [Scenario(ScenarioFamily.Negotiate, "3.3.5.3", "3.3.5.3.1", Requirements = ["3.3.5.3#01", "3.3.5.3#02", "3.3.5.3.1#03", "3.3.5.3.1#05", "3.3.5.3.1#06", "3.3.5.3.1#07", "3.3.5.3.1#08", "3.3.5.3.1#10", "3.3.5.3.1#11"], Title = "SMB_COM_NEGOTIATE offering \"SMB 2.???\" on a fresh connection: an SMB2 NEGOTIATE Response, header per 2.2.1 (zero where no default), body per 2.2.4 with the 0x02FF values")]
    public static async Task WildcardAnswerIsWellFormed(ScenarioContext context)
    {
        RequireSmb21OrLater(context);
        var answer = await ReceiveSmb1AnswerAsync(context, WildcardOffer, "3.3.5.3.1", "3.3.5.3.1#03");
        CheckAnswer(context, answer, new AnswerRules("3.3.5.3.1", "3.3.5.3.1#05", "3.3.5.3.1#06", "3.3.5.3.1#07", "3.3.5.3.1#08", "3.3.5.3.1#10", "3.3.5.3.1#11",
            Dialect.Smb2Wildcard, GlobalCapabilities.Dfs | GlobalCapabilities.Leasing | GlobalCapabilities.LargeMtu));
    }

    [Scenario(ScenarioFamily.Negotiate, "3.3.5.3", "3.3.5.3.2", Requirements = ["3.3.5.3#01", "3.3.5.3#02", "3.3.5.3.2#02", "3.3.5.3.2#05", "3.3.5.3.2#06", "3.3.5.3.2#07", "3.3.5.3.2#08", "3.3.5.3.2#10"], Title = "SMB_COM_NEGOTIATE offering \"SMB 2.002\" (no wildcard) on a fresh connection: an SMB2 NEGOTIATE Response, header per 2.2.1 (zero where no default), body per 2.2.4 with the 0x0202 values")]
    public static async Task Smb2002AnswerIsWellFormed(ScenarioContext context)
    {
        context.RequireDialect(Dialect.Smb202);
        var answer = await ReceiveSmb1AnswerAsync(context, ["NT LM 0.12", "SMB 2.002"], "3.3.5.3.2", "3.3.5.3.2#02");
        // 3.3.5.3.2 names only SMB2_GLOBAL_CAP_DFS for the 2.002 answer.
        CheckAnswer(context, answer, new AnswerRules("3.3.5.3.2", "3.3.5.3.2#05", "3.3.5.3.2#06", "3.3.5.3.2#07", "3.3.5.3.2#08", "3.3.5.3.2#10", "3.3.5.3.2#07",
            Dialect.Smb202, GlobalCapabilities.Dfs));
    }

    [Scenario(ScenarioFamily.Negotiate, "3.3.5.3.1", "3.3.5.3.2", Requirements = ["3.3.5.3.1#09", "3.3.5.3.2#09"], Title = "The SMB_COM_NEGOTIATE answers carry SIGNING_REQUIRED when the target requires signing (seen from an unsigned TREE_CONNECT, or its SMB2 NEGOTIATE Response)")]
    public static async Task Smb1AnswersAnnounceRequiredSigning(ScenarioContext context)
    {
        var wildcard = context.Capabilities.Dialects.Any(dialect => dialect >= Dialect.Smb210);
        var smb2002 = context.Capabilities.Dialects.Contains(Dialect.Smb202);
        if (!wildcard && !smb2002)
        {
            throw new ScenarioInconclusiveException($"{context.Target.Name} answers neither \"SMB 2.???\" nor \"SMB 2.002\"");
        }
        var (requiresSigning, announced) = await NegotiateSteps.ProbeRequireMessageSigningAsync(context, NegotiateSteps.HighestBelowSmb311(context));
        // 3.3.5.4 sets SIGNING_REQUIRED only for RequireMessageSigning: either sign of it means the global is TRUE.
        var required = requiresSigning || (announced & SecurityMode.SigningRequired) != 0;
        var offers = new List<(string Clause, string Requirement, List<Smb1Dialect> Dialects)>();
        if (wildcard)
        {
            offers.Add(("3.3.5.3.1", "3.3.5.3.1#09", WildcardOffer));
        }
        if (smb2002)
        {
            offers.Add(("3.3.5.3.2", "3.3.5.3.2#09", ["NT LM 0.12", "SMB 2.002"]));
        }
        foreach (var (clause, requirement, dialects) in offers)
        {
            var (_, body) = await Smb1NegotiateAsync(context, dialects);
            var answered = (body.SecurityMode & SecurityMode.SigningRequired) != 0;
            if (required)
            {
                context.CheckTrue(clause, requirement, $"SecurityMode answered to \"{dialects[^1]}\" by a target that requires signing", answered,
                    "SIGNING_ENABLED | SIGNING_REQUIRED", body.SecurityMode.ToString());
            }
            context.Observe($"answer to \"{dialects[^1]}\": SecurityMode {body.SecurityMode}");
        }
    }

    [Scenario(ScenarioFamily.Negotiate, "3.3.5.3.1", "3.3.5.3.2", Requirements = ["3.3.5.3.1#09", "3.3.5.3.2#09"], Profile = ServerProfile.RequiresSigning,
        Title = "On a target that requires signing (RequireMessageSigning): the SMB_COM_NEGOTIATE answers carry SIGNING_REQUIRED")]
    public static async Task RequiringTargetSmb1AnswersAnnounceRequiredSigning(ScenarioContext context)
    {
        await NegotiateSteps.RequireEnforcedSigningAsync(context);
        await Smb1AnswersAnnounceRequiredSigning(context);
    }

    /// <summary>The requirement ids one SMB_COM_NEGOTIATE answer clause (3.3.5.3.1 or 3.3.5.3.2) gives each rule, and its values.</summary>
    private sealed record AnswerRules(string Clause, string Command, string Header, string Body, string SigningEnabled, string DialectRule, string CapabilitiesRule,
        Dialect DialectRevision, GlobalCapabilities AllowedCapabilities);

    private static void CheckAnswer(ScenarioContext context, (Smb2Header Header, NegotiateResponse Body, ReadOnlyMemory<byte> Bytes) answer, AnswerRules rules)
    {
        var (header, body, bytes) = answer;
        var clause = rules.Clause;
        context.CheckEqual(clause, rules.Command, "Command of the answer's SMB2 header", Smb2Command.Negotiate, header.Command);
        // 2.2.1 defaults, and 0 for every field without one: a synchronous, unsigned, unrelated response to MessageId 0.
        context.CheckEqual(clause, rules.Header, "StructureSize of the answer's SMB2 header", (ushort)Smb2Header.Size, header.StructureSize);
        context.CheckEqual(clause, rules.Header, "Status of the answer", NtStatus.Success, header.Status, NtStatus.Describe);
        context.CheckEqual(clause, rules.Header, "Flags of the answer's SMB2 header", Smb2HeaderFlags.ServerToRedir, header.Flags);
        context.CheckEqual(clause, rules.Header, "NextCommand of the answer", 0u, header.NextCommand);
        context.CheckEqual(clause, rules.Header, "MessageId of the answer", 0UL, header.MessageId);
        context.CheckEqual(clause, rules.Header, "TreeId of the answer", 0u, header.TreeId);
        context.CheckEqual(clause, rules.Header, "SessionId of the answer", 0UL, header.SessionId);
        context.CheckEqual(clause, rules.Header, "Signature of the answer", new string('0', 32), Convert.ToHexString(header.Signature));
        context.Observe($"answer header: CreditCharge {header.CreditCharge}, CreditResponse {header.CreditRequestResponse}, Reserved 0x{header.Reserved:X8}");

        context.CheckEqual(clause, rules.Body, "ServerGuid of the answer (the global ServerGuid, as in the SMB2 NEGOTIATE Response)", context.Capabilities.ServerGuid, body.ServerGuid);
        // 2.2.4: NegotiateContextCount and NegotiateContextOffset are Reserved (0) unless DialectRevision is 0x0311.
        var span = bytes.Span;
        context.CheckEqual(clause, rules.Body, "NegotiateContextCount/Reserved of the answer", (ushort)0, span.U16(Smb2Header.Size + 6));
        context.CheckEqual(clause, rules.Body, "NegotiateContextOffset/Reserved2 of the answer", 0u, span.U32(Smb2Header.Size + 60));
        context.CheckTrue(clause, rules.SigningEnabled, "SecurityMode of the answer", (body.SecurityMode & SecurityMode.SigningEnabled) != 0, "SIGNING_ENABLED set", body.SecurityMode.ToString());
        context.CheckEqual(clause, rules.DialectRule, "DialectRevision of the answer", rules.DialectRevision, body.DialectRevision, NegotiateSteps.Describe);
        context.CheckEqual(clause, rules.CapabilitiesRule, $"Capabilities of the answer outside {rules.AllowedCapabilities}", GlobalCapabilities.None, body.Capabilities & ~rules.AllowedCapabilities);
    }

    /// <summary>
    /// Sends SMB_COM_NEGOTIATE on a fresh connection and reads the answer, which must be an SMB2 NEGOTIATE
    /// Response: the server examined the non-SMB2 message as an SMB1 negotiate (3.3.5.3) and, the connection
    /// being fresh, went on to <paramref name="clause"/>.
    /// </summary>
    private static async Task<(Smb2Header Header, NegotiateResponse Body, ReadOnlyMemory<byte> Bytes)> ReceiveSmb1AnswerAsync(ScenarioContext context, List<Smb1Dialect> dialects, string clause, string requirement)
    {
        var connection = await context.ConnectAsync();
        await connection.SendRawAsync(new Smb1NegotiateRequest { Dialects = dialects }.Encode(), cancellationToken: context.CancellationToken);
        var subject = $"answer to SMB_COM_NEGOTIATE offering [{string.Join(", ", dialects.Select(dialect => $"\"{dialect}\""))}] on a fresh connection";
        ReadOnlyMemory<byte> frame = default;
        try
        {
            frame = await connection.ReceiveRawAsync(context.ConnectionOptions.ResponseTimeout, context.CancellationToken);
        }
        catch (Smb2ClientException e) when (e.Kind is ClientErrorKind.ConnectionLost or ClientErrorKind.RawReceiveTimeout)
        {
            context.Fail("3.3.5.3", "3.3.5.3#02", subject, "an SMB2 NEGOTIATE Response", e.Kind == ClientErrorKind.ConnectionLost ? "a disconnect" : $"no answer ({e.Message})");
        }
        var slices = Smb2Compound.Split(frame);
        if (!slices.IsSuccess)
        {
            context.Fail("3.3.5.3", "3.3.5.3#01", subject, "an SMB2 message (the SMB1 negotiate recognised, 3.3.5.3)", slices.Error.ToString());
        }
        context.CheckEqual("3.3.5.3", "3.3.5.3#02", $"{subject}: messages in the frame", 1, slices.Value.Count);
        var slice = slices.Value[0];
        var message = Smb2MessageCatalog.Read(slice);
        if (!message.IsSuccess || message.Value.Body is not NegotiateResponse body)
        {
            context.Fail(clause, requirement, subject, "a well-formed SMB2 NEGOTIATE Response (2.2.4)", message.IsSuccess ? message.Value.ToString()! : message.Error.ToString());
            return default;
        }
        return (slice.Header, body, slice.Bytes);
    }

    /// <summary>A connection negotiated at 2.0.2 by an SMB_COM_NEGOTIATE offering "SMB 2.002" alone, then logged on and connected to the share.</summary>
    private static async Task<Smb2Client> LogOnAfterSmb2002AnswerAsync(ScenarioContext context)
    {
        context.RequireDialect(Dialect.Smb202);
        var (connection, body) = await Smb1NegotiateAsync(context, ["NT LM 0.12", "SMB 2.002"]);
        context.CheckEqual("3.3.5.3.2", "3.3.5.3.2#10", "DialectRevision answered to \"SMB 2.002\" alone", Dialect.Smb202, body.DialectRevision, NegotiateSteps.Describe);
        connection.AcceptMultiProtocolAnswer(body);
        var setup = await connection.SessionSetupAsync(TargetProbe.Credential(context.Target), cancellationToken: context.CancellationToken);
        if (setup.Session is not { } session)
        {
            throw new ScenarioInconclusiveException($"SESSION_SETUP after the 0x0202 answer failed ({NtStatus.Describe(setup.Status)}): the step before the behaviour under test");
        }
        var tree = await connection.TreeConnectAsync(session, context.Target.Share, cancellationToken: context.CancellationToken);
        if (tree.TreeConnect is null)
        {
            throw new ScenarioInconclusiveException($"TREE_CONNECT after the 0x0202 answer failed ({NtStatus.Describe(tree.Status)})");
        }
        return new Smb2Client(connection, session, tree.TreeConnect);
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
        var (connection, _, body) = await Smb1NegotiateWithHeaderAsync(context, dialects);
        return (connection, body);
    }

    private static async Task<(Connection Connection, Smb2Header Header, NegotiateResponse Body)> Smb1NegotiateWithHeaderAsync(ScenarioContext context, List<Smb1Dialect> dialects)
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
        return (connection, slices.Value[0].Header, body);
    }
}
