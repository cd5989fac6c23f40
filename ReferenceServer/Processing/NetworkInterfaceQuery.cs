using Conformance.Adapters.Wire;
using Conformance.Adapters.Wire.Fsctl;
using Conformance.Adapters.Wire.InfoClasses;
using Conformance.Adapters.Wire.Messages;

namespace Conformance.ReferenceServer.Processing;

/// <summary>
/// FSCTL_QUERY_NETWORK_INTERFACE_INFO (3.3.5.15.11): one NETWORK_INTERFACE_INFO per address the
/// server listens on (2.2.32.5), chained by Next, in an IOCTL Response with FileId
/// 0xFFFFFFFFFFFFFFFF, no input and Flags 0. A server without multichannel has nothing to report.
/// </summary>
internal static class NetworkInterfaceQuery
{
    public static Outcome Handle(RequestContext context, IoctlRequest request)
    {
        var server = context.Server;
        if (!server.IsMultiChannelCapable || !context.Connection.IsSmb3)
        {
            return Outcome.Error(Smb2Command.Ioctl, NtStatus.NotSupported);
        }
        var entries = server.NetworkInterfaces.Select(entry => new NetworkInterfaceInfo
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
