namespace Conformance.Adapters.Wire.InfoClasses;

/// <summary>FS_INFORMATION_CLASS values (MS-FSCC 2.5), the FileInfoClass of a SMB2_0_INFO_FILESYSTEM query.</summary>
public enum FileSystemInformationClass : byte
{
    FileFsVolumeInformation = 1,
    FileFsLabelInformation = 2,
    FileFsSizeInformation = 3,
    FileFsDeviceInformation = 4,
    FileFsAttributeInformation = 5,
    FileFsControlInformation = 6,
    FileFsFullSizeInformation = 7,
    FileFsObjectIdInformation = 8,
    FileFsDriverPathInformation = 9,
    FileFsVolumeFlagsInformation = 10,
    FileFsSectorSizeInformation = 11,
}
