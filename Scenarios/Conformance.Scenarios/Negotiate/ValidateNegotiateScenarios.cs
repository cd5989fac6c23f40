using Conformance.Adapters.Client;
using Conformance.Adapters.Wire;
using Conformance.Adapters.Wire.Fsctl;
using Conformance.Adapters.Wire.InfoClasses;
using Conformance.Adapters.Wire.Messages;
using Conformance.Scenarios.Steps;

namespace Conformance.Scenarios.Negotiate;

/// <summary>
/// FSCTL_VALIDATE_NEGOTIATE_INFO (3.3.5.15.12): the server repeats its negotiated values when the
/// client's repetition of its NEGOTIATE matches, and ends the connection when any field differs.
/// The current MS-SMB2 adds: at 3.1.1 the request itself ends the connection, and a 3.1.1-capable
/// server compares the whole Dialects array with the one first offered.
/// </summary>
public static class ValidateNegotiateScenarios
{
    private const string Clause = "3.3.5.15.12";

    [Scenario(ScenarioFamily.Negotiate, "3.3.5.4", "3.3.5.15.12", Requirements = ["3.3.5.4#03", "3.3.5.4#04", "3.3.5.4#05", "3.3.5.4#10", "3.3.5.4#24", "3.3.5.15.12#02", "3.3.5.15.12#07", "3.3.5.15.12#08", "3.3.5.15.12#09", "3.3.5.15.12#10", "3.3.5.15.12#13", "3.3.5.15.12#14", "3.3.5.15.12#15", "3.3.5.15.12#16", "3.3.5.15.12#17"], Title = "3.0: a matching VALIDATE_NEGOTIATE_INFO succeeds with the server's negotiated values")]
    public static Task MatchingValidationSucceedsAt300(ScenarioContext context) => MatchingValidationSucceedsAsync(context, Dialect.Smb300);

    [Scenario(ScenarioFamily.Negotiate, "3.3.5.4", "3.3.5.15.12", Requirements = ["3.3.5.4#03", "3.3.5.4#04", "3.3.5.4#05", "3.3.5.4#10", "3.3.5.4#24", "3.3.5.15.12#02", "3.3.5.15.12#07", "3.3.5.15.12#08", "3.3.5.15.12#09", "3.3.5.15.12#10", "3.3.5.15.12#13", "3.3.5.15.12#14", "3.3.5.15.12#15", "3.3.5.15.12#16", "3.3.5.15.12#17"], Title = "3.0.2: a matching VALIDATE_NEGOTIATE_INFO succeeds with the server's negotiated values")]
    public static Task MatchingValidationSucceedsAt302(ScenarioContext context) => MatchingValidationSucceedsAsync(context, Dialect.Smb302);

    [Scenario(ScenarioFamily.Negotiate, "3.3.5.4", "3.3.5.15.12", Requirements = ["3.3.5.4#03", "3.3.5.15.12#06"], Title = "VALIDATE_NEGOTIATE_INFO with other Capabilities than negotiated: the connection is terminated")]
    public static Task DifferentCapabilitiesTerminate(ScenarioContext context) =>
        ExpectTerminationAsync(context, "3.3.5.4#03, 3.3.5.15.12#06", "Capabilities differing from the NEGOTIATE's (LEASING toggled)",
            (connection, validate) => validate.Capabilities ^= (uint)GlobalCapabilities.Leasing);

    [Scenario(ScenarioFamily.Negotiate, "3.3.5.4", "3.3.5.15.12", Requirements = ["3.3.5.4#05", "3.3.5.15.12#04"], Title = "VALIDATE_NEGOTIATE_INFO with another Guid than the ClientGuid: the connection is terminated")]
    public static Task DifferentGuidTerminates(ScenarioContext context) =>
        ExpectTerminationAsync(context, "3.3.5.4#05, 3.3.5.15.12#04", "Guid differing from the NEGOTIATE's ClientGuid",
            (connection, validate) => validate.Guid = Guid.NewGuid());

    [Scenario(ScenarioFamily.Negotiate, "3.3.5.4", "3.3.5.15.12", Requirements = ["3.3.5.4#04", "3.3.5.15.12#05"], Title = "VALIDATE_NEGOTIATE_INFO with another SecurityMode than negotiated: the connection is terminated")]
    public static Task DifferentSecurityModeTerminates(ScenarioContext context) =>
        ExpectTerminationAsync(context, "3.3.5.4#04, 3.3.5.15.12#05", "SecurityMode differing from the NEGOTIATE's (SIGNING_REQUIRED added)",
            (connection, validate) => validate.SecurityMode |= (ushort)SecurityMode.SigningRequired);

    [Scenario(ScenarioFamily.Negotiate, "3.3.5.4", "3.3.5.15.12", Requirements = ["3.3.5.4#10", "3.3.5.15.12#02", "3.3.5.15.12#03"], Title = "VALIDATE_NEGOTIATE_INFO whose Dialects lead to another dialect: the connection is terminated")]
    public static Task DifferentGreatestDialectTerminates(ScenarioContext context) =>
        ExpectTerminationAsync(context, "3.3.5.4#10, 3.3.5.15.12#02, 3.3.5.15.12#03", "Dialects whose greatest common dialect is 2.1, not the negotiated one",
            (connection, validate) => validate.Dialects = [Dialect.Smb202, Dialect.Smb210]);

    [Scenario(ScenarioFamily.Negotiate, "3.3.5.4", "3.3.5.15.12", Requirements = ["3.3.5.4#N02", "3.3.5.15.12#N02"], Title = "3.1.1-capable server: VALIDATE_NEGOTIATE_INFO with a shorter Dialects array (same greatest dialect, DialectCount one less) terminates the connection")]
    public static Task DifferentDialectListTerminates(ScenarioContext context)
    {
        context.RequireDialect(Dialect.Smb311);
        return ExpectTerminationAsync(context, "3.3.5.4#N02, 3.3.5.15.12#N02", "Dialects without the 2.0.2 the NEGOTIATE offered (current MS-SMB2: compared with Connection.ClientDialects)",
            (connection, validate) => validate.Dialects = [.. validate.Dialects.Where(dialect => dialect != Dialect.Smb202)]);
    }

    [Scenario(ScenarioFamily.Negotiate, "3.3.5.5.3", "3.3.5.15.12", Requirements = ["3.3.5.5.3#25"],
        Title = "3.0.x: NEGOTIATE with Capabilities 0, SESSION_SETUP with Capabilities DFS: the connection takes DFS, so a validation with DFS succeeds and one repeating the NEGOTIATE's 0 ends the connection")]
    public static async Task SessionSetupCapabilitiesReplaceEmptyNegotiateCapabilities(ScenarioContext context)
    {
        var dialect = ValidationDialect(context);
        var negotiate = new NegotiateOptions { Dialects = [.. NegotiateOptions.AllDialects.Where(offered => offered <= dialect)], Capabilities = GlobalCapabilities.None };
        var setup = new SessionSetupOptions { Capabilities = GlobalCapabilities.Dfs };
        var taking = await SessionSteps.LogOnAsync(context, negotiate, setup);
        var withDfs = Matching(taking.Connection);
        withDfs.Capabilities = (uint)GlobalCapabilities.Dfs;
        const string subject = "VALIDATE_NEGOTIATE_INFO with Capabilities DFS (the SESSION_SETUP's; the NEGOTIATE's were 0)";
        Smb2Response<IoctlResponse> response;
        try
        {
            response = await taking.Connection.ValidateNegotiateInfoAsync(taking.Tree, withDfs, context.CancellationToken);
        }
        catch (Smb2ClientException e) when (e.Kind == ClientErrorKind.ConnectionLost)
        {
            context.Fail("3.3.5.5.3", "3.3.5.5.3#25", subject, NtStatus.Describe(NtStatus.Success), "the server terminated the connection (it compared with the NEGOTIATE's Capabilities 0)");
            return;
        }
        context.CheckStatus("3.3.5.5.3", "3.3.5.5.3#25", subject, NtStatus.Success, response.Status);
        var repeating = await SessionSteps.LogOnAsync(context, negotiate, setup);
        await NegotiateSteps.ExpectTerminatedAsync(context, "3.3.5.5.3", "3.3.5.5.3#25", "VALIDATE_NEGOTIATE_INFO with Capabilities 0 (the NEGOTIATE's, replaced by the SESSION_SETUP's DFS)",
            () => repeating.Connection.ValidateNegotiateInfoAsync(repeating.Tree, Matching(repeating.Connection), context.CancellationToken));
    }

    [Scenario(ScenarioFamily.Negotiate, "3.3.5.15.12", Requirements = ["3.3.5.15.12#01"], Title = "VALIDATE_NEGOTIATE_INFO with MaxOutputResponse smaller than the response: the connection is terminated")]
    public static async Task SmallMaxOutputResponseTerminates(ScenarioContext context)
    {
        var client = await LogOnAsync(context, ValidationDialect(context));
        var connection = client.Connection;
        var request = new IoctlRequest
        {
            CtlCode = FsctlCode.ValidateNegotiateInfo,
            FileId = FileId.Related,
            Flags = IoctlFlags.IsFsctl,
            Input = Matching(connection).ToBytes(),
            MaxOutputResponse = ValidateNegotiateInfoResponse.FixedLength - 1,
        };
        await NegotiateSteps.ExpectTerminatedAsync(context, Clause, "3.3.5.15.12#01", "VALIDATE_NEGOTIATE_INFO with MaxOutputResponse 23",
            async () => await connection.SendOneAsync(new Smb2Request(connection.Build(request, client.Session, client.Tree))
            {
                Session = client.Session,
                TreeConnect = client.Tree,
                Signing = RequestSigning.Sign,
            }, context.CancellationToken));
    }

    [Scenario(ScenarioFamily.Negotiate, "3.3.5.15.12", Requirements = ["3.3.5.15.12#N01"], Title = "3.1.1: a (matching) VALIDATE_NEGOTIATE_INFO terminates the connection (current MS-SMB2; Windows answers it)")]
    public static async Task ValidationAt311Terminates(ScenarioContext context)
    {
        context.RequireDialect(Dialect.Smb311);
        var client = await LogOnAsync(context, Dialect.Smb311);
        // The current MS-SMB2 3.3.5.15.12 ends a 3.1.1 connection that sends this FSCTL; the preauth
        // integrity hash protects its negotiation instead. Windows servers have been seen to answer it.
        await NegotiateSteps.ExpectTerminatedAsync(context, Clause, "3.3.5.15.12#N01", "a matching VALIDATE_NEGOTIATE_INFO on a 3.1.1 connection",
            () => client.Connection.ValidateNegotiateInfoAsync(client.Tree, cancellationToken: context.CancellationToken));
    }

    [Scenario(ScenarioFamily.Negotiate, "3.3.5.15.12", Requirements = ["3.3.5.15.12#07"], Title = "2.1: what a matching VALIDATE_NEGOTIATE_INFO gets is observed; a success must carry the negotiated values")]
    public static async Task ValidationAt210IsObserved(ScenarioContext context)
    {
        context.RequireDialect(Dialect.Smb210);
        var client = await LogOnAsync(context, Dialect.Smb210);
        Smb2Response<IoctlResponse> response;
        try
        {
            response = await client.Connection.ValidateNegotiateInfoAsync(client.Tree, cancellationToken: context.CancellationToken);
        }
        catch (Smb2ClientException e) when (e.Kind == ClientErrorKind.ConnectionLost)
        {
            context.Observe("2.1: VALIDATE_NEGOTIATE_INFO ended the connection");
            return;
        }
        context.Observe($"2.1: VALIDATE_NEGOTIATE_INFO answered {NtStatus.Describe(response.Status)}");
        if (response.IsSuccess)
        {
            CheckServerValues(context, client.Connection, response, "3.3.5.15.12#07", "3.3.5.15.12#07");
        }
    }

    private static async Task MatchingValidationSucceedsAsync(ScenarioContext context, Dialect dialect)
    {
        context.RequireDialect(dialect);
        var client = await LogOnAsync(context, dialect);
        var response = await client.Connection.ValidateNegotiateInfoAsync(client.Tree, cancellationToken: context.CancellationToken);
        // The connection kept the client's Capabilities, SecurityMode, ClientGuid (3.3.5.4) and its dialect, which the request's Dialects lead to again.
        context.CheckStatus(Clause, "3.3.5.4#03, 3.3.5.4#04, 3.3.5.4#05, 3.3.5.4#10, 3.3.5.15.12#02, 3.3.5.15.12#17", $"VALIDATE_NEGOTIATE_INFO at {dialect.ToDisplayString()} repeating the NEGOTIATE",
            NtStatus.Success, response.Status);
        context.CheckTrue(Clause, "3.3.5.15.12#08", "IOCTL Response body (2.2.32 layout)", response.Body is not null, "a well-formed IOCTL Response", response.DecodeError?.ToString() ?? "no body");
        CheckBufferLayout(context, response.Response.Bytes);
        var ioctl = CheckServerValues(context, client.Connection, response, "3.3.5.4#24, 3.3.5.15.12#07", "3.3.5.4#10, 3.3.5.15.12#07");
        context.CheckEqual(Clause, "3.3.5.15.12#09", "CtlCode", FsctlCode.ValidateNegotiateInfo, ioctl.CtlCode, code => $"0x{code:X8}");
        context.CheckEqual(Clause, "3.3.5.15.12#10", "FileId", FileId.Related, ioctl.FileId);
        context.CheckEqual(Clause, "3.3.5.15.12#15", "Flags", 0u, ioctl.Flags);
        context.CheckEqual(Clause, "3.3.5.15.12#14", "OutputCount", ValidateNegotiateInfoResponse.FixedLength, ioctl.Output.Length);
    }

    /// <summary>The offsets and counts as sent: OutputOffset follows the (empty) input, 8-byte aligned, and the validation response sits there.</summary>
    private static void CheckBufferLayout(ScenarioContext context, ReadOnlyMemory<byte> message)
    {
        var span = message.Span;
        var body = Smb2Header.Size;
        var inputOffset = span.U32(body + 24);
        var inputCount = span.U32(body + 28);
        var outputOffset = span.U32(body + 32);
        var outputCount = span.U32(body + 36);
        context.Observe($"IOCTL Response InputOffset {inputOffset} (3.3.5.15.12 SHOULD: {IoctlResponse.NaturalInputOffset}), InputCount {inputCount} (SHOULD: 0)");
        context.CheckEqual(Clause, "3.3.5.15.12#13", "OutputOffset (InputOffset + InputCount rounded up to 8)", (uint)WireSpanExtensions.Align8((int)(inputOffset + inputCount)), outputOffset);
        context.CheckTrue(Clause, "3.3.5.15.12#16", "OutputOffset + OutputCount within the message", outputOffset + (ulong)outputCount <= (ulong)message.Length,
            $"at most {message.Length}", $"{outputOffset} + {outputCount}");
        var output = ValidateNegotiateInfoResponse.Read(message.Slice((int)outputOffset, (int)outputCount));
        context.CheckTrue(Clause, "3.3.5.15.12#16", "Buffer at OutputOffset", output.IsSuccess, "a VALIDATE_NEGOTIATE_INFO Response", output.IsSuccess ? "" : output.Error.ToString());
    }

    /// <summary>The VALIDATE_NEGOTIATE_INFO Response repeats the NEGOTIATE Response; <paramref name="kept"/> and <paramref name="dialect"/> name what its values prove.</summary>
    private static IoctlResponse CheckServerValues(ScenarioContext context, Connection connection, Smb2Response<IoctlResponse> response, string kept, string dialect)
    {
        var ioctl = context.CheckBody("2.2.32", "IOCTL Response", response);
        var output = ValidateNegotiateInfoResponse.Read(ioctl.Output);
        if (!output.IsSuccess)
        {
            context.Fail("2.2.32.6", "3.3.5.15.12#07", "Output of the IOCTL Response", "a VALIDATE_NEGOTIATE_INFO Response", output.Error.ToString());
        }
        var values = output.Value;
        context.CheckEqual(Clause, kept, "Capabilities (Connection.ServerCapabilities)", connection.ServerCapabilities, (GlobalCapabilities)values.Capabilities);
        context.CheckEqual(Clause, "3.3.5.15.12#07", "Guid (ServerGuid)", connection.ServerGuid, values.Guid);
        context.CheckEqual(Clause, kept, "SecurityMode (Connection.ServerSecurityMode)", connection.ServerSecurityMode, (SecurityMode)values.SecurityMode);
        context.CheckEqual(Clause, dialect, "Dialect (Connection.Dialect)", connection.Dialect ?? 0, values.Dialect, NegotiateSteps.Describe);
        return ioctl;
    }

    private static async Task ExpectTerminationAsync(ScenarioContext context, string requirement, string subject, Action<Connection, ValidateNegotiateInfoRequest> alter)
    {
        var client = await LogOnAsync(context, ValidationDialect(context));
        var validate = Matching(client.Connection);
        alter(client.Connection, validate);
        await NegotiateSteps.ExpectTerminatedAsync(context, Clause, requirement, $"VALIDATE_NEGOTIATE_INFO with {subject}",
            () => client.Connection.ValidateNegotiateInfoAsync(client.Tree, validate, context.CancellationToken));
    }

    /// <summary>3.0.2 when the target has it, else 3.0: the dialects VALIDATE_NEGOTIATE_INFO is defined for.</summary>
    private static Dialect ValidationDialect(ScenarioContext context)
    {
        if (context.Capabilities.Dialects.Contains(Dialect.Smb302))
        {
            return Dialect.Smb302;
        }
        context.RequireDialect(Dialect.Smb300);
        return Dialect.Smb300;
    }

    /// <summary>Logged on at <paramref name="dialect"/>, having offered every dialect from 2.0.2 up to it.</summary>
    private static Task<Smb2Client> LogOnAsync(ScenarioContext context, Dialect dialect) =>
        context.LogOnAsync(negotiate: new NegotiateOptions { Dialects = [.. NegotiateOptions.AllDialects.Where(offered => offered <= dialect)] });

    private static ValidateNegotiateInfoRequest Matching(Connection connection) => new()
    {
        Capabilities = (uint)connection.ClientCapabilities,
        Guid = connection.ClientGuid,
        SecurityMode = (ushort)connection.ClientSecurityMode,
        Dialects = [.. connection.ClientDialects],
    };
}
