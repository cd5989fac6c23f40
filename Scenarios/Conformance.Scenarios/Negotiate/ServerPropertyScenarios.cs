using Conformance.Adapters.Client;
using Conformance.Adapters.Wire;
using Conformance.Adapters.Wire.Messages;
using Conformance.Scenarios.Steps;

namespace Conformance.Scenarios.Negotiate;

/// <summary>What the NEGOTIATE Response says of the server itself: ServerGuid, sizes, time, the GSS token (3.3.5.4).</summary>
public static class ServerPropertyScenarios
{
    [Scenario(ScenarioFamily.Negotiate, "3.3.5.4", Requirements = ["3.3.5.4#08", "3.3.5.4#11"], Title = "ServerGuid is the same global value on every connection and at every dialect")]
    public static async Task ServerGuidIsStableAcrossConnections(ScenarioContext context)
    {
        var first = await NegotiateSteps.NegotiateExactlyAsync(context, context.Capabilities.HighestDialect);
        foreach (var dialect in context.Capabilities.Dialects.Order())
        {
            var body = await NegotiateSteps.NegotiateExactlyAsync(context, dialect);
            // 3.3.5.4: "ServerGuid is set to the global ServerGuid value".
            context.CheckEqual("3.3.5.4", "3.3.5.4#11", $"ServerGuid on a new connection at {dialect.ToDisplayString()}", first.ServerGuid, body.ServerGuid);
        }
        if (first.ServerGuid == Guid.Empty)
        {
            context.Observe("ServerGuid is all zeros on every connection");
        }
    }

    [Scenario(ScenarioFamily.Negotiate, "3.3.5.4", Requirements = ["3.3.5.4#08", "3.3.5.4#11"], Title = "MaxTransactSize, MaxReadSize, MaxWriteSize: at least 65536 (observed; clients SHOULD drop smaller) and the same on every connection")]
    public static async Task MaximumSizesAreAtLeast64KiBAndConsistent(ScenarioContext context)
    {
        foreach (var dialect in context.Capabilities.Dialects.Order())
        {
            var one = await NegotiateSteps.NegotiateExactlyAsync(context, dialect);
            var two = await NegotiateSteps.NegotiateExactlyAsync(context, dialect);
            var sizes = $"MaxTransactSize {one.MaxTransactSize}, MaxReadSize {one.MaxReadSize}, MaxWriteSize {one.MaxWriteSize}";
            // 3.2.5.2: a client SHOULD disconnect below 65536, so a smaller value is a recorded oddity, not a violation.
            context.Observe(Math.Min(one.MaxTransactSize, Math.Min(one.MaxReadSize, one.MaxWriteSize)) < 65536
                ? $"{dialect.ToDisplayString()}: {sizes} — below 65536, which a client SHOULD refuse (3.2.5.2)"
                : $"{dialect.ToDisplayString()}: {sizes}");
            if ((one.MaxTransactSize, one.MaxReadSize, one.MaxWriteSize) != (two.MaxTransactSize, two.MaxReadSize, two.MaxWriteSize))
            {
                context.Observe($"{dialect.ToDisplayString()}: a second connection announced MaxTransactSize {two.MaxTransactSize}, MaxReadSize {two.MaxReadSize}, MaxWriteSize {two.MaxWriteSize}");
            }
        }
    }

    [Scenario(ScenarioFamily.Negotiate, "3.3.5.4", Requirements = ["3.3.5.4#08", "3.3.5.4#11"], Title = "SystemTime is the current time (observed against this machine's clock)")]
    public static async Task SystemTimeIsCurrent(ScenarioContext context)
    {
        var before = DateTime.UtcNow;
        var body = await NegotiateSteps.NegotiateExactlyAsync(context, context.Capabilities.HighestDialect);
        var after = DateTime.UtcNow;
        if (body.SystemTime is 0 or > 0x7FFF_FFFF_FFFF_FFFF)
        {
            context.Observe($"SystemTime 0x{body.SystemTime:X16} is not a FILETIME");
            return;
        }
        var systemTime = DateTime.FromFileTimeUtc((long)body.SystemTime);
        var skew = systemTime < before ? before - systemTime : systemTime > after ? systemTime - after : TimeSpan.Zero;
        context.Observe($"SystemTime {systemTime:O}, {skew.TotalSeconds:F3} s outside the exchange's window on this machine's clock");
    }

    [Scenario(ScenarioFamily.Negotiate, "3.3.5.4", Requirements = ["3.3.5.4#17", "3.3.5.4#18", "3.3.5.4#19"],
        Title = "The MaxReadSize, MaxWriteSize and MaxTransactSize a NEGOTIATE Response announces bound READ, WRITE and QUERY_INFO (at the highest dialect and at 2.0.2): one byte more is STATUS_INVALID_PARAMETER")]
    public static async Task AnnouncedSizesBoundRequests(ScenarioContext context)
    {
        var requirements = new AnnouncedSizeSteps.SizeRequirements("3.3.5.4", "3.3.5.4#17", "3.3.5.4#18", "3.3.5.4#19");
        foreach (var dialect in new[] { context.Capabilities.HighestDialect, Dialect.Smb202 }.Distinct().Where(context.Capabilities.Dialects.Contains))
        {
            var client = await SessionSteps.LogOnAsync(context, new NegotiateOptions { Dialects = [dialect] });
            context.Observe($"{dialect.ToDisplayString()}: MaxReadSize {client.Connection.MaxReadSize}, MaxWriteSize {client.Connection.MaxWriteSize}, MaxTransactSize {client.Connection.MaxTransactSize}");
            await AnnouncedSizeSteps.CheckAsync(context, client, requirements);
        }
    }

    [Scenario(ScenarioFamily.Negotiate, "3.3.5.4", Requirements = ["3.3.5.4#08", "3.3.5.4#11", "3.3.5.4#20", "3.3.5.4#21"], Title = "The security buffer is a server-initiated SPNEGO NegTokenInit naming at least one mechanism (an empty buffer is observed)")]
    public static async Task SecurityBufferIsSpnegoNegTokenInit(ScenarioContext context)
    {
        foreach (var dialect in context.Capabilities.Dialects.Order())
        {
            var body = await NegotiateSteps.NegotiateExactlyAsync(context, dialect);
            NegotiateSteps.CheckGssToken(context, "3.3.5.4", "3.3.5.4#21", $"security buffer at {dialect.ToDisplayString()}", body.SecurityBuffer);
        }
    }
}
