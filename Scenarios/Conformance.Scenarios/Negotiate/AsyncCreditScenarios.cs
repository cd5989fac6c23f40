using Conformance.Adapters.Client;
using Conformance.Adapters.Wire;
using Conformance.Adapters.Wire.Messages;
using FileAttributes = Conformance.Adapters.Wire.Messages.FileAttributes;

namespace Conformance.Scenarios.Negotiate;

/// <summary>Where the credits of an asynchronously processed request are granted (3.3.4.1.2): in the interim response, none in the final one.</summary>
public static class AsyncCreditScenarios
{
    [Scenario(ScenarioFamily.Negotiate, "3.3.4.1.2", "3.3.5.2", "3.3.5.2.3", Requirements = ["3.3.4.1.2#04", "3.3.5.2#06", "3.3.5.2.3#01"],
        Title = "CHANGE_NOTIFY answered STATUS_PENDING, then cancelled: the CANCEL (reusing its MessageId) is honoured, the credits are granted in the interim response, the final response grants none")]
    public static async Task AsyncRequestGrantsCreditsInInterimResponse(ScenarioContext context)
    {
        var client = await context.LogOnAsync();
        var connection = client.Connection;
        var created = await connection.CreateAsync(client.Tree, new CreateRequest
        {
            Name = context.ScratchPath("notify"),
            DesiredAccess = AccessMask.FileReadData | AccessMask.Delete | AccessMask.Synchronize,
            ShareAccess = ShareAccess.FileShareRead | ShareAccess.FileShareWrite | ShareAccess.FileShareDelete,
            CreateDisposition = CreateDisposition.FileCreate,
            CreateOptions = CreateOptions.FileDirectoryFile | CreateOptions.FileDeleteOnClose,
            FileAttributes = FileAttributes.Directory,
        }, context.CancellationToken);
        context.CheckStatus("3.3.5.9", null, "CREATE of a scratch directory", NtStatus.Success, created.Status);
        var directory = created.Open!;
        var pending = await connection.ChangeNotifyAsync(directory, new ChangeNotifyRequest
        {
            FileId = directory.FileId,
            CompletionFilter = CompletionFilter.FileName | CompletionFilter.DirName,
        }, cancellationToken: context.CancellationToken);
        var first = await pending.WaitForInterimAsync(context.ConnectionOptions.ResponseTimeout, context.CancellationToken);
        if (!first.IsInterim)
        {
            throw new ScenarioInconclusiveException($"{context.Target.Name} answered CHANGE_NOTIFY at once ({NtStatus.Describe(first.Status)}) instead of processing it asynchronously");
        }
        context.Observe($"interim response: CreditResponse {first.Header.CreditRequestResponse} (request asked {pending.Message.Header.CreditRequestResponse})");
        // The CANCEL carries the CHANGE_NOTIFY's MessageId, already consumed: 3.3.5.2.3 skips the window check for it.
        await connection.CancelAsync(pending, context.CancellationToken);
        Smb2Response final;
        try
        {
            final = await pending.WaitAsync(cancellationToken: context.CancellationToken);
        }
        catch (Smb2ClientException e) when (e.Kind == ClientErrorKind.ConnectionLost)
        {
            context.Fail("3.3.5.2.3", "3.3.5.2.3#01", $"CANCEL with MessageId {pending.Message.Header.MessageId} (the CHANGE_NOTIFY's, already consumed)",
                "no sequence-number check for a CANCEL: the connection stays", "the server closed the connection");
            return;
        }
        // The pending operation got the cancel identifier of its request (3.3.5.2), so the CANCEL reaches it.
        context.CheckStatus("3.3.5.2", "3.3.5.2#06, 3.3.5.2.3#01", "final response to the cancelled CHANGE_NOTIFY", NtStatus.Cancelled, final.Status);
        // 3.3.4.1.2: any credits for an asynchronously processed request MUST be granted in the interim
        // response, so the final response has nothing left to grant.
        context.CheckEqual("3.3.4.1.2", "3.3.4.1.2#04", "CreditResponse of the final response to an asynchronously processed request", (ushort)0, final.Header.CreditRequestResponse);
        await connection.CloseAsync(directory, cancellationToken: context.CancellationToken);
    }
}
