using Conformance.Adapters.Client;
using Conformance.Adapters.Wire;
using Conformance.Adapters.Wire.Messages;

namespace Conformance.Scenarios.Negotiate;

/// <summary>Which dialect the server selects from what the client offers (3.3.5.4).</summary>
public static class DialectSelectionScenarios
{
    [Scenario(ScenarioFamily.Negotiate, "3.3.5.4", Requirements = ["3.3.5.4#08", "3.3.5.4#11", "3.3.5.4#15"], Title = "Offered every dialect, the server selects the greatest one it implements")]
    public static async Task GreatestCommonDialectIsSelected(ScenarioContext context)
    {
        var offered = NegotiateOptions.AllDialects.Where(dialect => context.Target.MaxDialect is null || dialect <= context.Target.MaxDialect).ToList();
        var response = await NegotiateSteps.OfferAsync(context, offered);
        context.CheckStatus("3.3.5.4", "3.3.5.4#11", "NEGOTIATE Response Status", NtStatus.Success, response.Status);
        var body = context.CheckBody("2.2.4", "NEGOTIATE Response", response);
        context.CheckEqual("3.3.5.4", "3.3.5.4#08", "DialectRevision (greatest common dialect)", context.Capabilities.HighestDialect, body.DialectRevision, NegotiateSteps.Describe);
    }

    [Scenario(ScenarioFamily.Negotiate, "3.3.5.4", Requirements = ["3.3.5.4#08", "3.3.5.4#09", "3.3.5.4#11", "3.3.5.4#15"], Title = "Every non-empty subset of the five dialects selects its greatest common dialect, or STATUS_NOT_SUPPORTED")]
    public static async Task EveryOfferedSubsetSelectsItsGreatestCommonDialect(ScenarioContext context)
    {
        var all = NegotiateOptions.AllDialects;
        for (var mask = 1; mask < 1 << all.Count; mask++)
        {
            var offered = all.Where((_, index) => (mask & (1 << index)) != 0).ToList();
            var common = offered.Where(context.Capabilities.Dialects.Contains).ToList();
            var response = await NegotiateSteps.OfferAsync(context, offered);
            var subject = $"NEGOTIATE offering [{string.Join(", ", offered.Select(dialect => dialect.ToDisplayString()))}]";
            if (common.Count == 0)
            {
                context.CheckStatus("3.3.5.4", "3.3.5.4#09", $"{subject}: Status when no dialect is common", NtStatus.NotSupported, response.Status);
                continue;
            }
            context.CheckStatus("3.3.5.4", "3.3.5.4#11", $"{subject}: Status", NtStatus.Success, response.Status);
            var body = context.CheckBody("2.2.4", subject, response);
            context.CheckEqual("3.3.5.4", "3.3.5.4#08", $"{subject}: DialectRevision", common.Max(), body.DialectRevision, NegotiateSteps.Describe);
        }
    }

    [Scenario(ScenarioFamily.Negotiate, "3.3.5.4", Requirements = ["3.3.5.4#09"], Title = "Only unknown dialect revisions offered: STATUS_NOT_SUPPORTED")]
    public static async Task UnknownDialectsOnlyAreNotSupported(ScenarioContext context)
    {
        var response = await NegotiateSteps.OfferAsync(context, [(Dialect)0x0222, (Dialect)0x0400, (Dialect)0x0312]);
        context.CheckStatus("3.3.5.4", "3.3.5.4#09", "NEGOTIATE Response Status with no common dialect", NtStatus.NotSupported, response.Status);
    }

    [Scenario(ScenarioFamily.Negotiate, "3.3.5.4", Requirements = ["3.3.5.4#01", "3.3.5.4#23"], Title = "Every NEGOTIATE outcome (common dialect, DialectCount 0, no common dialect) is a NEGOTIATE Response whose Status is one of the listed MS-ERREF codes")]
    public static async Task NegotiateOutcomesCarryListedStatuses(ScenarioContext context)
    {
        uint[] listed = [NtStatus.Success, NtStatus.InsufficientResources, NtStatus.InvalidParameter, NtStatus.NotSupported];
        var outcomes = new (string Subject, IReadOnlyList<Dialect> Dialects, Action<NegotiateRequest>? Adjust)[]
        {
            ("a common dialect offered", [context.Capabilities.HighestDialect], null),
            ("DialectCount 0", [Dialect.Smb202], request => { request.Dialects.Clear(); request.NegotiateContexts.Clear(); }),
            ("only unknown dialects offered", [(Dialect)0x0222, (Dialect)0x0400], null),
        };
        foreach (var (subject, dialects, adjust) in outcomes)
        {
            var response = await NegotiateSteps.OfferAsync(context, dialects, adjust);
            context.CheckEqual("3.3.5.4", "3.3.5.4#01", $"NEGOTIATE with {subject}: Command of the response", Smb2Command.Negotiate, response.Header.Command);
            context.CheckTrue("3.3.5.4", "3.3.5.4#01", $"NEGOTIATE with {subject}: Flags of the response", response.Header.IsResponse, "SMB2_FLAGS_SERVER_TO_REDIR set", response.Header.Flags.ToString());
            context.CheckStatusIn("3.3.5.4", "3.3.5.4#23", $"NEGOTIATE with {subject}: Status", response.Status, listed);
            context.Observe($"NEGOTIATE with {subject}: {NtStatus.Describe(response.Status)}");
        }
    }

    [Scenario(ScenarioFamily.Negotiate, "3.3.5.4", Requirements = ["3.3.5.4#07"], Title = "DialectCount 0: STATUS_INVALID_PARAMETER")]
    public static async Task EmptyDialectListIsInvalidParameter(ScenarioContext context)
    {
        var response = await NegotiateSteps.OfferAsync(context, [Dialect.Smb202], request =>
        {
            request.Dialects.Clear();
            request.NegotiateContexts.Clear();
        });
        context.CheckStatus("3.3.5.4", "3.3.5.4#07", "NEGOTIATE Response Status for DialectCount 0", NtStatus.InvalidParameter, response.Status);
    }
}
