using Conformance.Adapters.Wire;
using Conformance.Adapters.Wire.Messages;
using Conformance.ReferenceServer.ObjectStore;
using Conformance.ReferenceServer.Storage;

namespace Conformance.ReferenceServer.Processing.Create;

/// <summary>What the object store made of an open: the open, its file's metadata and the action taken; or a failure; or a break to wait for first.</summary>
internal sealed record OpenExecutionResult(uint Status, LocalOpen? LocalOpen = null, FileEntry? Entry = null, CreateAction Action = CreateAction.FileOpened, Task? MustWaitFor = null)
{
    public static OpenExecutionResult Failed(uint status) => new(status);

    public static OpenExecutionResult WaitFor(Task breaks) => new(NtStatus.Pending, MustWaitFor: breaks);

    public static OpenExecutionResult Opened(LocalOpen localOpen, FileEntry entry, CreateAction action) => new(NtStatus.Success, localOpen, entry, action);
}
