using System.Buffers.Binary;
using Conformance.Adapters.Security.Ntlm;
using Conformance.Adapters.Security.Spnego;
using Conformance.Adapters.Tests.Captures;
using Conformance.Adapters.Wire;

namespace Conformance.Adapters.Tests.Security;

/// <summary>
/// The authentication of a real capture: the SPNEGO tokens of its NEGOTIATE response and its two
/// SESSION_SETUP round trips, and the NTLM messages inside them. Security buffers are located by
/// hand (NEGOTIATE response body offsets 56/58, SESSION_SETUP request 12/14, response 4/6; MS-SMB2
/// 2.2.4, 2.2.5, 2.2.6) so this does not depend on the message codecs.
/// </summary>
public sealed class CaptureAuthentication
{
    private CaptureAuthentication(Capture capture)
    {
        Capture = capture;
        var negotiateResponse = capture.Frames.First(frame => !frame.FromClient && Command(frame) == Smb2Command.Negotiate);
        var setups = capture.Frames.Where(frame => Command(frame) == Smb2Command.SessionSetup).ToList();
        var requests = setups.Where(frame => frame.FromClient).ToList();
        var responses = setups.Where(frame => !frame.FromClient).ToList();

        ServerNegTokenInit = NegTokenInit.Read(SecurityBuffer(negotiateResponse.Bytes, 56)).Unwrap();
        ClientNegTokenInit = NegTokenInit.Read(SecurityBuffer(requests[0].Bytes, 12)).Unwrap();
        ChallengeToken = NegTokenResp.Read(SecurityBuffer(responses[0].Bytes, 4)).Unwrap();
        AuthenticateToken = NegTokenResp.Read(SecurityBuffer(requests[1].Bytes, 12)).Unwrap();
        FinalToken = NegTokenResp.Read(SecurityBuffer(responses[1].Bytes, 4)).Unwrap();
        FinalResponseStatus = BinaryPrimitives.ReadUInt32LittleEndian(responses[1].Bytes.AsSpan(8));
    }

    public Capture Capture { get; }
    public NegTokenInit ServerNegTokenInit { get; }
    public NegTokenInit ClientNegTokenInit { get; }
    public NegTokenResp ChallengeToken { get; }
    public NegTokenResp AuthenticateToken { get; }
    public NegTokenResp FinalToken { get; }
    public uint FinalResponseStatus { get; }

    public ReadOnlyMemory<byte> Negotiate => ClientNegTokenInit.MechToken!.Value;
    public ReadOnlyMemory<byte> Challenge => ChallengeToken.ResponseToken!.Value;
    public ReadOnlyMemory<byte> Authenticate => AuthenticateToken.ResponseToken!.Value;

    public static CaptureAuthentication Load(string captureName) => new(Capture.Load(captureName));

    /// <summary>
    /// The exported session key of a capture's NTLM authentication (from the capture's password
    /// unless told otherwise), for signing and encryption key derivation; throws when the password
    /// does not verify.
    /// </summary>
    public static byte[] ExportedSessionKey(string captureName, string password = Capture.Password)
    {
        var authentication = Load(captureName);
        var result = new NtlmServer([new NtlmCredential(null, Capture.User, password)])
            .Verify(authentication.Negotiate, authentication.Challenge, authentication.Authenticate);
        return result.IsSuccess && result.ExportedSessionKey is not null
            ? result.ExportedSessionKey
            : throw new InvalidOperationException($"{captureName}: {result}");
    }

    private static Smb2Command Command(CaptureFrame frame) => (Smb2Command)BinaryPrimitives.ReadUInt16LittleEndian(frame.Bytes.AsSpan(12));

    private static ReadOnlyMemory<byte> SecurityBuffer(byte[] message, int bodyOffsetOfOffsetField)
    {
        var offset = BinaryPrimitives.ReadUInt16LittleEndian(message.AsSpan(Smb2Header.Size + bodyOffsetOfOffsetField));
        var length = BinaryPrimitives.ReadUInt16LittleEndian(message.AsSpan(Smb2Header.Size + bodyOffsetOfOffsetField + 2));
        return message.AsMemory(offset, length);
    }

    public override string ToString() => Capture.Name;
}
