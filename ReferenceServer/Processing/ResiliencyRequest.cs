using Conformance.Adapters.Wire;
using Conformance.Adapters.Wire.Messages;
using Conformance.ReferenceServer.Processing.Create;

namespace Conformance.ReferenceServer.Processing;

/// <summary>
/// FSCTL_LMR_REQUEST_RESILIENCY (3.3.5.15.9): refused at 2.0.2 (STATUS_INVALID_DEVICE_REQUEST, the MAY
/// Windows takes); a NETWORK_RESILIENCY_REQUEST (2.2.31.3) shorter than 8 bytes, or asking more than
/// <see cref="MaxResiliencyTimeout"/>, is STATUS_INVALID_PARAMETER; otherwise the open becomes resilient
/// (no longer durable) for the Timeout asked, or <see cref="DefaultResiliencyTimeout"/> for 0.
/// </summary>
internal static class ResiliencyRequest
{
    /// <summary>MaxResiliencyTimeout (3.3.1.5): five minutes, as Windows.</summary>
    public static readonly TimeSpan MaxResiliencyTimeout = TimeSpan.FromMinutes(5);

    /// <summary>The implementation-specific ResiliencyTimeout of a request for 0 (&lt;321&gt;: Windows uses two minutes).</summary>
    public static readonly TimeSpan DefaultResiliencyTimeout = TimeSpan.FromMinutes(2);

    private const int NetworkResiliencyRequestLength = 8;

    public static Outcome Handle(RequestContext context, IoctlRequest request)
    {
        var open = context.LookupOpen(request.FileId).Open!;
        if (context.Connection.Dialect == Dialect.Smb202)
        {
            return Outcome.Error(Smb2Command.Ioctl, NtStatus.InvalidDeviceRequest);
        }
        if (request.Input.Length < NetworkResiliencyRequestLength)
        {
            return Outcome.Error(Smb2Command.Ioctl, NtStatus.InvalidParameter);
        }
        var timeout = TimeSpan.FromMilliseconds(request.Input.Span.U32(0));
        if (timeout > MaxResiliencyTimeout)
        {
            return Outcome.Error(Smb2Command.Ioctl, NtStatus.InvalidParameter);
        }
        open.IsDurable = false;
        open.IsResilient = true;
        open.ResiliencyTimeout = timeout == TimeSpan.Zero ? DefaultResiliencyTimeout : timeout;
        open.DurableOwner = DurableOpenInitialization.OwnerOf(context.Session!);
        return Outcome.Success(new IoctlResponse { CtlCode = request.CtlCode, FileId = new FileId(open.DurableFileId.Persistent, open.FileId.Volatile) });
    }
}
