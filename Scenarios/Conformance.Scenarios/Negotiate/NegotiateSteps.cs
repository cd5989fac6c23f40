using Conformance.Adapters.Client;
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

    /// <summary>Sends <paramref name="request"/> and expects the server to close the connection without answering.</summary>
    public static async Task ExpectDisconnectAsync(ScenarioContext context, string clause, string? requirement, string subject, Connection connection, Smb2Request request)
    {
        try
        {
            var responses = await connection.SendAsync([request], context.CancellationToken);
            context.Fail(clause, requirement, subject, "the server disconnects without a response", $"a response: {responses[0]}");
        }
        catch (Smb2ClientException e) when (e.Kind == ClientErrorKind.ConnectionLost)
        {
            // The disconnect the clause demands.
        }
        catch (Smb2ClientException e) when (e.Kind == ClientErrorKind.ResponseTimeout)
        {
            context.Fail(clause, requirement, subject, "the server disconnects without a response", $"the connection stayed open and silent ({e.Message})");
        }
    }

    public static string Describe(Dialect dialect) => $"0x{(ushort)dialect:X4} ({dialect.ToDisplayString()})";
}
