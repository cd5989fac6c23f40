using Conformance.Adapters.Security;
using Conformance.Adapters.Tests.Security;
using Conformance.Adapters.Wire;
using Conformance.Adapters.Wire.Messages;
using Conformance.Adapters.Wire.NegotiateContexts;

namespace Conformance.Adapters.Tests.Captures;

/// <summary>
/// A capture with its session's keys recomputed from the password alone: the dialect, signing
/// algorithm and cipher that the NEGOTIATE exchange settled, the 3.1.1 preauth integrity hash over
/// the exchanges before the final SESSION_SETUP response, and the client's SessionKeys (3.2.5.3.1).
/// </summary>
public sealed class CaptureSession
{
    private CaptureSession(Capture capture, string password)
    {
        Capture = capture;
        var negotiateResponse = (NegotiateResponse)Smb2MessageCatalog.Read(FirstSlice(capture.Frames.First(frame => !frame.FromClient))).Unwrap().Body;
        Dialect = negotiateResponse.DialectRevision;
        var signing = negotiateResponse.NegotiateContexts.OfType<SigningCapabilities>().SingleOrDefault();
        SigningAlgorithm = SigningAlgorithmExtensions.ForDialect(Dialect, signing?.SigningAlgorithms.Single());
        Cipher = negotiateResponse.NegotiateContexts.OfType<EncryptionCapabilities>().SingleOrDefault()?.Ciphers.Single()
            ?? Cipher.Aes128Ccm;

        PreauthIntegrityHash = PreauthIntegrityHash.Initial;
        foreach (var frame in capture.Frames)
        {
            var header = FirstSlice(frame).Header;
            if (header is { Command: Smb2Command.SessionSetup, IsResponse: true, Status: NtStatus.Success })
            {
                break;
            }
            if (PreauthIntegrityHash.Covers(header))
            {
                PreauthIntegrityHash = PreauthIntegrityHash.Update(frame.Bytes);
            }
        }
        var exportedSessionKey = CaptureAuthentication.ExportedSessionKey(capture.Name, password);
        Keys = SessionKeys.Derive(Dialect, Smb2Role.Client, exportedSessionKey, PreauthIntegrityHash.Value, Cipher);
    }

    public Capture Capture { get; }
    public Dialect Dialect { get; }
    public SigningAlgorithm SigningAlgorithm { get; }
    public Cipher Cipher { get; }
    public PreauthIntegrityHash PreauthIntegrityHash { get; }
    public SessionKeys Keys { get; }

    public static CaptureSession Open(string name) => new(Capture.Load(name), Capture.Password);

    /// <summary>The frame's SMB2 packet: the frame itself, or for a transform frame its decrypted message.</summary>
    public byte[] PlainPacket(CaptureFrame frame) =>
        IsTransform(frame)
            ? MessageEncryption.Decrypt(Cipher, frame.FromClient ? Keys.EncryptionKey : Keys.DecryptionKey, frame.Bytes).Unwrap().Message
            : frame.Bytes;

    public static bool IsTransform(CaptureFrame frame) => frame.Bytes[0] == 0xFD;

    private static MessageSlice FirstSlice(CaptureFrame frame) =>
        IsTransform(frame)
            ? new MessageSlice(new Smb2Header { Command = (Smb2Command)0xFFFF }, frame.Bytes, 0)
            : Smb2Compound.Split(frame.Bytes).Unwrap()[0];
}
