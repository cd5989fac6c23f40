using Conformance.Adapters.Client;
using Conformance.Adapters.Wire;
using Conformance.Adapters.Wire.Fsctl;
using Conformance.Adapters.Wire.Messages;
using FileAttributes = Conformance.Adapters.Wire.Messages.FileAttributes;

namespace Conformance.Robustness.Fuzzing;

/// <summary>One pass over every request a session carries, through our client, so its frames can seed the fuzzer.</summary>
public static class TemplateSession
{
    private const AccessMask ReadWriteDelete = AccessMask.GenericRead | AccessMask.GenericWrite | AccessMask.Delete;
    private const ShareAccess ShareAll = ShareAccess.FileShareRead | ShareAccess.FileShareWrite | ShareAccess.FileShareDelete;

    public static async Task RunAsync(Smb2Client client, CancellationToken cancellationToken)
    {
        var connection = client.Connection;
        var tree = client.Tree;
        var directoryName = $"fuzz-template-{Guid.NewGuid():N}";
        var directory = (await connection.CreateAsync(tree, new CreateRequest
        {
            Name = directoryName,
            DesiredAccess = ReadWriteDelete,
            ShareAccess = ShareAll,
            CreateDisposition = CreateDisposition.FileOpenIf,
            CreateOptions = CreateOptions.FileDirectoryFile,
            FileAttributes = FileAttributes.Directory,
        }, cancellationToken)).Open ?? throw new InvalidOperationException("the template session could not create its directory");
        var file = (await connection.CreateAsync(tree, new CreateRequest
        {
            Name = $"{directoryName}\\file.bin",
            DesiredAccess = ReadWriteDelete,
            ShareAccess = ShareAll,
            CreateDisposition = CreateDisposition.FileOverwriteIf,
            CreateOptions = CreateOptions.FileNonDirectoryFile,
            FileAttributes = FileAttributes.Normal,
            RequestedOplockLevel = OplockLevel.Batch,
        }, cancellationToken)).Open ?? throw new InvalidOperationException("the template session could not create its file");

        await connection.WriteAsync(file, 0, new byte[4096], cancellationToken);
        await connection.ReadAsync(file, 0, 4096, cancellationToken);
        await connection.FlushAsync(file, cancellationToken);
        await connection.LockAsync(file, [new LockElement(0, 10, LockFlags.ExclusiveLock | LockFlags.FailImmediately)], cancellationToken: cancellationToken);
        await connection.LockAsync(file, [new LockElement(0, 10, LockFlags.Unlock)], cancellationToken: cancellationToken);
        // (VALIDATE_NEGOTIATE_INFO is left out: at 3.1.1 the server ends the connection for it, 3.3.5.15.12.)
        await connection.IoctlAsync(tree, new IoctlRequest { CtlCode = FsctlCode.QueryNetworkInterfaceInfo, FileId = FileId.Related, Flags = IoctlFlags.IsFsctl, MaxOutputResponse = 65536 }, cancellationToken: cancellationToken);
        await connection.IoctlAsync(tree, new IoctlRequest { CtlCode = FsctlCode.SrvRequestResumeKey, FileId = file.FileId, Flags = IoctlFlags.IsFsctl, MaxOutputResponse = 32 }, cancellationToken: cancellationToken);
        foreach (var infoClass in new byte[] { 4, 5, 18 })
        {
            await connection.QueryInfoAsync(file, new QueryInfoRequest { InfoType = InfoType.File, FileInfoClass = infoClass, FileId = file.FileId }, cancellationToken);
        }
        await connection.QueryInfoAsync(file, new QueryInfoRequest { InfoType = InfoType.FileSystem, FileInfoClass = 3, FileId = file.FileId }, cancellationToken);
        await connection.QueryInfoAsync(file, new QueryInfoRequest { InfoType = InfoType.Security, AdditionalInformation = 0x7, FileId = file.FileId }, cancellationToken);
        await connection.SetInfoAsync(file, new SetInfoRequest { InfoType = InfoType.File, FileInfoClass = 20, FileId = file.FileId, Buffer = new byte[8] }, cancellationToken);
        await connection.SetInfoAsync(file, new SetInfoRequest { InfoType = InfoType.File, FileInfoClass = 4, FileId = file.FileId, Buffer = new byte[40] }, cancellationToken);
        await connection.QueryDirectoryAsync(directory, "*", cancellationToken: cancellationToken);
        var notify = await connection.ChangeNotifyAsync(directory, new ChangeNotifyRequest { FileId = directory.FileId, CompletionFilter = CompletionFilter.FileName | CompletionFilter.Size }, cancellationToken: cancellationToken);
        await connection.CancelAsync(notify, cancellationToken);
        await notify.WaitAsync(TimeSpan.FromSeconds(5), cancellationToken);
        await connection.OplockBreakAcknowledgmentAsync(file, OplockLevel.II, cancellationToken);
        await connection.EchoAsync(client.Session, cancellationToken);

        // A related compound: CREATE, then QUERY_INFO and CLOSE of "the file just opened" (3.2.4.1.4).
        var create = connection.Build(new CreateRequest
        {
            Name = $"{directoryName}\\compound.bin",
            DesiredAccess = ReadWriteDelete,
            ShareAccess = ShareAll,
            CreateDisposition = CreateDisposition.FileOpenIf,
            CreateOptions = CreateOptions.FileNonDirectoryFile | CreateOptions.FileDeleteOnClose,
        }, client.Session, tree);
        var query = connection.Build(new QueryInfoRequest { InfoType = InfoType.File, FileInfoClass = 5, FileId = FileId.Related }, client.Session, tree);
        query.Header.Flags |= Smb2HeaderFlags.RelatedOperations;
        var close = connection.Build(new CloseRequest { FileId = FileId.Related }, client.Session, tree);
        close.Header.Flags |= Smb2HeaderFlags.RelatedOperations;
        await connection.SendAsync([new Smb2Request(create), new Smb2Request(query), new Smb2Request(close)], cancellationToken);

        await connection.SetInfoAsync(file, new SetInfoRequest { InfoType = InfoType.File, FileInfoClass = 13, FileId = file.FileId, Buffer = new byte[] { 1 } }, cancellationToken);
        await connection.CloseAsync(file, cancellationToken: cancellationToken);
        await connection.SetInfoAsync(directory, new SetInfoRequest { InfoType = InfoType.File, FileInfoClass = 13, FileId = directory.FileId, Buffer = new byte[] { 1 } }, cancellationToken);
        await connection.CloseAsync(directory, cancellationToken: cancellationToken);
    }
}
