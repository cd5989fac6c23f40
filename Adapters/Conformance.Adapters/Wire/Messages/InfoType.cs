namespace Conformance.Adapters.Wire.Messages;

/// <summary>The InfoType of QUERY_INFO (2.2.37) and SET_INFO (2.2.39).</summary>
public enum InfoType : byte
{
    /// <summary>SMB2_0_INFO_FILE: FileInfoClass is a FILE_INFORMATION_CLASS (MS-FSCC 2.4).</summary>
    File = 0x01,

    /// <summary>SMB2_0_INFO_FILESYSTEM: FileInfoClass is an FS_INFORMATION_CLASS (MS-FSCC 2.5).</summary>
    FileSystem = 0x02,

    /// <summary>SMB2_0_INFO_SECURITY: a security descriptor; AdditionalInformation selects its parts.</summary>
    Security = 0x03,

    /// <summary>SMB2_0_INFO_QUOTA.</summary>
    Quota = 0x04,
}
