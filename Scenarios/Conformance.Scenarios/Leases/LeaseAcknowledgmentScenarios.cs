using Conformance.Adapters.Client;
using Conformance.Adapters.Wire;
using Conformance.Adapters.Wire.Messages;
using Conformance.Scenarios.Steps;
using static Conformance.Scenarios.Steps.LeaseSteps;

namespace Conformance.Scenarios.Leases;

/// <summary>
/// Processing a lease acknowledgment (3.3.5.22.2), each rule in the order of the clause: the session
/// and the tree, the client's lease table and the lease by key (STATUS_OBJECT_NAME_NOT_FOUND), a lease
/// not breaking (STATUS_UNSUCCESSFUL), a state beyond the break's (STATUS_REQUEST_NOT_ACCEPTED); a
/// lower state is taken; the reserved fields of 2.2.24.2 are ignored.
/// </summary>
public static class LeaseAcknowledgmentScenarios
{
    [Scenario(ScenarioFamily.LeaseEpochs, "3.3.5.22.2", Requirements = ["3.3.5.22.2#03", "3.3.5.22.2#04"],
        Title = "A client that never held a lease (no lease table for its ClientGuid) acknowledging one gets STATUS_OBJECT_NAME_NOT_FOUND")]
    public static async Task NoLeaseTableIsNotFound(ScenarioContext context)
    {
        var client = await ClientAsync(context, 2);
        var acknowledged = await AcknowledgeAsync(context, client, Guid.NewGuid(), LeaseState.None);
        context.CheckStatus("3.3.5.22.2", "3.3.5.22.2#04", "Lease Break Acknowledgment from a client that has no lease", NtStatus.ObjectNameNotFound, acknowledged.Status);
    }

    [Scenario(ScenarioFamily.LeaseEpochs, "3.3.5.22.2", Requirements = ["3.3.5.22.2#05", "3.3.5.22.2#06"],
        Title = "A client holding a lease acknowledging another key gets STATUS_OBJECT_NAME_NOT_FOUND")]
    public static async Task UnknownKeyIsNotFound(ScenarioContext context)
    {
        var client = await ClientAsync(context, 2);
        await HolderAsync(context, client, context.ScratchPath("held"), RWH);
        var acknowledged = await AcknowledgeAsync(context, client, Guid.NewGuid(), LeaseState.None);
        context.CheckStatus("3.3.5.22.2", "3.3.5.22.2#06", "Lease Break Acknowledgment of a key the client's lease table lacks", NtStatus.ObjectNameNotFound, acknowledged.Status);
    }

    [Scenario(ScenarioFamily.LeaseEpochs, "3.3.5.22.2", Requirements = ["3.3.5.22.2#03", "3.3.5.22.2#06"],
        Title = "Another client acknowledging a break of this client's lease key gets STATUS_OBJECT_NAME_NOT_FOUND: the lease is looked up in the acknowledger's table")]
    public static async Task AnotherClientsAcknowledgmentIsNotFound(ScenarioContext context)
    {
        var (held, second, _, _) = await BreakingAsync(context);
        var stranger = await AcknowledgeAsync(context, held.Other, held.Key, RH);
        context.CheckStatus("3.3.5.22.2", "3.3.5.22.2#03", "Lease Break Acknowledgment of the holder's key sent by the other client", NtStatus.ObjectNameNotFound, stranger.Status);
        await AcknowledgeAsync(context, held.Holder, held.Key, RH);
        await OplockSteps.CompletionOfAsync(context, second);
    }

    [Scenario(ScenarioFamily.LeaseEpochs, "3.3.5.22.2", Requirements = ["3.3.5.22.2#07", "3.3.5.22.2#14"],
        Title = "Acknowledging a lease that is not breaking gets STATUS_UNSUCCESSFUL")]
    public static async Task NotBreakingIsUnsuccessful(ScenarioContext context)
    {
        var client = await ClientAsync(context, 2);
        var key = Guid.NewGuid();
        await HolderAsync(context, client, context.ScratchPath("quiet"), RWH, leaseKey: key);
        var acknowledged = await AcknowledgeAsync(context, client, key, RH);
        context.CheckStatus("3.3.5.22.2", "3.3.5.22.2#07", "Lease Break Acknowledgment of a lease no break was sent for", NtStatus.Unsuccessful, acknowledged.Status);
        context.CheckTrue("3.3.5.22.2", "3.3.5.22.2#14", "the status of the refused acknowledgment", NtStatus.HasMicrosoftDefinedLayout(acknowledged.Status), "an MS-ERREF NTSTATUS (Customer bit and reserved bit clear)", NtStatus.Describe(acknowledged.Status));
    }

    [Scenario(ScenarioFamily.LeaseEpochs, "3.3.5.22.2", Requirements = ["3.3.5.22.2#08"],
        Title = "Acknowledging a break to RH with RWH (not within the break's state) gets STATUS_REQUEST_NOT_ACCEPTED; the break stays, and RH is then accepted")]
    public static async Task MoreThanTheBreakIsNotAccepted(ScenarioContext context)
    {
        var (held, second, _, _) = await BreakingAsync(context);
        var refused = await AcknowledgeAsync(context, held.Holder, held.Key, RWH);
        context.CheckStatus("3.3.5.22.2", "3.3.5.22.2#08", "Lease Break Acknowledgment of RWH for a break to RH", NtStatus.RequestNotAccepted, refused.Status);
        var accepted = await AcknowledgeAsync(context, held.Holder, held.Key, RH);
        context.CheckStatus("3.3.5.22.2", "3.3.5.22.2#08", "Lease Break Acknowledgment of RH after the refused one (the lease still breaking)", NtStatus.Success, accepted.Status);
        await OplockSteps.CompletionOfAsync(context, second);
    }

    [Scenario(ScenarioFamily.LeaseEpochs, "3.3.5.22.2", Requirements = ["3.3.5.22.2#08"],
        Title = "Acknowledging a break to RH with RW (a state that is no subset of RH) gets STATUS_REQUEST_NOT_ACCEPTED")]
    public static async Task DisjointStateIsNotAccepted(ScenarioContext context)
    {
        var (held, second, _, _) = await BreakingAsync(context);
        var refused = await AcknowledgeAsync(context, held.Holder, held.Key, RW);
        context.CheckStatus("3.3.5.22.2", "3.3.5.22.2#08", "Lease Break Acknowledgment of RW for a break to RH", NtStatus.RequestNotAccepted, refused.Status);
        await AcknowledgeAsync(context, held.Holder, held.Key, RH);
        await OplockSteps.CompletionOfAsync(context, second);
    }

    [Scenario(ScenarioFamily.LeaseEpochs, "3.3.5.22.2", Requirements = ["3.3.5.22.2#09", "3.3.5.22.2#12"],
        Title = "Acknowledging a break to RH with NONE (less than asked) is accepted: the response says NONE, and the next break-causing open waits for nothing")]
    public static async Task LessThanTheBreakIsAccepted(ScenarioContext context)
    {
        var (held, second, _, _) = await BreakingAsync(context);
        var acknowledged = await AcknowledgeAsync(context, held.Holder, held.Key, LeaseState.None);
        var response = context.CheckBody("3.3.5.22.2", "Lease Break Acknowledgment of NONE for a break to RH", acknowledged);
        context.CheckEqual("3.3.5.22.2", "3.3.5.22.2#12", "LeaseState of the response (Lease.LeaseState, the state acknowledged)", LeaseState.None, response.LeaseState, Name);
        await OplockSteps.CompletionOfAsync(context, second);
        var third = await SessionSteps.LogOnAsync(context, SessionSteps.Only(context, held.Holder.Connection.Dialect!.Value));
        var overwrite = await third.Connection.CreateAsync(third.Tree, OplockSteps.OpenRequest(held.Path, OplockLevel.None, CreateDisposition.FileOverwriteIf), context.CancellationToken);
        context.CheckStatus("3.3.5.22.2", "3.3.5.22.2#09", "an overwriting open after the lease went to NONE", NtStatus.Success, overwrite.Status);
        await OplockSteps.ExpectNoBreakAsync(context, held.Holder, "3.3.5.22.2", "3.3.5.22.2#09", "the holder whose lease is NONE, after the overwrite");
    }

    [Scenario(ScenarioFamily.LeaseEpochs, "3.3.5.22.2", Requirements = ["3.3.5.22.2#07", "3.3.5.22.2#09"],
        Title = "A second acknowledgment of the same break gets STATUS_UNSUCCESSFUL: the first ended it (Lease.Breaking FALSE)")]
    public static async Task SecondAcknowledgmentIsUnsuccessful(ScenarioContext context)
    {
        var (held, second, _, _) = await BreakingAsync(context);
        context.CheckStatus("3.3.5.22.2", "3.3.5.22.2#09", "the first acknowledgment of RH", NtStatus.Success, (await AcknowledgeAsync(context, held.Holder, held.Key, RH)).Status);
        context.CheckStatus("3.3.5.22.2", "3.3.5.22.2#07", "the same acknowledgment again", NtStatus.Unsuccessful, (await AcknowledgeAsync(context, held.Holder, held.Key, RH)).Status);
        await OplockSteps.CompletionOfAsync(context, second);
    }

    [Scenario(ScenarioFamily.LeaseEpochs, "2.2.24.2", Requirements = ["2.2.24.2#03", "2.2.24.2#05", "2.2.24.2#09"],
        Title = "The reserved fields of a Lease Break Acknowledgment (Reserved, Flags, LeaseDuration) are ignored: an acknowledgment with all of them set is accepted")]
    public static async Task ReservedFieldsAreIgnored(ScenarioContext context)
    {
        var (held, second, _, _) = await BreakingAsync(context);
        var request = RequestSteps.Request(held.Holder, new LeaseBreakAcknowledgment { LeaseKey = held.Key, LeaseState = RH, Reserved = 0xFFFF, Flags = 0xFFFFFFFF, LeaseDuration = ulong.MaxValue });
        var acknowledged = await RequestSteps.SendAsync<LeaseBreakResponse>(context, held.Holder.Connection, request);
        context.CheckStatus("2.2.24.2", "2.2.24.2#03", "Lease Break Acknowledgment with Reserved 0xFFFF, Flags 0xFFFFFFFF and LeaseDuration 2^64-1", NtStatus.Success, acknowledged.Status);
        context.CheckStatus("3.3.4.7", null, "the other client's open", NtStatus.Success, (await OplockSteps.CompletionOfAsync(context, second)).Status);
    }

    [Scenario(ScenarioFamily.LeaseEpochs, "3.3.5.22.2", Requirements = ["3.3.5.22.2#02"],
        Title = "A Lease Break Acknowledgment naming a TreeId the session lacks gets STATUS_NETWORK_NAME_DELETED (the tree is looked up as in 3.3.5.2.11)")]
    public static async Task UnknownTreeIsRefused(ScenarioContext context)
    {
        var client = await ClientAsync(context, 2);
        var request = RequestSteps.Request(client, new LeaseBreakAcknowledgment { LeaseKey = Guid.NewGuid(), LeaseState = LeaseState.None });
        request.Header.TreeId = client.Tree.TreeConnectId ^ 0x5A5A;
        var acknowledged = await RequestSteps.SendAsync<LeaseBreakResponse>(context, client.Connection, request);
        context.CheckStatus("3.3.5.22.2", "3.3.5.22.2#02", "Lease Break Acknowledgment on an unknown TreeId", NtStatus.NetworkNameDeleted, acknowledged.Status);
    }

    [Scenario(ScenarioFamily.LeaseEpochs, "3.3.5.22.2", Requirements = ["3.3.5.22.2#01"],
        Title = "A Lease Break Acknowledgment naming a SessionId the connection lacks gets STATUS_USER_SESSION_DELETED (the session is looked up as in 3.3.5.2.9)")]
    public static async Task UnknownSessionIsRefused(ScenarioContext context)
    {
        var client = await ClientAsync(context, 2);
        var request = RequestSteps.Request(client, new LeaseBreakAcknowledgment { LeaseKey = Guid.NewGuid(), LeaseState = LeaseState.None }, RequestSigning.DoNotSign);
        request.Header.SessionId = client.Session.SessionId ^ 0x5A5A5A5A;
        var acknowledged = await RequestSteps.SendAsync<LeaseBreakResponse>(context, client.Connection, request);
        context.CheckStatus("3.3.5.22.2", "3.3.5.22.2#01", "Lease Break Acknowledgment on an unknown SessionId", NtStatus.UserSessionDeleted, acknowledged.Status);
    }
}
