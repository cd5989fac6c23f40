using Conformance.Adapters.Tests.Captures;
using Conformance.Adapters.Wire;
using Conformance.Adapters.Wire.Messages;

namespace Conformance.Adapters.Tests.Wire.Messages;

/// <summary>
/// Every plain NEGOTIATE, SESSION_SETUP, TREE_CONNECT, LOGOFF and TREE_DISCONNECT message of the four
/// captures, and every ERROR Response (any command), decodes and re-encodes to the identical bytes
/// through Smb2Compound.Split, MessageSlice.ReadAs and Smb2Compound.Encode.
/// </summary>
public class SessionCommandCaptureRoundTripTests
{
    private static readonly Smb2Command[] SessionCommands =
        [Smb2Command.Negotiate, Smb2Command.SessionSetup, Smb2Command.TreeConnect, Smb2Command.Logoff, Smb2Command.TreeDisconnect];

    /// <summary>A response whose body is an ERROR Response (2.2.2), not the command's own response.</summary>
    private static bool IsErrorBody(Smb2Header header) =>
        header.IsResponse
        && (NtStatus.IsError(header.Status) || header.Status is NtStatus.NoMoreFiles or NtStatus.StoppedOnSymlink)
        && !(header.Command == Smb2Command.SessionSetup && header.Status == NtStatus.MoreProcessingRequired);

    private static DecodeResult<Smb2Message> ReadAsItsType(MessageSlice slice) => slice.Header switch
    {
        var header when IsErrorBody(header) => slice.ReadAs<ErrorResponse>(),
        { Command: Smb2Command.Negotiate, IsResponse: false } => slice.ReadAs<NegotiateRequest>(),
        { Command: Smb2Command.Negotiate, IsResponse: true } => slice.ReadAs<NegotiateResponse>(),
        { Command: Smb2Command.SessionSetup, IsResponse: false } => slice.ReadAs<SessionSetupRequest>(),
        { Command: Smb2Command.SessionSetup, IsResponse: true } => slice.ReadAs<SessionSetupResponse>(),
        { Command: Smb2Command.TreeConnect, IsResponse: false } => slice.ReadAs<TreeConnectRequest>(),
        { Command: Smb2Command.TreeConnect, IsResponse: true } => slice.ReadAs<TreeConnectResponse>(),
        { Command: Smb2Command.Logoff, IsResponse: false } => slice.ReadAs<LogoffRequest>(),
        { Command: Smb2Command.Logoff, IsResponse: true } => slice.ReadAs<LogoffResponse>(),
        { Command: Smb2Command.TreeDisconnect, IsResponse: false } => slice.ReadAs<TreeDisconnectRequest>(),
        _ => slice.ReadAs<TreeDisconnectResponse>(),
    };

    public static IEnumerable<TestCaseData> Frames() =>
        Capture.Names.SelectMany(name => Capture.Load(name).Frames
            .Where(frame => frame.Bytes[0] == 0xFE)
            .Where(frame => Smb2Compound.Split(frame.Bytes).Unwrap().Any(slice => SessionCommands.Contains(slice.Header.Command) || IsErrorBody(slice.Header)))
            .Select(frame => new TestCaseData(name, frame.Index).SetArgDisplayNames(name, frame.Index.ToString())));

    [TestCaseSource(nameof(Frames))]
    public void DecodesAndReEncodesIdentically(string capture, int index)
    {
        var bytes = Capture.Load(capture).Frames[index].Bytes;
        var slices = Smb2Compound.Split(bytes).Unwrap();
        var messages = slices.Select(slice => ReadAsItsType(slice).Unwrap()).ToList();
        Assert.That(Smb2Compound.Encode(messages), Is.EqualTo(bytes));
    }

    // Per plain capture: NEGOTIATE, two SESSION_SETUP rounds, two tree connects and disconnects, the
    // failed DFS-referral IOCTL and two STATUS_NO_MORE_FILES; the encrypted one is plain only up to
    // the end of SESSION_SETUP.
    [TestCase("smbclient-SMB2_02", 17)]
    [TestCase("smbclient-SMB2_10", 17)]
    [TestCase("smbclient-SMB3", 17)]
    [TestCase("smbclient-SMB3-encrypt", 6)]
    public void TheRoundTripCoversTheExpectedFrames(string capture, int count) =>
        Assert.That(Frames().Count(data => (string)data.Arguments[0]! == capture), Is.EqualTo(count));
}
