using Conformance.Adapters.Wire;
using Conformance.Adapters.Wire.Fsctl;
using Conformance.Adapters.Wire.InfoClasses;
using Conformance.Adapters.Wire.Messages;

namespace Conformance.ReferenceServer.Processing;

/// <summary>
/// FSCTL_QUERY_NETWORK_INTERFACE_INFO (3.3.5.15.11): one NETWORK_INTERFACE_INFO per address the
/// server listens on (2.2.32.5), chained by Next, in an IOCTL Response with FileId
/// 0xFFFFFFFFFFFFFFFF, no input and Flags 0.
/// </summary>
internal static class NetworkInterfaceQuery
{
    public static Outcome Handle(RequestContext context, IoctlRequest request)
    {
        var server = context.Server;
        // Current MS-SMB2 3.3.5.15.11: a connection below 3.x, or one whose ServerCapabilities lack
        // SMB2_GLOBAL_CAP_MULTI_CHANNEL, MAY be refused with STATUS_NOT_SUPPORTED; this server does. (Its
        // other MAY, refusing an unsigned request with STATUS_ACCESS_DENIED, it does not take.)
        if (!context.Connection.IsSmb3 || (context.Connection.ServerCapabilities & GlobalCapabilities.MultiChannel) == 0)
        {
            return Outcome.Error(Smb2Command.Ioctl, NtStatus.NotSupported);
        }
        // Current 3.3.5.15.11: an interface with IfIndex 0 is never listed.
        var entries = server.NetworkInterfaces.Where(entry => entry.IfIndex != 0).Select(entry => new NetworkInterfaceInfo
        {
            IfIndex = entry.IfIndex,
            Capability = entry.Capability,
            LinkSpeed = entry.LinkSpeed,
            SockAddrStorage = new SockaddrStorage { Address = entry.SockAddrStorage.Address },
        }).ToList();
        var output = ChainedEntries.Encode(entries);
        if (output.Length > request.MaxOutputResponse)
        {
            return Outcome.Error(Smb2Command.Ioctl, NtStatus.BufferTooSmall);
        }
        return Outcome.Success(new IoctlResponse { CtlCode = FsctlCode.QueryNetworkInterfaceInfo, FileId = FileId.Related, Output = output });
    }
}
