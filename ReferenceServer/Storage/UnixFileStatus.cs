using System.Buffers.Binary;
using System.Runtime.InteropServices;

namespace Conformance.ReferenceServer.Storage;

/// <summary>What statx(2) says of one path, never following a symbolic link; times as FILETIME.</summary>
internal readonly record struct UnixFileStatus(
    uint Mode,
    ulong Inode,
    long Size,
    long AllocatedBytes,
    long AccessTime,
    long? BirthTime,
    long ChangeTime,
    long ModificationTime)
{
    private const uint TypeMask = 0xF000;
    private const uint TypeDirectory = 0x4000;
    private const uint TypeRegular = 0x8000;
    private const uint TypeSymbolicLink = 0xA000;
    private const uint OwnerWrite = 0x80;
    private const uint AnyWrite = 0x92;

    public bool IsDirectory => (Mode & TypeMask) == TypeDirectory;

    public bool IsRegularFile => (Mode & TypeMask) == TypeRegular;

    public bool IsSymbolicLink => (Mode & TypeMask) == TypeSymbolicLink;

    public bool IsOwnerWritable => (Mode & OwnerWrite) != 0;

    /// <summary>The permission bits with every write bit cleared (READONLY) or the owner's set.</summary>
    public UnixFileMode WithReadOnly(bool readOnly) =>
        (UnixFileMode)(readOnly ? Mode & 0xFFF & ~AnyWrite : (Mode & 0xFFF) | OwnerWrite);

    /// <summary>Returns 0 and the status, or the errno of the failure (ENOENT, ENOTDIR, ...).</summary>
    public static int TryGet(string path, out UnixFileStatus status)
    {
        var buffer = new byte[UnixNative.StatxSize];
        if (UnixNative.Statx(UnixNative.AtCurrentDirectory, path, UnixNative.AtSymlinkNoFollow,
                UnixNative.StatxBasicStats | UnixNative.StatxBirthTime, buffer) != 0)
        {
            status = default;
            return Marshal.GetLastPInvokeError();
        }

        // struct statx (linux/stat.h): stx_mask @0, stx_mode @28, stx_ino @32, stx_size @40,
        // stx_blocks @48 (512-byte units), then statx_timestamp {s64 sec; u32 nsec; s32 pad} for
        // atime @64, btime @80, ctime @96, mtime @112.
        ReadOnlySpan<byte> span = buffer;
        uint mask = BinaryPrimitives.ReadUInt32LittleEndian(span);
        status = new UnixFileStatus(
            Mode: BinaryPrimitives.ReadUInt16LittleEndian(span[28..]),
            Inode: BinaryPrimitives.ReadUInt64LittleEndian(span[32..]),
            Size: BinaryPrimitives.ReadInt64LittleEndian(span[40..]),
            AllocatedBytes: BinaryPrimitives.ReadInt64LittleEndian(span[48..]) * 512,
            AccessTime: ReadTimestamp(span[64..]),
            BirthTime: (mask & UnixNative.StatxBirthTime) != 0 ? ReadTimestamp(span[80..]) : null,
            ChangeTime: ReadTimestamp(span[96..]),
            ModificationTime: ReadTimestamp(span[112..]));
        return 0;
    }

    private static long ReadTimestamp(ReadOnlySpan<byte> timestamp) => FileTime.FromUnix(
        BinaryPrimitives.ReadInt64LittleEndian(timestamp), BinaryPrimitives.ReadUInt32LittleEndian(timestamp[8..]));
}
