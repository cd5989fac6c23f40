using Conformance.Adapters.Wire;
using Conformance.Adapters.Wire.InfoClasses;
using Conformance.Adapters.Wire.Messages;
using Conformance.ReferenceServer.Adm;
using Conformance.ReferenceServer.ObjectStore;
using Conformance.ReferenceServer.Storage;

namespace Conformance.ReferenceServer.Processing;

/// <summary>
/// SMB2 QUERY_DIRECTORY (3.3.5.18; MS-FSA 2.1.5.6.3): the directory information classes, "." and ".."
/// first, RESTART_SCANS and REOPEN, RETURN_SINGLE_ENTRY; STATUS_NO_SUCH_FILE when the first query
/// matches nothing, STATUS_NO_MORE_FILES once the entries are exhausted.
/// </summary>
internal sealed class QueryDirectoryHandler : FileRequestHandler<QueryDirectoryRequest>
{

    protected override Smb2Command Command => Smb2Command.QueryDirectory;

    protected override FileId FileIdOf(QueryDirectoryRequest request) => request.FileId;

    protected override async Task<Outcome> HandleAsync(RequestContext context, QueryDirectoryRequest request, Open open, CancellationToken cancellationToken)
    {
        if (!open.LocalOpen.IsDirectory || open.IsPipe || request.OutputBufferLength > context.Connection.MaxTransactSize)
        {
            return Error(NtStatus.InvalidParameter);
        }
        if ((open.GrantedAccess & AccessMask.FileReadData) == 0)
        {
            return Error(NtStatus.AccessDenied);
        }
        var infoClass = request.FileInformationClass;
        if (infoClass is not (FileInformationClass.FileDirectoryInformation or FileInformationClass.FileFullDirectoryInformation
            or FileInformationClass.FileBothDirectoryInformation or FileInformationClass.FileNamesInformation
            or FileInformationClass.FileIdBothDirectoryInformation or FileInformationClass.FileIdFullDirectoryInformation))
        {
            return Error(NtStatus.InvalidInfoClass);
        }
        var restart = (request.Flags & (QueryDirectoryFlags.RestartScans | QueryDirectoryFlags.Reopen)) != 0;
        var firstQuery = open.Enumeration is null || restart;
        if (firstQuery)
        {
            var pattern = request.FileName.Length == 0 ? "*" : request.FileName;
            var store = open.Share.Store!;
            var listed = await store.ListDirectoryAsync(open.LocalOpen.Path, pattern, cancellationToken).ConfigureAwait(false);
            if (!listed.IsSuccess)
            {
                return Error(listed.Status == StoreStatus.ObjectNameInvalid ? NtStatus.ObjectNameInvalid : listed.Status.ToNtStatus());
            }
            var self = await store.GetEntryAsync(open.LocalOpen.Path, cancellationToken).ConfigureAwait(false);
            var entries = new List<DirectoryEnumerationEntry>();
            if (self.IsSuccess)
            {
                foreach (var dots in new[] { ".", ".." })
                {
                    if (FileNameExpression.IsMatch(dots, pattern))
                    {
                        entries.Add(new DirectoryEnumerationEntry(dots, self.Value));
                    }
                }
            }
            entries.AddRange(listed.Value.Select(entry => new DirectoryEnumerationEntry(entry.Name, entry)));
            open.Enumeration = new DirectoryEnumeration(pattern, entries);
        }
        var enumeration = open.Enumeration!;
        if (enumeration.Position >= enumeration.Entries.Count)
        {
            return Error(firstQuery ? NtStatus.NoSuchFile : NtStatus.NoMoreFiles);
        }
        var single = (request.Flags & QueryDirectoryFlags.ReturnSingleEntry) != 0;
        var output = Encode(infoClass, enumeration, (int)Math.Min(request.OutputBufferLength, int.MaxValue), single);
        if (output is null)
        {
            return Error(NtStatus.InfoLengthMismatch);
        }
        return Outcome.Success(new QueryDirectoryResponse { OutputBuffer = output });
    }

    /// <summary>Entries from the enumeration's position that fit the buffer (at least one, or null); advances the position.</summary>
    private static byte[]? Encode(FileInformationClass infoClass, DirectoryEnumeration enumeration, int outputBufferLength, bool single) => infoClass switch
    {
        FileInformationClass.FileDirectoryInformation => Encode(enumeration, outputBufferLength, single, entry => FileInformation.Directory(new FileDirectoryInformation(), entry.FileName, entry.Entry)),
        FileInformationClass.FileFullDirectoryInformation => Encode(enumeration, outputBufferLength, single, entry => FileInformation.Directory(new FileFullDirectoryInformation(), entry.FileName, entry.Entry)),
        FileInformationClass.FileBothDirectoryInformation => Encode(enumeration, outputBufferLength, single, entry => FileInformation.Directory(new FileBothDirectoryInformation(), entry.FileName, entry.Entry)),
        FileInformationClass.FileIdBothDirectoryInformation => Encode(enumeration, outputBufferLength, single, entry => FileInformation.Directory(new FileIdBothDirectoryInformation { FileId = (long)entry.Entry.FileIndex }, entry.FileName, entry.Entry)),
        FileInformationClass.FileIdFullDirectoryInformation => Encode(enumeration, outputBufferLength, single, entry => FileInformation.Directory(new FileIdFullDirectoryInformation { FileId = (long)entry.Entry.FileIndex }, entry.FileName, entry.Entry)),
        _ => Encode(enumeration, outputBufferLength, single, entry => new FileNamesInformation { FileName = entry.FileName }),
    };

    private static byte[]? Encode<T>(DirectoryEnumeration enumeration, int outputBufferLength, bool single, Func<DirectoryEnumerationEntry, T> build)
        where T : class, IChainedEntry<T>
    {
        var chosen = new List<T>();
        var length = 0;
        while (enumeration.Position < enumeration.Entries.Count)
        {
            var entry = build(enumeration.Entries[enumeration.Position]);
            // Every entry but the last is padded to 8 bytes (MS-FSCC 2.4: NextEntryOffset alignment).
            var start = WireSpanExtensions.Align8(length);
            if (start + entry.Size > outputBufferLength)
            {
                break;
            }
            chosen.Add(entry);
            length = start + entry.Size;
            enumeration.Position++;
            if (single)
            {
                break;
            }
        }
        return chosen.Count == 0 ? null : ChainedEntries.Encode(chosen);
    }

}
