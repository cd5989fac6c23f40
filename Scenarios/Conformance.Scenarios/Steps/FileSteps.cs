using Conformance.Adapters.Client;
using Conformance.Adapters.Wire;
using Conformance.Adapters.Wire.InfoClasses;
using Conformance.Adapters.Wire.Messages;
using FileAttributes = Conformance.Adapters.Wire.Messages.FileAttributes;

namespace Conformance.Scenarios.Steps;

/// <summary>Files in the run's scratch directory: create one, open one, the access most scenarios ask for.</summary>
public static class FileSteps
{
    public const AccessMask ReadWriteDelete = AccessMask.GenericRead | AccessMask.GenericWrite | AccessMask.Delete;

    /// <summary>A new file in the scratch directory, deleted when closed.</summary>
    public static async Task<Open> CreateScratchFileAsync(ScenarioContext context, Smb2Client client, string name)
    {
        var created = await client.Connection.CreateAsync(client.Tree, NewFile(context.ScratchPath(name)), context.CancellationToken);
        context.CheckStatus("3.3.5.9", null, $"CREATE of a scratch file ({name})", NtStatus.Success, created.Status);
        return created.Open!;
    }

    public static CreateRequest NewFile(string path) => new()
    {
        Name = path,
        DesiredAccess = ReadWriteDelete,
        ShareAccess = ShareAccess.FileShareRead | ShareAccess.FileShareWrite | ShareAccess.FileShareDelete,
        CreateDisposition = CreateDisposition.FileCreate,
        CreateOptions = CreateOptions.FileNonDirectoryFile | CreateOptions.FileDeleteOnClose,
        FileAttributes = FileAttributes.Normal,
    };

    public static CreateRequest OpenExisting(string path) => new()
    {
        Name = path,
        DesiredAccess = AccessMask.FileReadAttributes | AccessMask.Synchronize,
        ShareAccess = ShareAccess.FileShareRead | ShareAccess.FileShareWrite | ShareAccess.FileShareDelete,
        CreateDisposition = CreateDisposition.FileOpen,
    };

    /// <summary>SET_INFO FileRenameInformation: <paramref name="open"/>'s file to <paramref name="newPath"/> (share-relative).</summary>
    public static SetInfoRequest RenameRequest(Open open, string newPath, bool replaceIfExists = false) => new()
    {
        InfoType = InfoType.File,
        FileInfoClass = (byte)FileInformationClass.FileRenameInformation,
        FileId = open.FileId,
        Buffer = new FileRenameInformation { FileName = newPath, ReplaceIfExists = replaceIfExists }.ToBytes(),
    };

    /// <summary>SET_INFO FileDispositionInformation: delete-on-close set or cleared.</summary>
    public static SetInfoRequest DeleteDispositionRequest(Open open, bool deletePending) => new()
    {
        InfoType = InfoType.File,
        FileInfoClass = (byte)FileInformationClass.FileDispositionInformation,
        FileId = open.FileId,
        Buffer = new FileDispositionInformation { DeletePending = deletePending }.ToBytes(),
    };
}
