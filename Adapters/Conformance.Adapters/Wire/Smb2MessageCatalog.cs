using Conformance.Adapters.Wire.Messages;

namespace Conformance.Adapters.Wire;

/// <summary>
/// Reads any message of a received packet into its typed body: requests by Command; responses by
/// Command and Status, since a failed command answers with an ERROR Response body (3.3.4.4).
/// The one definition of "which body is this", for the client adapter, the reference server,
/// the frame recorder's summaries and the capture tests.
/// </summary>
public static class Smb2MessageCatalog
{
    /// <summary>A request or a response, as the header's SERVER_TO_REDIR flag says.</summary>
    public static DecodeResult<Smb2Message> Read(MessageSlice slice) =>
        slice.Header.IsResponse ? ReadResponse(slice) : ReadRequest(slice);

    public static DecodeResult<Smb2Message> ReadRequest(MessageSlice slice) => slice.Header.Command switch
    {
        Smb2Command.Negotiate => slice.ReadAs<NegotiateRequest>(),
        Smb2Command.SessionSetup => slice.ReadAs<SessionSetupRequest>(),
        Smb2Command.Logoff => slice.ReadAs<LogoffRequest>(),
        Smb2Command.TreeConnect => slice.ReadAs<TreeConnectRequest>(),
        Smb2Command.TreeDisconnect => slice.ReadAs<TreeDisconnectRequest>(),
        Smb2Command.Create => slice.ReadAs<CreateRequest>(),
        Smb2Command.Close => slice.ReadAs<CloseRequest>(),
        Smb2Command.Flush => slice.ReadAs<FlushRequest>(),
        Smb2Command.Read => slice.ReadAs<ReadRequest>(),
        Smb2Command.Write => slice.ReadAs<WriteRequest>(),
        Smb2Command.Lock => slice.ReadAs<LockRequest>(),
        Smb2Command.Ioctl => slice.ReadAs<IoctlRequest>(),
        Smb2Command.Cancel => slice.ReadAs<CancelRequest>(),
        Smb2Command.Echo => slice.ReadAs<EchoRequest>(),
        Smb2Command.QueryDirectory => slice.ReadAs<QueryDirectoryRequest>(),
        Smb2Command.ChangeNotify => slice.ReadAs<ChangeNotifyRequest>(),
        Smb2Command.QueryInfo => slice.ReadAs<QueryInfoRequest>(),
        Smb2Command.SetInfo => slice.ReadAs<SetInfoRequest>(),
        Smb2Command.OplockBreak => ReadOplockBreak(slice),
        _ => UnknownCommand(slice),
    };

    public static DecodeResult<Smb2Message> ReadResponse(MessageSlice slice)
    {
        if (CarriesErrorResponse(slice.Header, slice.Bytes.Span))
        {
            return slice.ReadAs<ErrorResponse>();
        }
        return slice.Header.Command switch
        {
            Smb2Command.Negotiate => slice.ReadAs<NegotiateResponse>(),
            Smb2Command.SessionSetup => slice.ReadAs<SessionSetupResponse>(),
            Smb2Command.Logoff => slice.ReadAs<LogoffResponse>(),
            Smb2Command.TreeConnect => slice.ReadAs<TreeConnectResponse>(),
            Smb2Command.TreeDisconnect => slice.ReadAs<TreeDisconnectResponse>(),
            Smb2Command.Create => slice.ReadAs<CreateResponse>(),
            Smb2Command.Close => slice.ReadAs<CloseResponse>(),
            Smb2Command.Flush => slice.ReadAs<FlushResponse>(),
            Smb2Command.Read => slice.ReadAs<ReadResponse>(),
            Smb2Command.Write => slice.ReadAs<WriteResponse>(),
            Smb2Command.Lock => slice.ReadAs<LockResponse>(),
            Smb2Command.Ioctl => slice.ReadAs<IoctlResponse>(),
            Smb2Command.Echo => slice.ReadAs<EchoResponse>(),
            Smb2Command.QueryDirectory => slice.ReadAs<QueryDirectoryResponse>(),
            Smb2Command.ChangeNotify => slice.ReadAs<ChangeNotifyResponse>(),
            Smb2Command.QueryInfo => slice.ReadAs<QueryInfoResponse>(),
            Smb2Command.SetInfo => slice.ReadAs<SetInfoResponse>(),
            Smb2Command.OplockBreak => ReadOplockBreak(slice),
            Smb2Command.ServerToClientNotification => slice.ReadAs<ServerToClientNotification>(),
            _ => UnknownCommand(slice),
        };
    }

    /// <summary>
    /// Whether a response's body is an ERROR Response (2.2.2) rather than the command's own: an
    /// interim STATUS_PENDING (3.3.4.2), or any status other than success and the exceptions that
    /// 3.3.4.4 lists (MORE_PROCESSING_REQUIRED in SESSION_SETUP, BUFFER_OVERFLOW in QUERY_INFO,
    /// READ and IOCTL, INVALID_PARAMETER in a copychunk IOCTL response, NOTIFY_ENUM_DIR in CHANGE_NOTIFY).
    /// </summary>
    public static bool CarriesErrorResponse(Smb2Header header, ReadOnlySpan<byte> message)
    {
        var status = header.Status;
        if (status == NtStatus.Success)
        {
            return false;
        }
        return (header.Command, status) switch
        {
            (Smb2Command.SessionSetup, NtStatus.MoreProcessingRequired) => false,
            (Smb2Command.QueryInfo or Smb2Command.Read or Smb2Command.Ioctl, NtStatus.BufferOverflow) => false,
            (Smb2Command.ChangeNotify, NtStatus.NotifyEnumDir) => false,
            // An SRV_COPYCHUNK_RESPONSE comes back in a full IOCTL response (3.3.5.15.6.2).
            (Smb2Command.Ioctl, NtStatus.InvalidParameter) =>
                !(message.Length >= Smb2Header.Size + 2 && message.U16(Smb2Header.Size) == IoctlResponse.DefaultStructureSize),
            _ => true,
        };
    }

    private static DecodeResult<Smb2Message> ReadOplockBreak(MessageSlice slice)
    {
        var body = OplockBreak.Read(slice.Bytes);
        return body.IsSuccess ? slice.WithBody(body.Value) : body.Error;
    }

    private static DecodeResult<Smb2Message> UnknownCommand(MessageSlice slice) =>
        new DecodeError("SMB2 header", "Command", "2.2.1", $"0x{(ushort)slice.Header.Command:X4} is not a command of this dialect family", 12);
}
