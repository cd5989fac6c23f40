namespace Conformance.ReferenceServer.Storage;

/// <summary>
/// A change of timestamps and attributes (FileBasicInformation, MS-FSCC 2.4.7). A null member is left
/// unchanged: the handler maps the wire's 0 ("do not change") to null before calling the store, and
/// handles -1/-2 (stop/resume automatic updates) itself.
/// </summary>
public sealed record FileBasicInformationUpdate(
    long? CreationTime = null,
    long? LastAccessTime = null,
    long? LastWriteTime = null,
    long? ChangeTime = null,
    FileAttribute? Attributes = null)
{
    /// <summary>Every given time is a FILETIME a store can keep: not negative, not past year 9999.</summary>
    public bool HasValidTimes =>
        IsValid(CreationTime) && IsValid(LastAccessTime) && IsValid(LastWriteTime) && IsValid(ChangeTime);

    private static bool IsValid(long? time) => time is null || (time >= 0 && time <= FileTime.MaximumRepresentable);
}
