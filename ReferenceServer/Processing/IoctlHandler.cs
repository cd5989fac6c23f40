using Conformance.Adapters.Wire;
using Conformance.Adapters.Wire.Fsctl;
using Conformance.Adapters.Wire.InfoClasses;
using Conformance.Adapters.Wire.Messages;

namespace Conformance.ReferenceServer.Processing;

/// <summary>
/// SMB2 IOCTL (3.3.5.15): FSCTL_VALIDATE_NEGOTIATE_INFO (3.3.5.15.12), FSCTL_QUERY_NETWORK_INTERFACE_INFO
/// (3.3.5.15.11, <see cref="NetworkInterfaceQuery"/>), FSCTL_LMR_REQUEST_RESILIENCY
/// (3.3.5.15.9, <see cref="ResiliencyRequest"/>), DFS referrals refused as a server without DFS does,
/// everything else not supported.
/// </summary>
internal sealed class IoctlHandler : ICommandHandler
{
    public bool RequiresSession => true;
    public bool RequiresTreeConnect => true;

    public Task<Outcome> HandleAsync(RequestContext context, CancellationToken cancellationToken)
    {
        var decoded = IoctlRequest.Read(context.Bytes);
        if (!decoded.IsSuccess)
        {
            return Task.FromResult(Error(NtStatus.InvalidParameter));
        }
        var request = decoded.Value;
        if (request.Input.Length > context.Connection.MaxTransactSize || request.MaxOutputResponse > context.Connection.MaxTransactSize
            || request.MaxInputResponse > context.Connection.MaxTransactSize)
        {
            return Task.FromResult(Error(NtStatus.InvalidParameter));
        }
        if ((request.Flags & IoctlFlags.IsFsctl) == 0)
        {
            return Task.FromResult(Error(NtStatus.NotSupported));
        }
        // 3.3.5.15: an FSCTL other than the five that take no open names one (FILE_CLOSED if it is not found),
        // and so goes through 3.3.5.2.10's ChannelSequence check like WRITE and SET_INFO.
        if (!TakesNoOpen(request.CtlCode) && context.LookupOpen(request.FileId) is { Open: null } lookup)
        {
            return Task.FromResult(Error(lookup.Status));
        }
        return Task.FromResult(request.CtlCode switch
        {
            FsctlCode.ValidateNegotiateInfo => ValidateNegotiateInfo(context, request),
            // A server that is not DFS-capable (3.3.5.15.2): Windows and Samba answer STATUS_FS_DRIVER_REQUIRED.
            FsctlCode.DfsGetReferrals or FsctlCode.DfsGetReferralsEx =>
                Error(context.Server.IsDfsCapable ? NtStatus.NotFound : NtStatus.FsDriverRequired),
            FsctlCode.PipeTransceive or FsctlCode.PipePeek or FsctlCode.PipeWait => Error(NtStatus.NotSupported),
            FsctlCode.QueryNetworkInterfaceInfo => NetworkInterfaceQuery.Handle(context, request),
            FsctlCode.SrvCopychunk or FsctlCode.SrvCopychunkWrite or FsctlCode.SrvRequestResumeKey
                or FsctlCode.SrvEnumerateSnapshots or FsctlCode.SrvReadHash => Error(NtStatus.NotSupported),
            FsctlCode.LmrRequestResiliency => ResiliencyRequest.Handle(context, request),
            _ => Error(request.FileId == FileId.Related ? NtStatus.NotSupported : NtStatus.InvalidDeviceRequest),
        });
    }

    /// <summary>The FSCTLs 3.3.5.15 sends with FileId 0xFFFFFFFFFFFFFFFF instead of an open.</summary>
    private static bool TakesNoOpen(uint ctlCode) => ctlCode is FsctlCode.DfsGetReferrals or FsctlCode.DfsGetReferralsEx
        or FsctlCode.QueryNetworkInterfaceInfo or FsctlCode.ValidateNegotiateInfo or FsctlCode.PipeWait;

    /// <summary>3.3.5.15.12: any difference from what the NEGOTIATE carried ends the connection.</summary>
    private static Outcome ValidateNegotiateInfo(RequestContext context, IoctlRequest request)
    {
        var connection = context.Connection;
        if (connection.Dialect == Dialect.Smb311)
        {
            // 3.1.1 protects the negotiate with the preauth integrity hash instead: Windows ends the connection.
            return Outcome.Disconnect("FSCTL_VALIDATE_NEGOTIATE_INFO on a 3.1.1 connection");
        }
        // FSCTL_VALIDATE_NEGOTIATE_INFO is defined for 3.0 and 3.0.2 connections (2.2.31.4). A 2.x client sent no capabilities
        // in its NEGOTIATE and the connection took those of its SESSION_SETUP (3.3.5.5.3): refused here rather than compared.
        if (request.FileId != FileId.Related || !connection.IsSmb3)
        {
            return Error(NtStatus.InvalidParameter);
        }
        var input = ValidateNegotiateInfoRequest.Read(request.Input);
        if (!input.IsSuccess)
        {
            return Outcome.Disconnect($"FSCTL_VALIDATE_NEGOTIATE_INFO input unreadable: {input.Error}");
        }
        var validate = input.Value;
        if (request.MaxOutputResponse < ValidateNegotiateInfoResponse.FixedLength)
        {
            return Outcome.Disconnect("FSCTL_VALIDATE_NEGOTIATE_INFO with MaxOutputResponse too small (3.3.5.15.12)");
        }
        var dialect = context.Server.SupportedDialects.Where(validate.Dialects.Contains).DefaultIfEmpty().Max();
        if (validate.Capabilities != (uint)connection.ClientCapabilities || validate.Guid != connection.ClientGuid
            || validate.SecurityMode != (ushort)connection.ClientSecurityMode || dialect != connection.Dialect
            || !validate.Dialects.SequenceEqual(connection.ClientDialects))
        {
            return Outcome.Disconnect("FSCTL_VALIDATE_NEGOTIATE_INFO does not match the NEGOTIATE (3.3.5.15.12)");
        }
        var output = new ValidateNegotiateInfoResponse
        {
            Capabilities = (uint)connection.ServerCapabilities,
            Guid = context.Server.ServerGuid,
            SecurityMode = (ushort)connection.ServerSecurityMode,
            Dialect = connection.Dialect!.Value,
        };
        return Outcome.Success(new IoctlResponse { CtlCode = request.CtlCode, FileId = request.FileId, Output = output.ToBytes() });
    }

    private static Outcome Error(uint status) => Outcome.Error(Smb2Command.Ioctl, status);
}
