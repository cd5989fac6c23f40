using Conformance.Adapters.Wire;
using Conformance.Adapters.Wire.Fsctl;
using Conformance.Adapters.Wire.InfoClasses;
using Conformance.Adapters.Wire.Messages;

namespace Conformance.Adapters.Client;

/// <summary>IOCTL, QUERY_DIRECTORY, QUERY_INFO, SET_INFO and CHANGE_NOTIFY (3.2.4.9 to 3.2.4.20 and their 3.2.5.x).</summary>
public sealed partial class Connection
{
    /// <summary>The FileId an FSCTL that names no file carries (3.2.4.20.x): all ones.</summary>
    public static readonly FileId NoFile = FileId.Related;

    /// <summary>
    /// IOCTL with <paramref name="request"/> (CtlCode, Flags, buffers as given), multi-credit by the larger
    /// of input and MaxOutputResponse. A successful FSCTL_LMR_REQUEST_RESILIENCY marks the open it names
    /// resilient and durable (3.2.5.14.9), with the Timeout of its NETWORK_RESILIENCY_REQUEST (2.2.31.3).
    /// </summary>
    public async Task<Smb2Response<IoctlResponse>> IoctlAsync(TreeConnect tree, IoctlRequest request, TimeSpan? timeout = null, CancellationToken cancellationToken = default)
    {
        var response = await SendTypedAsync<IoctlResponse>(request, tree.Session, tree, request.FileId,
            CreditChargeFor(Math.Max(request.Input.Length, Math.Max(request.MaxInputResponse, request.MaxOutputResponse))), timeout, cancellationToken).ConfigureAwait(false);
        if (response.IsSuccess && request.CtlCode == FsctlCode.LmrRequestResiliency && tree.Session.OpenTable.TryGetValue(request.FileId, out var open))
        {
            open.ResilientHandle = true;
            open.Durable = true;
            if (request.Input.Length >= 4)
            {
                open.ResilientTimeout = request.Input.Span.U32(0);
            }
        }
        return response;
    }

    /// <summary>
    /// FSCTL_VALIDATE_NEGOTIATE_INFO (3.2.5.5 step, 2.2.31.4): repeats this connection's NEGOTIATE
    /// request (Capabilities, ClientGuid, SecurityMode, Dialects), signed with the session's keys.
    /// The response's Output holds VALIDATE_NEGOTIATE_INFO Response for the scenario to compare.
    /// </summary>
    public async Task<Smb2Response<IoctlResponse>> ValidateNegotiateInfoAsync(TreeConnect tree, ValidateNegotiateInfoRequest? validate = null, CancellationToken cancellationToken = default)
    {
        validate ??= new ValidateNegotiateInfoRequest
        {
            Capabilities = (uint)ClientCapabilities,
            Guid = SentClientGuid ?? ClientGuid,
            SecurityMode = (ushort)ClientSecurityMode,
            Dialects = [.. ClientDialects],
        };
        var body = new IoctlRequest
        {
            CtlCode = FsctlCode.ValidateNegotiateInfo,
            FileId = NoFile,
            Flags = IoctlFlags.IsFsctl,
            Input = validate.ToBytes(),
            MaxOutputResponse = ValidateNegotiateInfoResponse.FixedLength,
        };
        var request = new Smb2Request(Build(body, tree.Session, tree))
        {
            Session = tree.Session,
            TreeConnect = tree,
            Signing = tree.Session.SigningKey is not null || tree.Session.SessionKey is not null ? RequestSigning.Sign : RequestSigning.Auto,
        };
        return Smb2Response<IoctlResponse>.From(await SendOneAsync(request, cancellationToken).ConfigureAwait(false));
    }

    public Task<Smb2Response<QueryDirectoryResponse>> QueryDirectoryAsync(Open directory, QueryDirectoryRequest request, CancellationToken cancellationToken = default) =>
        SendTypedAsync<QueryDirectoryResponse>(request, directory.TreeConnect.Session, directory.TreeConnect, request.FileId, CreditChargeFor(request.OutputBufferLength), cancellationToken: cancellationToken);

    /// <summary>QUERY_DIRECTORY of <paramref name="pattern"/> with <paramref name="infoClass"/>.</summary>
    public Task<Smb2Response<QueryDirectoryResponse>> QueryDirectoryAsync(Open directory, string pattern = "*",
        FileInformationClass infoClass = FileInformationClass.FileIdBothDirectoryInformation, QueryDirectoryFlags flags = QueryDirectoryFlags.None, CancellationToken cancellationToken = default) =>
        QueryDirectoryAsync(directory, new QueryDirectoryRequest { FileId = directory.FileId, FileName = pattern, FileInformationClass = infoClass, Flags = flags }, cancellationToken);

    public Task<Smb2Response<QueryInfoResponse>> QueryInfoAsync(Open open, QueryInfoRequest request, CancellationToken cancellationToken = default) =>
        SendTypedAsync<QueryInfoResponse>(request, open.TreeConnect.Session, open.TreeConnect, request.FileId, cancellationToken: cancellationToken);

    public Task<Smb2Response<SetInfoResponse>> SetInfoAsync(Open open, SetInfoRequest request, CancellationToken cancellationToken = default) =>
        SendTypedAsync<SetInfoResponse>(request, open.TreeConnect.Session, open.TreeConnect, request.FileId, cancellationToken: cancellationToken);

    /// <summary>
    /// Sends CHANGE_NOTIFY and returns the pending request: the server usually answers STATUS_PENDING
    /// first (<see cref="PendingRequest.WaitForInterimAsync"/>), then the change or a cancel.
    /// </summary>
    public async Task<PendingRequest> ChangeNotifyAsync(Open directory, ChangeNotifyRequest request, TimeSpan? timeout = null, CancellationToken cancellationToken = default)
    {
        var message = new Smb2Request(Build(request, directory.TreeConnect.Session, directory.TreeConnect))
        {
            Session = directory.TreeConnect.Session,
            TreeConnect = directory.TreeConnect,
            FileId = request.FileId,
            ResponseTimeout = timeout,
        };
        return (await PostAsync([message], cancellationToken).ConfigureAwait(false))[0]!;
    }
}
