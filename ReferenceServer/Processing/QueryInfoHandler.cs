using Conformance.Adapters.Wire;
using Conformance.Adapters.Wire.InfoClasses;
using Conformance.Adapters.Wire.Messages;
using Conformance.ReferenceServer.Adm;
using Conformance.ReferenceServer.Storage;

using FileAttributes = Conformance.Adapters.Wire.Messages.FileAttributes;

namespace Conformance.ReferenceServer.Processing;

/// <summary>
/// SMB2 QUERY_INFO (3.3.5.20): the file classes (3.3.5.20.1), filesystem classes (3.3.5.20.2) and
/// security information (3.3.5.20.3) that clients such as smbclient use. A buffer too small for a
/// fixed-size class is STATUS_INFO_LENGTH_MISMATCH; a variable-size one is cut with STATUS_BUFFER_OVERFLOW.
/// </summary>
internal sealed class QueryInfoHandler : FileRequestHandler<QueryInfoRequest>
{
    /// <summary>FileAllInformation without its name characters (MS-FSCC 2.4.2).</summary>
    private const int FileAllInformationFixedLength = 100;


    protected override Smb2Command Command => Smb2Command.QueryInfo;

    protected override FileId FileIdOf(QueryInfoRequest request) => request.FileId;

    protected override async Task<Outcome> HandleAsync(RequestContext context, QueryInfoRequest request, Open open, CancellationToken cancellationToken)
    {
        if (request.OutputBufferLength > context.Connection.MaxTransactSize)
        {
            return Error(NtStatus.InvalidParameter);
        }
        if (open.Share.Store is not { } store)
        {
            return Error(NtStatus.NotSupported);
        }
        var found = await store.GetEntryAsync(open.LocalOpen.Path, cancellationToken).ConfigureAwait(false);
        if (!found.IsSuccess)
        {
            return Error(found.Status == StoreStatus.ObjectNameNotFound ? NtStatus.FileClosed : found.Status.ToNtStatus());
        }
        var entry = found.Value;
        return request.InfoType switch
        {
            InfoType.File => QueryFile(open, entry, request),
            InfoType.FileSystem => await QueryFileSystemAsync(store, request, cancellationToken).ConfigureAwait(false),
            InfoType.Security => QuerySecurity(open, request),
            InfoType.Quota => Error(NtStatus.NotSupported),
            _ => Error(NtStatus.InvalidParameter),
        };
    }

    private static Outcome QueryFile(Open open, FileEntry entry, QueryInfoRequest request)
    {
        var readAttributes = (open.GrantedAccess & AccessMask.FileReadAttributes) != 0;
        bool deletePending;
        lock (open.LocalOpen.File.Gate)
        {
            deletePending = open.LocalOpen.File.DeletePending;
        }
        IInfoClass? information = (FileInformationClass)request.FileInfoClass switch
        {
            FileInformationClass.FileBasicInformation when readAttributes => FileInformation.Basic(entry),
            FileInformationClass.FileStandardInformation => FileInformation.Standard(entry, deletePending),
            FileInformationClass.FileInternalInformation => new FileInternalInformation { IndexNumber = (long)entry.FileIndex },
            FileInformationClass.FileEaInformation => new FileEaInformation(),
            FileInformationClass.FileAccessInformation => new FileAccessInformation { AccessFlags = (uint)open.GrantedAccess },
            FileInformationClass.FilePositionInformation => new FilePositionInformation(),
            FileInformationClass.FileModeInformation => new FileModeInformation(),
            FileInformationClass.FileAlignmentInformation => new FileAlignmentInformation(),
            FileInformationClass.FileNetworkOpenInformation when readAttributes => FileInformation.NetworkOpen(entry),
            FileInformationClass.FileAttributeTagInformation when readAttributes => new FileAttributeTagInformation { FileAttributes = (uint)FileInformation.Attributes(entry) },
            FileInformationClass.FileAllInformation when readAttributes => FileInformation.All(entry, deletePending, (uint)open.GrantedAccess, open.PathName),
            FileInformationClass.FileNameInformation => new FileNameInformation { FileName = "\\" + open.PathName },
            _ => null,
        };
        var infoClass = (FileInformationClass)request.FileInfoClass;
        if (information is not null)
        {
            var variable = infoClass is FileInformationClass.FileAllInformation or FileInformationClass.FileNameInformation;
            var fixedLength = infoClass switch
            {
                FileInformationClass.FileAllInformation => FileAllInformationFixedLength,
                FileInformationClass.FileNameInformation => FileNameInformation.FixedLength,
                _ => information.Size,
            };
            return Fit(information.ToBytes(), request.OutputBufferLength, fixedLength, variable);
        }
        switch (infoClass)
        {
            case FileInformationClass.FileBasicInformation or FileInformationClass.FileNetworkOpenInformation
                or FileInformationClass.FileAttributeTagInformation or FileInformationClass.FileAllInformation:
                return StatusError(NtStatus.AccessDenied);
            case FileInformationClass.FileStreamInformation:
            {
                // A file has its unnamed data stream; a directory has none.
                IReadOnlyList<FileStreamInformation> streams = entry.IsDirectory
                    ? []
                    : [new FileStreamInformation { StreamName = "::$DATA", StreamSize = entry.EndOfFile, StreamAllocationSize = entry.AllocationSize }];
                return Fit(streams.Count == 0 ? [] : ChainedEntries.Encode(streams), request.OutputBufferLength, 24, variable: true);
            }
            case FileInformationClass.FileAlternateNameInformation:
                return StatusError(NtStatus.ObjectNameNotFound);
            default:
                return StatusError(Enum.IsDefined(infoClass) ? NtStatus.NotSupported : NtStatus.InvalidInfoClass);
        }
    }

    private static async Task<Outcome> QueryFileSystemAsync(IShareStore store, QueryInfoRequest request, CancellationToken cancellationToken)
    {
        var volume = await store.GetVolumeInformationAsync(cancellationToken).ConfigureAwait(false);
        var unit = Math.Max(1, volume.BytesPerAllocationUnit);
        var infoClass = (FileSystemInformationClass)request.FileInfoClass;
        IInfoClass? information = infoClass switch
        {
            FileSystemInformationClass.FileFsVolumeInformation => new FileFsVolumeInformation
            {
                VolumeCreationTime = volume.CreationTime,
                VolumeSerialNumber = volume.SerialNumber,
                VolumeLabel = volume.Label,
            },
            FileSystemInformationClass.FileFsSizeInformation => new FileFsSizeInformation
            {
                TotalAllocationUnits = volume.TotalBytes / unit,
                AvailableAllocationUnits = volume.FreeBytes / unit,
                SectorsPerAllocationUnit = volume.SectorsPerAllocationUnit,
                BytesPerSector = volume.BytesPerSector,
            },
            FileSystemInformationClass.FileFsFullSizeInformation => new FileFsFullSizeInformation
            {
                TotalAllocationUnits = volume.TotalBytes / unit,
                CallerAvailableAllocationUnits = volume.FreeBytes / unit,
                ActualAvailableAllocationUnits = volume.FreeBytes / unit,
                SectorsPerAllocationUnit = volume.SectorsPerAllocationUnit,
                BytesPerSector = volume.BytesPerSector,
            },
            // FILE_DEVICE_DISK, FILE_DEVICE_IS_MOUNTED (MS-FSCC 2.5.10).
            FileSystemInformationClass.FileFsDeviceInformation => new FileFsDeviceInformation { DeviceType = 0x00000007, Characteristics = 0x00000020 },
            // FILE_CASE_PRESERVED_NAMES | FILE_UNICODE_ON_DISK (MS-FSCC 2.5.1): case-preserving, case-insensitive.
            FileSystemInformationClass.FileFsAttributeInformation => new FileFsAttributeInformation
            {
                FileSystemAttributes = 0x00000002 | 0x00000004,
                MaximumComponentNameLength = volume.MaximumComponentNameLength,
                FileSystemName = volume.FileSystemName,
            },
            FileSystemInformationClass.FileFsSectorSizeInformation => new FileFsSectorSizeInformation
            {
                LogicalBytesPerSector = volume.BytesPerSector,
                PhysicalBytesPerSectorForAtomicity = volume.BytesPerSector,
                PhysicalBytesPerSectorForPerformance = volume.BytesPerSector,
                FileSystemEffectivePhysicalBytesPerSectorForAtomicity = volume.BytesPerSector,
            },
            _ => null,
        };
        if (information is null)
        {
            return StatusError(Enum.IsDefined(infoClass) ? NtStatus.NotSupported : NtStatus.InvalidInfoClass);
        }
        var variable = infoClass is FileSystemInformationClass.FileFsVolumeInformation or FileSystemInformationClass.FileFsAttributeInformation;
        var fixedLength = infoClass switch
        {
            FileSystemInformationClass.FileFsVolumeInformation => FileFsVolumeInformation.FixedLength,
            FileSystemInformationClass.FileFsAttributeInformation => FileFsAttributeInformation.FixedLength,
            _ => information.Size,
        };
        return Fit(information.ToBytes(), request.OutputBufferLength, fixedLength, variable);
    }

    /// <summary>3.3.5.20.3: too small a buffer gets STATUS_BUFFER_TOO_SMALL with the needed length as ErrorData.</summary>
    private static Outcome QuerySecurity(Open open, QueryInfoRequest request)
    {
        if ((open.GrantedAccess & AccessMask.ReadControl) == 0)
        {
            return StatusError(NtStatus.AccessDenied);
        }
        var descriptor = SecurityDescriptors.For((SecurityInformation)request.AdditionalInformation);
        if (descriptor.Length > request.OutputBufferLength)
        {
            var needed = new byte[4];
            needed.AsSpan().U32(0, (uint)descriptor.Length);
            return Outcome.Error(Smb2Command.QueryInfo, NtStatus.BufferTooSmall, needed);
        }
        return Outcome.Success(new QueryInfoResponse { OutputBuffer = descriptor });
    }

    private static Outcome Fit(byte[] bytes, uint outputBufferLength, int fixedLength, bool variable)
    {
        if (bytes.Length <= outputBufferLength)
        {
            return Outcome.Success(new QueryInfoResponse { OutputBuffer = bytes });
        }
        if (!variable || outputBufferLength < fixedLength)
        {
            return StatusError(NtStatus.InfoLengthMismatch);
        }
        return Outcome.WithStatus(NtStatus.BufferOverflow, new QueryInfoResponse { OutputBuffer = bytes.AsMemory(0, (int)outputBufferLength) });
    }

    private static Outcome StatusError(uint status) => Outcome.Error(Smb2Command.QueryInfo, status);
}
