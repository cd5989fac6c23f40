using System.Reflection;

namespace Conformance.Adapters.Wire;

/// <summary>NTSTATUS values the protocol uses (MS-ERREF 2.3), by their MS-ERREF names.</summary>
public static class NtStatus
{
    public const uint Success = 0x00000000;
    public const uint Pending = 0x00000103;
    public const uint NotifyCleanup = 0x0000010B;
    public const uint NotifyEnumDir = 0x0000010C;
    public const uint BufferOverflow = 0x80000005;
    public const uint NoMoreFiles = 0x80000006;
    public const uint StoppedOnSymlink = 0x8000002D;
    public const uint Unsuccessful = 0xC0000001;
    public const uint NotImplemented = 0xC0000002;
    public const uint InvalidInfoClass = 0xC0000003;
    public const uint InfoLengthMismatch = 0xC0000004;
    public const uint InvalidHandle = 0xC0000008;
    public const uint InvalidParameter = 0xC000000D;
    public const uint NoSuchFile = 0xC000000F;
    public const uint InvalidDeviceRequest = 0xC0000010;
    public const uint EndOfFile = 0xC0000011;
    public const uint MoreProcessingRequired = 0xC0000016;
    public const uint AccessDenied = 0xC0000022;
    public const uint BufferTooSmall = 0xC0000023;
    public const uint ObjectNameInvalid = 0xC0000033;
    public const uint ObjectNameNotFound = 0xC0000034;
    public const uint ObjectNameCollision = 0xC0000035;
    public const uint ObjectPathNotFound = 0xC000003A;
    public const uint SharingViolation = 0xC0000043;
    public const uint DeletePending = 0xC0000056;
    public const uint PrivilegeNotHeld = 0xC0000061;
    public const uint LogonFailure = 0xC000006D;
    public const uint AccountRestriction = 0xC000006E;
    public const uint PasswordExpired = 0xC0000071;
    public const uint InsufficientResources = 0xC000009A;
    public const uint FileIsADirectory = 0xC00000BA;
    public const uint NotSupported = 0xC00000BB;
    public const uint NetworkNameDeleted = 0xC00000C9;
    public const uint BadNetworkName = 0xC00000CC;
    public const uint RequestNotAccepted = 0xC00000D0;
    public const uint NotSameDevice = 0xC00000D4;
    public const uint FileRenamed = 0xC00000D5;
    public const uint DirectoryNotEmpty = 0xC0000101;
    public const uint NotADirectory = 0xC0000103;
    public const uint Cancelled = 0xC0000120;
    public const uint FileClosed = 0xC0000128;
    public const uint InvalidLevel = 0xC0000148;
    public const uint PipeBroken = 0xC000014B;
    public const uint LockNotGranted = 0xC0000055;
    public const uint RangeNotLocked = 0xC000007E;
    public const uint FileLockConflict = 0xC0000054;
    public const uint UserSessionDeleted = 0xC0000203;
    public const uint NetworkSessionExpired = 0xC000035C;
    public const uint NotFound = 0xC0000225;
    public const uint DuplicateObjectId = 0xC000022A;
    public const uint FileNotAvailable = 0xC0000467;
    public const uint SmbBadClusterDialect = 0xC05D0001;
    public const uint SmbNoPreauthIntegrityHashOverlap = 0xC05D0000;
    public const uint InvalidDeviceState = 0xC0000184;
    public const uint ObjectNameExists = 0x40000000;
    public const uint DiskFull = 0xC000007F;
    public const uint IoTimeout = 0xC00000B5;
    public const uint HashNotPresent = 0xC000A100;
    public const uint AccountDisabled = 0xC0000072;
    public const uint WrongPassword = 0xC000006A;
    public const uint NoSuchUser = 0xC0000064;
    public const uint UnexpectedNetworkError = 0xC00000C4;
    public const uint InvalidNetworkResponse = 0xC00000C3;
    public const uint BadImpersonationLevel = 0xC00000A5;
    public const uint OplockNotGranted = 0xC00000E2;
    public const uint InvalidOplockProtocol = 0xC00000E3;
    public const uint InternalError = 0xC00000E5;
    public const uint ResourceNameNotFound = 0xC000008B;
    public const uint FsDriverRequired = 0xC000019C;
    public const uint InvalidEaName = 0x80000013;
    public const uint RequestOutOfSequence = 0xC000042A;

    private static readonly Dictionary<uint, string> Names = typeof(NtStatus)
        .GetFields(BindingFlags.Public | BindingFlags.Static)
        .Where(field => field.IsLiteral && field.FieldType == typeof(uint))
        .GroupBy(field => (uint)field.GetRawConstantValue()!)
        .ToDictionary(group => group.Key, group => "STATUS_" + ToUpperSnake(group.First().Name));

    /// <summary>"STATUS_ACCESS_DENIED (0xC0000022)" for a known value, the hex alone otherwise.</summary>
    public static string Describe(uint status) =>
        Names.TryGetValue(status, out var name) ? $"{name} (0x{status:X8})" : $"0x{status:X8}";

    /// <summary>Whether this suite knows the value by name (a value it does not know may still be defined in MS-ERREF).</summary>
    public static bool IsNamed(uint status) => Names.ContainsKey(status);

    /// <summary>
    /// Laid out as MS-ERREF 2.3 defines its own values: the C (customer) bit 0x20000000 clear, as for
    /// every Microsoft-defined value, and the reserved N bit 0x10000000 clear, as for every NTSTATUS.
    /// A value failing this is defined by no one but its vendor.
    /// </summary>
    public static bool HasMicrosoftDefinedLayout(uint status) => (status & 0x30000000) == 0;

    /// <summary>Severity bits 11: an error (MS-ERREF 2.3).</summary>
    public static bool IsError(uint status) => (status & 0xC0000000) == 0xC0000000;

    private static string ToUpperSnake(string name)
    {
        var builder = new System.Text.StringBuilder();
        for (var i = 0; i < name.Length; i++)
        {
            if (i > 0 && char.IsUpper(name[i]) && !char.IsUpper(name[i - 1]))
            {
                builder.Append('_');
            }
            builder.Append(char.ToUpperInvariant(name[i]));
        }
        return builder.ToString();
    }
}
