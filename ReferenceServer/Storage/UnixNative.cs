using System.Runtime.InteropServices;

namespace Conformance.ReferenceServer.Storage;

/// <summary>
/// The few Linux calls .NET does not expose: statx (inode, birth and change times, allocated blocks,
/// without following a symbolic link) and fallocate (reserving space past the end of file).
/// </summary>
internal static class UnixNative
{
    public const int AtCurrentDirectory = -100;
    public const int AtSymlinkNoFollow = 0x100;
    public const uint StatxBasicStats = 0x7FF;
    public const uint StatxBirthTime = 0x800;
    public const int FallocateKeepSize = 0x1;

    public const int EEXIST = 17;
    public const int EFBIG = 27;
    public const int ENOSPC = 28;
    public const int ENOTEMPTY = 39;

    /// <summary>struct statx is 256 bytes on every Linux architecture.</summary>
    public const int StatxSize = 256;

    [DllImport("libc", EntryPoint = "statx", SetLastError = true)]
    public static extern int Statx(int directoryFd, [MarshalAs(UnmanagedType.LPUTF8Str)] string path, int flags, uint mask, byte[] buffer);

    [DllImport("libc", EntryPoint = "fallocate", SetLastError = true)]
    public static extern int Fallocate(int fd, int mode, long offset, long length);
}
