using Conformance.Adapters.Client;
using Conformance.Adapters.Wire;
using Conformance.Adapters.Wire.Messages;
using Conformance.Scenarios.Steps;

namespace Conformance.Scenarios.SessionBinding;

/// <summary>
/// A multichannel session over its life: channels bound at once, after a loss, without SPNEGO; work
/// spread over every channel; state (a tree connect) ended on one channel for all.
/// </summary>
public static class MultiChannelScenarios
{
    [Scenario(ScenarioFamily.SessionBinding, "3.3.5.5", "3.3.7.1", Requirements = ["3.3.5.5#05", "3.3.7.1#02"],
        Title = "After the session's first channel is lost a new connection still binds the session (found in GlobalSessionTable, signed with Session.SigningKey)")]
    public static async Task BindingAfterTheFirstChannelIsLost(ScenarioContext context)
    {
        var session = await ChannelSteps.ChannelsAsync(context, 2);
        await ChannelSteps.DropAsync(context, session.Channels[0], session.Channels[1], session.Session);
        var (connection, bind) = await ChannelSteps.BindAsync(context, session.First, new NegotiateOptions { Dialects = [session.First.Connection.Dialect!.Value] });
        context.CheckStatus("3.3.5.5", "3.3.5.5#05", "binding the session from a new connection after its first channel was lost", NtStatus.Success, bind.Status);
        context.CheckStatus("3.3.7.1", "3.3.7.1#02", "TREE_CONNECT on the newly bound channel", NtStatus.Success,
            await ChannelSteps.SessionRequestStatusAsync(context, connection, session.Session));
    }

    [Scenario(ScenarioFamily.SessionBinding, "3.3.5.5.3", Requirements = ["3.3.5.5.3#24"],
        Title = "Two connections bind the session at the same time: both binds succeed and both channels work")]
    public static async Task TwoBindingsAtOnce(ScenarioContext context)
    {
        var dialect = SessionSteps.MultiChannelDialect(context);
        var first = await SessionSteps.LogOnAsync(context, new NegotiateOptions { Dialects = [dialect] });
        var binds = await Task.WhenAll(
            ChannelSteps.BindAsync(context, first, new NegotiateOptions { Dialects = [dialect] }),
            ChannelSteps.BindAsync(context, first, new NegotiateOptions { Dialects = [dialect] }));
        foreach (var (connection, bind) in binds)
        {
            context.CheckStatus("3.3.5.5.3", "3.3.5.5.3#24", "one of two binds made at once", NtStatus.Success, bind.Status);
            context.CheckStatus("3.3.5.5.3", "3.3.5.5.3#24", "TREE_CONNECT on the channel it bound", NtStatus.Success,
                await ChannelSteps.SessionRequestStatusAsync(context, connection, first.Session));
        }
    }

    [Scenario(ScenarioFamily.SessionBinding, "3.3.5.5.3", Requirements = ["3.3.5.5.3#01", "3.3.5.5.3#44"],
        Title = "A bind whose GSS tokens are raw NTLMSSP (no SPNEGO) succeeds, its final response signed with the channel key")]
    public static async Task BindingWithRawNtlmssp(ScenarioContext context)
    {
        var dialect = SessionSteps.MultiChannelDialect(context);
        var first = await SessionSteps.LogOnAsync(context, new NegotiateOptions { Dialects = [dialect] });
        var connection = await ChannelSteps.NegotiatedOfClientAsync(context, first.Client, new NegotiateOptions { Dialects = [dialect] });
        var bind = await connection.SessionSetupAsync(TargetProbe.Credential(context.Target), new SessionSetupOptions { BindTo = first.Session, UseSpnego = false }, context.CancellationToken);
        if (bind.Status is NtStatus.InvalidParameter or NtStatus.LogonFailure && bind.Legs.Count == 1)
        {
            throw new ScenarioInconclusiveException($"{context.Target.Name} takes no raw NTLMSSP token in SESSION_SETUP ({NtStatus.Describe(bind.Status)} to the first leg)");
        }
        context.CheckStatus("3.3.5.5.3", "3.3.5.5.3#01", "a bind with raw NTLMSSP tokens", NtStatus.Success, bind.Status);
        context.CheckEqual("3.3.5.5.3", "3.3.5.5.3#44", "the final binding response's signature with the channel key", SignatureVerdict.Valid, bind.Response.Signature);
    }

    [Scenario(ScenarioFamily.SessionBinding, "3.3.5.5.3", Requirements = ["3.3.5.5.3#23"],
        Title = "Four channels write their own quarter of a file at the same time; the whole file reads back as written")]
    public static async Task WritesOnEveryChannelAtOnce(ScenarioContext context)
    {
        const int Quarter = 64 * 1024;
        var session = await ChannelSteps.ChannelsAsync(context, 4);
        var open = await FileSteps.CreateScratchFileAsync(context, session.First, "four-writers");
        var data = System.Security.Cryptography.RandomNumberGenerator.GetBytes(4 * Quarter);
        var writes = await Task.WhenAll(session.Channels.Select((channel, index) =>
            channel.WriteAsync(open, (ulong)(index * Quarter), data.AsMemory(index * Quarter, Quarter), context.CancellationToken)));
        for (var index = 0; index < writes.Length; index++)
        {
            context.CheckStatus("3.3.5.5.3", "3.3.5.5.3#23", $"the WRITE of quarter {index + 1} on channel {index + 1}", NtStatus.Success, writes[index].Status);
        }
        for (var index = 0; index < 4; index++)
        {
            var read = await session.Channels[(index + 1) % 4].ReadAsync(open, (ulong)(index * Quarter), Quarter, context.CancellationToken);
            context.CheckStatus("3.3.5.5.3", "3.3.5.5.3#23", $"the READ of quarter {index + 1} on channel {(index + 1) % 4 + 1}", NtStatus.Success, read.Status);
            context.CheckTrue("3.3.5.5.3", "3.3.5.5.3#23", $"quarter {index + 1} as read back", read.RequireBody().Data.Span.SequenceEqual(data.AsSpan(index * Quarter, Quarter)),
                "the bytes its channel wrote", "other bytes");
        }
    }

    [Scenario(ScenarioFamily.SessionBinding, "3.3.5.5.3", "3.3.5.8", Requirements = ["3.3.5.5.3#23"],
        Title = "TREE_DISCONNECT on a bound channel ends the tree connect for the first channel too: a CREATE in it gets STATUS_NETWORK_NAME_DELETED")]
    public static async Task TreeDisconnectOnOneChannelEndsItForAll(ScenarioContext context)
    {
        var session = await ChannelSteps.ChannelsAsync(context, 2);
        var disconnected = await session.Channels[1].TreeDisconnectAsync(session.First.Tree, context.CancellationToken);
        context.CheckStatus("3.3.5.8", null, "TREE_DISCONNECT on the bound channel", NtStatus.Success, disconnected.Status);
        var created = await session.Channels[0].CreateAsync(session.First.Tree, FileSteps.NewFile(context.ScratchPath("after-tree-disconnect")), context.CancellationToken);
        context.CheckStatus("3.3.5.5.3", "3.3.5.5.3#23", "CREATE on the first channel in the tree connect disconnected on the bound one", NtStatus.NetworkNameDeleted, created.Status);
    }
}
