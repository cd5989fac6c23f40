using Conformance.Adapters.Client;
using Conformance.Adapters.Wire;
using Conformance.Adapters.Wire.Fsctl;
using Conformance.Adapters.Wire.Messages;
using Conformance.Scenarios.Steps;
using static Conformance.Scenarios.Steps.DurableSteps;

namespace Conformance.Scenarios.Durable;

/// <summary>
/// The scavengers (3.3.2.2 and 3.3.6.2 for durable opens, 3.3.2.4 and 3.3.6.4 for resilient ones): a
/// disconnected open nobody reclaims in time is closed, and its reconnect then fails. On the
/// ShortDurableTimeout profile only: these wait out the target's time-out.
/// </summary>
public static class ScavengerScenarios
{
    [Scenario(ScenarioFamily.DurableReconnect, "3.3.6.2", "3.3.7.1", Requirements = ["3.3.6.2#01", "3.3.6.2#02", "3.3.6.2#03", "3.3.7.1#12", "3.3.7.1#13"], Profile = ServerProfile.ShortDurableTimeout,
        Title = "A DHnQ open not reclaimed within the durable time-out is closed: its reconnect afterwards fails with STATUS_OBJECT_NAME_NOT_FOUND")]
    public static async Task DurableOpenExpiresV1(ScenarioContext context)
    {
        var timeout = Timeout(context);
        var client = await SessionSteps.LogOnAsync(context, SessionSteps.Only(context, context.Capabilities.HighestDialect));
        var open = await DurableOpenAsync(context, client, V1(context.ScratchPath("expires-v1")));
        await DisconnectAsync(context, client);
        // The only wait of the family: the profile's short time-out, and a margin for the scavenger's run.
        await Task.Delay(timeout * 2, context.CancellationToken);
        var again = await SameClientAsync(context, client);
        var refused = await ReconnectAsync(context, again, open, ReconnectKind.DurableV1);
        context.CheckStatus("3.3.6.2", "3.3.6.2#03", $"DHnC {timeout.TotalSeconds * 2:0.#} s after the disconnect, past the {timeout.TotalSeconds:0.#} s durable time-out", NtStatus.ObjectNameNotFound, refused.Status);
    }

    [Scenario(ScenarioFamily.DurableReconnect, "3.3.6.2", "3.3.7.1", "3.3.5.9.10", Requirements = ["3.3.6.2#03", "3.3.7.1#11", "3.3.5.9.10#23"], Profile = ServerProfile.ShortDurableTimeout,
        Title = "3.x: a DH2Q open asking the short Timeout, not reclaimed in time, is closed: its reconnect afterwards fails")]
    public static async Task DurableOpenExpiresV2(ScenarioContext context)
    {
        var timeout = Timeout(context);
        var client = await ClientAsync(context);
        var open = await DurableOpenAsync(context, client, V2(context.ScratchPath("expires-v2"), Guid.NewGuid(), (uint)timeout.TotalMilliseconds));
        await DisconnectAsync(context, client);
        await Task.Delay(timeout * 2, context.CancellationToken);
        var again = await SameClientAsync(context, client);
        var refused = await ReconnectAsync(context, again, open, ReconnectKind.DurableV2);
        context.CheckStatus("3.3.7.1", "3.3.7.1#11", $"DH2C past the {timeout.TotalSeconds:0.#} s Timeout the DH2Q asked", NtStatus.ObjectNameNotFound, refused.Status);
        context.CheckStatus("3.3.5.9.10", "3.3.5.9.10#23", "the same reconnect, read as Open.DurableOpenTimeout being the DH2Q's Timeout", NtStatus.ObjectNameNotFound, refused.Status);
    }

    [Scenario(ScenarioFamily.DurableReconnect, "3.3.6.2", Requirements = ["3.3.6.2#04"], Profile = ServerProfile.ShortDurableTimeout,
        Title = "Two durable opens lost one after the other both expire: the scavenger is restarted for the second")]
    public static async Task ScavengerRestartsForTheNext(ScenarioContext context)
    {
        var timeout = Timeout(context);
        var first = await SessionSteps.LogOnAsync(context, SessionSteps.Only(context, context.Capabilities.HighestDialect));
        var firstOpen = await DurableOpenAsync(context, first, V1(context.ScratchPath("first-lost")));
        var second = await SessionSteps.LogOnAsync(context, SessionSteps.Only(context, context.Capabilities.HighestDialect));
        var secondOpen = await DurableOpenAsync(context, second, V1(context.ScratchPath("second-lost")));
        await DisconnectAsync(context, first);
        await Task.Delay(timeout / 2, context.CancellationToken);
        await DisconnectAsync(context, second);
        await Task.Delay(timeout * 2, context.CancellationToken);
        var firstBack = await SameClientAsync(context, first);
        var secondBack = await SameClientAsync(context, second);
        context.CheckStatus("3.3.6.2", "3.3.6.2#03", "DHnC of the first open past its time-out", NtStatus.ObjectNameNotFound, (await ReconnectAsync(context, firstBack, firstOpen, ReconnectKind.DurableV1)).Status);
        context.CheckStatus("3.3.6.2", "3.3.6.2#04", "DHnC of the second open past its later time-out (the timer restarted)", NtStatus.ObjectNameNotFound,
            (await ReconnectAsync(context, secondBack, secondOpen, ReconnectKind.DurableV1)).Status);
    }

    [Scenario(ScenarioFamily.DurableReconnect, "3.3.6.4", "3.3.5.15.9", Requirements = ["3.3.6.4#01", "3.3.6.4#02", "3.3.6.4#03", "3.3.5.15.9#06"], Profile = ServerProfile.ShortDurableTimeout,
        Title = "A resilient open asking the short Timeout, not reclaimed in time, is closed: its reconnect afterwards fails")]
    public static async Task ResilientOpenExpires(ScenarioContext context)
    {
        var timeout = Timeout(context);
        var (client, open) = await ResilientAsync(context, timeout, "resilient-expires");
        await DisconnectAsync(context, client);
        await Task.Delay(timeout * 2, context.CancellationToken);
        var again = await SameClientAsync(context, client);
        var refused = await ReconnectAsync(context, again, open, ReconnectKind.DurableV1);
        context.CheckStatus("3.3.6.4", "3.3.6.4#03", $"DHnC of the resilient open past its {timeout.TotalSeconds:0.#} s ResiliencyTimeout", NtStatus.ObjectNameNotFound, refused.Status);
        context.CheckStatus("3.3.5.15.9", "3.3.5.15.9#06", "the same reconnect, read as Open.ResiliencyTimeout being the request's Timeout", NtStatus.ObjectNameNotFound, refused.Status);
    }

    [Scenario(ScenarioFamily.DurableReconnect, "3.3.6.4", "3.3.7.1", Requirements = ["3.3.6.4#04", "3.3.7.1#09"], Profile = ServerProfile.ShortDurableTimeout,
        Title = "Two resilient opens lost one after the other both expire: the resilient scavenger is restarted for the second")]
    public static async Task ResilientScavengerRestartsForTheNext(ScenarioContext context)
    {
        var timeout = Timeout(context);
        var (first, firstOpen) = await ResilientAsync(context, timeout, "first-resilient");
        var (second, secondOpen) = await ResilientAsync(context, timeout, "second-resilient");
        await DisconnectAsync(context, first);
        await Task.Delay(timeout / 2, context.CancellationToken);
        await DisconnectAsync(context, second);
        await Task.Delay(timeout * 2, context.CancellationToken);
        context.CheckStatus("3.3.6.4", "3.3.7.1#09", "DHnC of the first resilient open past its time-out", NtStatus.ObjectNameNotFound,
            (await ReconnectAsync(context, await SameClientAsync(context, first), firstOpen, ReconnectKind.DurableV1)).Status);
        context.CheckStatus("3.3.6.4", "3.3.6.4#04", "DHnC of the second resilient open past its later time-out (the timer restarted)", NtStatus.ObjectNameNotFound,
            (await ReconnectAsync(context, await SameClientAsync(context, second), secondOpen, ReconnectKind.DurableV1)).Status);
    }

    /// <summary>A client's open of a new file made resilient for <paramref name="timeout"/>; Inconclusive when the target grants no resiliency.</summary>
    private static async Task<(Smb2Client Client, Open Open)> ResilientAsync(ScenarioContext context, TimeSpan timeout, string name)
    {
        var client = await SessionSteps.LogOnAsync(context, SessionSteps.Only(context, SessionSteps.LeasingDialect(context)));
        var open = await OplockSteps.OpenAsync(context, client, OplockSteps.OpenRequest(context.ScratchPath(name), OplockLevel.None, CreateDisposition.FileCreate));
        var input = new byte[8];
        System.Buffers.Binary.BinaryPrimitives.WriteUInt32LittleEndian(input, (uint)timeout.TotalMilliseconds);
        var granted = await client.Connection.IoctlAsync(client.Tree, new IoctlRequest { CtlCode = FsctlCode.LmrRequestResiliency, FileId = open.FileId, Flags = IoctlFlags.IsFsctl, Input = input },
            cancellationToken: context.CancellationToken);
        return granted.IsSuccess ? (client, open) : throw new ScenarioInconclusiveException($"{context.Target.Name} does not grant resiliency ({NtStatus.Describe(granted.Status)})");
    }

    private static TimeSpan Timeout(ScenarioContext context) =>
        context.Target.DurableTimeout ?? throw new ScenarioInconclusiveException($"the durable open time-out of {context.Target.Name} is not known");
}
