using Conformance.Adapters.Wire;
using Conformance.ReferenceServer.Storage;

namespace Conformance.ReferenceServer.Processing;

/// <summary>The NTSTATUS each <see cref="StoreStatus"/> stands for (named in its documentation).</summary>
internal static class StoreStatusMapping
{
    public static uint ToNtStatus(this StoreStatus status) => status switch
    {
        StoreStatus.Success => NtStatus.Success,
        StoreStatus.ObjectNameNotFound => NtStatus.ObjectNameNotFound,
        StoreStatus.ObjectPathNotFound => NtStatus.ObjectPathNotFound,
        StoreStatus.NotADirectory => NtStatus.NotADirectory,
        StoreStatus.FileIsADirectory => NtStatus.FileIsADirectory,
        StoreStatus.ObjectNameCollision => NtStatus.ObjectNameCollision,
        StoreStatus.DirectoryNotEmpty => NtStatus.DirectoryNotEmpty,
        StoreStatus.ObjectNameInvalid => NtStatus.ObjectNameInvalid,
        StoreStatus.AccessDenied => NtStatus.AccessDenied,
        StoreStatus.InvalidParameter => NtStatus.InvalidParameter,
        StoreStatus.DiskFull => NtStatus.DiskFull,
        _ => NtStatus.Unsuccessful,
    };
}
