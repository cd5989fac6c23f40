using Conformance.Adapters.Client;
using Conformance.Adapters.Wire;
using Conformance.Adapters.Wire.InfoClasses;
using Conformance.Adapters.Wire.Messages;
using FileAttributes = Conformance.Adapters.Wire.Messages.FileAttributes;

namespace Conformance.Scenarios;

/// <summary>
/// The run's own directory on the target share (unique per run): created before the first scenario,
/// removed after the last with everything in it — and nothing outside it is ever touched. Each
/// scenario works in its own subdirectory of it (<see cref="ForScenario"/>).
/// </summary>
public static class ScratchDirectory
{
    private const AccessMask DirectoryAccess = AccessMask.GenericRead | AccessMask.Delete | AccessMask.Synchronize;
    private const ShareAccess ShareAll = ShareAccess.FileShareRead | ShareAccess.FileShareWrite | ShareAccess.FileShareDelete;

    public static string NewName() => $"conformance-{DateTime.UtcNow:yyyyMMdd-HHmmss}-{Guid.NewGuid().ToString("N")[..8]}";

    /// <summary>The subdirectory of the run's directory where one scenario works.</summary>
    public static string ForScenario(string runDirectory, string scenarioId) => $"{runDirectory}\\{scenarioId}";

    /// <summary>Creates the directory <paramref name="name"/>; one already there is used when <paramref name="mayExist"/>.</summary>
    public static async Task CreateAsync(Smb2Client client, string name, CancellationToken cancellationToken, bool mayExist = false)
    {
        var created = await client.Connection.CreateAsync(client.Tree, new CreateRequest
        {
            Name = name,
            DesiredAccess = DirectoryAccess,
            ShareAccess = ShareAll,
            CreateDisposition = mayExist ? CreateDisposition.FileOpenIf : CreateDisposition.FileCreate,
            CreateOptions = CreateOptions.FileDirectoryFile,
            FileAttributes = FileAttributes.Directory,
        }, cancellationToken);
        if (created.Open is not { } open)
        {
            throw new TargetUnusableException($"cannot create the scratch directory \\{name} on the share: {NtStatus.Describe(created.Status)}");
        }
        await client.Connection.CloseAsync(open, cancellationToken: cancellationToken);
    }

    /// <summary>Deletes <paramref name="name"/> and its contents, depth first; returns what could not be deleted.</summary>
    public static async Task<IReadOnlyList<string>> DeleteAsync(Smb2Client client, string name, CancellationToken cancellationToken)
    {
        var leftOver = new List<string>();
        await DeleteTreeAsync(client, name, isDirectory: true, leftOver, cancellationToken);
        return leftOver;
    }

    private static async Task DeleteTreeAsync(Smb2Client client, string path, bool isDirectory, List<string> leftOver, CancellationToken cancellationToken)
    {
        if (isDirectory)
        {
            foreach (var (child, childIsDirectory) in await ListAsync(client, path, cancellationToken))
            {
                await DeleteTreeAsync(client, $"{path}\\{child}", childIsDirectory, leftOver, cancellationToken);
            }
        }
        var opened = await client.Connection.CreateAsync(client.Tree, new CreateRequest
        {
            Name = path,
            DesiredAccess = AccessMask.Delete | AccessMask.FileReadAttributes | AccessMask.Synchronize,
            ShareAccess = ShareAll,
            CreateDisposition = CreateDisposition.FileOpen,
            CreateOptions = CreateOptions.FileDeleteOnClose | (isDirectory ? CreateOptions.FileDirectoryFile : CreateOptions.FileNonDirectoryFile),
        }, cancellationToken);
        if (opened.Open is { } open)
        {
            await client.Connection.CloseAsync(open, cancellationToken: cancellationToken);
        }
        else
        {
            leftOver.Add($"{path}: {NtStatus.Describe(opened.Status)}");
        }
    }

    private static async Task<IReadOnlyList<(string Name, bool IsDirectory)>> ListAsync(Smb2Client client, string path, CancellationToken cancellationToken)
    {
        var opened = await client.Connection.CreateAsync(client.Tree, new CreateRequest
        {
            Name = path,
            DesiredAccess = DirectoryAccess,
            ShareAccess = ShareAll,
            CreateDisposition = CreateDisposition.FileOpen,
            CreateOptions = CreateOptions.FileDirectoryFile,
        }, cancellationToken);
        if (opened.Open is not { } directory)
        {
            return [];
        }
        var entries = new List<(string, bool)>();
        try
        {
            while (true)
            {
                var listed = await client.Connection.QueryDirectoryAsync(directory, cancellationToken: cancellationToken);
                if (listed.Body?.ReadEntries<FileIdBothDirectoryInformation>() is not { IsSuccess: true } read)
                {
                    return entries;
                }
                entries.AddRange(read.Value
                    .Where(entry => entry.FileName is not ("." or ".."))
                    .Select(entry => (entry.FileName, (entry.FileAttributes & (uint)FileAttributes.Directory) != 0)));
            }
        }
        finally
        {
            await client.Connection.CloseAsync(directory, cancellationToken: cancellationToken);
        }
    }
}
