using Conformance.Adapters.Client;
using Conformance.Adapters.Security.Spnego;
using Conformance.Adapters.Wire;
using Conformance.Adapters.Wire.Messages;

namespace Conformance.Scenarios.Negotiate;

/// <summary>Steps the negotiate scenarios share.</summary>
internal static class NegotiateSteps
{
    /// <summary>A fresh connection that sends one NEGOTIATE request offering <paramref name="dialects"/>.</summary>
    public static async Task<Smb2Response<NegotiateResponse>> OfferAsync(ScenarioContext context, IReadOnlyList<Dialect> dialects, Action<NegotiateRequest>? adjust = null)
    {
        var connection = await context.ConnectAsync();
        var request = new NegotiateOptions { Dialects = dialects }.BuildRequest(Guid.NewGuid());
        adjust?.Invoke(request);
        return await connection.NegotiateAsync(request, context.CancellationToken);
    }

    /// <summary>A fresh connection negotiating exactly <paramref name="dialect"/>; the response must be a success at that dialect.</summary>
    public static async Task<NegotiateResponse> NegotiateExactlyAsync(ScenarioContext context, Dialect dialect, Action<NegotiateRequest>? adjust = null)
    {
        var response = await OfferAsync(context, [dialect], adjust);
        var subject = $"NEGOTIATE offering only {dialect.ToDisplayString()}";
        context.CheckStatus("3.3.5.4", "3.3.5.4#11", $"{subject}: Status", NtStatus.Success, response.Status);
        var body = context.CheckBody("2.2.4", subject, response);
        context.CheckEqual("3.3.5.4", "3.3.5.4#08", $"{subject}: DialectRevision", dialect, body.DialectRevision, Describe);
        return body;
    }

    /// <summary>
    /// Sends <paramref name="request"/> where the server must refuse it: the status of the answer, or
    /// null when the server closed the connection instead (a ConnectionLost on this request).
    /// </summary>
    public static async Task<uint?> StatusOrDisconnectAsync(ScenarioContext context, string clause, string? requirement, string subject, Connection connection, Smb2Request request)
    {
        try
        {
            var responses = await connection.SendAsync([request], context.CancellationToken);
            return responses[0].Status;
        }
        catch (Smb2ClientException e) when (e.Kind == ClientErrorKind.ConnectionLost)
        {
            return null;
        }
        catch (Smb2ClientException e) when (e.Kind == ClientErrorKind.ResponseTimeout)
        {
            context.Fail(clause, requirement, subject, "an error response or a disconnect", $"the connection stayed open and silent ({e.Message})");
            return null;
        }
    }

    /// <summary>Runs <paramref name="action"/> (one request) and expects the server to end the connection instead of answering.</summary>
    /// <summary>
    /// The security buffer of a NEGOTIATE answer: empty (the MAY: the client starts authentication), or the
    /// server-initiated SPNEGO NegTokenInit of MS-SPNG 3.2.5.2 naming at least one mechanism.
    /// </summary>
    public static void CheckGssToken(ScenarioContext context, string clause, string requirement, string subject, ReadOnlyMemory<byte> buffer)
    {
        if (buffer.IsEmpty)
        {
            context.Observe($"{subject}: empty (allowed: the client starts authentication)");
            return;
        }
        var token = NegTokenInit.Read(buffer);
        if (!token.IsSuccess)
        {
            context.Fail(clause, requirement, subject, "an MS-SPNG 3.2.5.2 NegTokenInit", token.Error.ToString());
        }
        context.CheckTrue(clause, requirement, $"MechTypes of the NegTokenInit ({subject})", token.Value.MechTypes.Count > 0, "at least one mechanism", "none");
        context.Observe($"{subject}: NegTokenInit mechanisms [{string.Join(", ", token.Value.MechTypes)}]");
    }

    public static async Task ExpectTerminatedAsync<TResponse>(ScenarioContext context, string clause, string? requirement, string subject, Func<Task<TResponse>> action)
    {
        try
        {
            var response = await action();
            context.Fail(clause, requirement, subject, "the server terminates the connection", $"a response: {response}");
        }
        catch (Smb2ClientException e) when (e.Kind == ClientErrorKind.ConnectionLost)
        {
            // The termination the clause demands.
        }
        catch (Smb2ClientException e) when (e.Kind == ClientErrorKind.ResponseTimeout)
        {
            context.Fail(clause, requirement, subject, "the server terminates the connection", $"the connection stayed open and silent ({e.Message})");
        }
    }

    /// <summary>
    /// Whether the target requires signing of a user session whose client does not (RequireMessageSigning,
    /// 3.1.1.1), seen on the wire: logged on at <paramref name="dialect"/> with SecurityMode SIGNING_ENABLED
    /// only, an unsigned TREE_CONNECT is refused with STATUS_ACCESS_DENIED (or a disconnect) exactly when
    /// 3.3.5.5.3 made Session.SigningRequired TRUE (3.3.5.2.4). Also returns the SecurityMode the target
    /// announced on that connection.
    /// </summary>
    public static async Task<(bool RequiresSigning, SecurityMode Announced)> ProbeRequireMessageSigningAsync(ScenarioContext context, Dialect dialect)
    {
        var client = await context.LogOnAsync(dialect, new NegotiateOptions { Dialects = [dialect], SecurityMode = SecurityMode.SigningEnabled });
        var connection = client.Connection;
        var request = new TreeConnectRequest { Path = $@"\\{connection.ServerName}\{context.Target.Share}" };
        var subject = "unsigned TREE_CONNECT on a user session whose client did not require signing";
        var status = await StatusOrDisconnectAsync(context, "3.3.5.2.4", null, subject, connection,
            new Smb2Request(connection.Build(request, client.Session)) { Session = client.Session, Signing = RequestSigning.DoNotSign });
        if (status is { } other && other != NtStatus.Success && other != NtStatus.AccessDenied)
        {
            throw new ScenarioInconclusiveException($"{subject}: {NtStatus.Describe(other)}, neither accepted nor refused for want of a signature");
        }
        var refused = status is null || status == NtStatus.AccessDenied;
        context.Observe($"{subject} at {dialect.ToDisplayString()}: {(status is { } answered ? NtStatus.Describe(answered) : "disconnected")} " +
            $"(the target {(refused ? "requires" : "does not require")} signing); the NEGOTIATE Response announced SecurityMode {connection.ServerSecurityMode}");
        return (refused, connection.ServerSecurityMode);
    }

    /// <summary>The highest dialect up to 3.0.2 the target implements (below 3.1.1, whose TREE_CONNECT a client always signs).</summary>
    public static Dialect HighestBelowSmb311(ScenarioContext context) =>
        context.Capabilities.Dialects.Where(dialect => dialect < Dialect.Smb311).DefaultIfEmpty(context.Capabilities.HighestDialect).Max();

    public static string Describe(Dialect dialect) => $"0x{(ushort)dialect:X4} ({dialect.ToDisplayString()})";

    /// <summary>Fails unless the target (one with the RequiresSigning profile) refuses an unsigned request of a session (3.3.5.5.3 step 5, 3.3.5.2.4).</summary>
    public static async Task RequireEnforcedSigningAsync(ScenarioContext context)
    {
        var (requiresSigning, _) = await NegotiateSteps.ProbeRequireMessageSigningAsync(context, NegotiateSteps.HighestBelowSmb311(context));
        context.CheckTrue("3.3.5.2.4", null, "an unsigned TREE_CONNECT on a target that requires signing (3.3.5.5.3 step 5 made Session.SigningRequired TRUE)", requiresSigning,
            "refused (STATUS_ACCESS_DENIED or a disconnect)", "accepted");
    }
}
