namespace Conformance.ReferenceServer.Storage;

/// <summary>
/// What FileFsVolumeInformation, FileFsSizeInformation, FileFsFullSizeInformation and
/// FileFsAttributeInformation (MS-FSCC 2.5) report for a share.
/// </summary>
public sealed record VolumeInformation(
    long TotalBytes,
    long FreeBytes,
    uint BytesPerSector,
    uint SectorsPerAllocationUnit,
    uint SerialNumber,
    string Label,
    long CreationTime,
    string FileSystemName,
    int MaximumComponentNameLength)
{
    public long BytesPerAllocationUnit => (long)BytesPerSector * SectorsPerAllocationUnit;
}
