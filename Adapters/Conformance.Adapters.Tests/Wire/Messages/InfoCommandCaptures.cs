using Conformance.Adapters.Tests.Captures;
using Conformance.Adapters.Wire;
using Conformance.Adapters.Wire.Messages;

namespace Conformance.Adapters.Tests.Wire.Messages;

/// <summary>
/// The IOCTL, QUERY_DIRECTORY, QUERY_INFO, SET_INFO and CHANGE_NOTIFY messages of the plain captures,
/// compounds split, transform frames left out. Failure responses (3.3.4.4) are ERROR responses
/// (2.2.2), not bodies of these commands, and are left out too.
/// </summary>
public static class InfoCommandCaptures
{
    public static readonly Smb2Command[] Commands =
        [Smb2Command.Ioctl, Smb2Command.QueryDirectory, Smb2Command.QueryInfo, Smb2Command.SetInfo, Smb2Command.ChangeNotify];

    public sealed record CapturedMessage(string Capture, int Frame, int Position, MessageSlice Slice)
    {
        public Smb2Header Header => Slice.Header;
        public override string ToString() => $"{Capture} #{Frame}.{Position} {Header.Command} {(Header.IsResponse ? "response" : "request")}";
    }

    public static IEnumerable<CapturedMessage> All() =>
        Capture.Names.SelectMany(name => Capture.Load(name).Frames
            .Where(frame => frame.Bytes[0] == 0xFE)
            .SelectMany(frame => Smb2Compound.Split(frame.Bytes).Unwrap()
                .Select((slice, position) => new CapturedMessage(name, frame.Index, position, slice))))
            .Where(message => Commands.Contains(message.Header.Command) && !IsFailureResponse(message.Slice));

    public static IEnumerable<TestCaseData> Cases() =>
        All().Select(m => new TestCaseData(m.Capture, m.Frame, m.Position).SetArgDisplayNames(m.Capture, m.Frame.ToString(), m.Position.ToString(), m.Header.Command.ToString(), m.Header.IsResponse ? "response" : "request"));

    public static CapturedMessage Find(string capture, int frame, int position) =>
        All().Single(m => m.Capture == capture && m.Frame == frame && m.Position == position);

    /// <summary>The request a response answers (same MessageId, earlier in the capture).</summary>
    public static CapturedMessage RequestOf(CapturedMessage response) =>
        All().Last(m => m.Capture == response.Capture && m.Frame < response.Frame && !m.Header.IsResponse && m.Header.MessageId == response.Header.MessageId);

    /// <summary>3.3.4.4: every status but these is a failure, answered with an ERROR response.</summary>
    public static bool IsFailureResponse(MessageSlice slice)
    {
        var header = slice.Header;
        if (!header.IsResponse || header.Status == NtStatus.Success)
        {
            return false;
        }
        return header.Command switch
        {
            Smb2Command.QueryInfo => header.Status != NtStatus.BufferOverflow,
            Smb2Command.ChangeNotify => header.Status != NtStatus.NotifyEnumDir,
            // A copychunk failure carries an IOCTL body (StructureSize 49) with STATUS_INVALID_PARAMETER.
            Smb2Command.Ioctl => header.Status != NtStatus.BufferOverflow
                && !(header.Status == NtStatus.InvalidParameter && slice.Bytes.Span.U16(Smb2Header.Size) == IoctlResponse.DefaultStructureSize),
            _ => true,
        };
    }

    /// <summary>Decodes the body as the command's request or response type.</summary>
    public static DecodeResult<Smb2Message> Decode(MessageSlice slice) => (slice.Header.Command, slice.Header.IsResponse) switch
    {
        (Smb2Command.Ioctl, false) => slice.ReadAs<IoctlRequest>(),
        (Smb2Command.Ioctl, true) => slice.ReadAs<IoctlResponse>(),
        (Smb2Command.QueryDirectory, false) => slice.ReadAs<QueryDirectoryRequest>(),
        (Smb2Command.QueryDirectory, true) => slice.ReadAs<QueryDirectoryResponse>(),
        (Smb2Command.QueryInfo, false) => slice.ReadAs<QueryInfoRequest>(),
        (Smb2Command.QueryInfo, true) => slice.ReadAs<QueryInfoResponse>(),
        (Smb2Command.SetInfo, false) => slice.ReadAs<SetInfoRequest>(),
        (Smb2Command.SetInfo, true) => slice.ReadAs<SetInfoResponse>(),
        (Smb2Command.ChangeNotify, false) => slice.ReadAs<ChangeNotifyRequest>(),
        (Smb2Command.ChangeNotify, true) => slice.ReadAs<ChangeNotifyResponse>(),
        _ => throw new ArgumentException($"not a command of this codec: {slice.Header.Command}"),
    };
}
