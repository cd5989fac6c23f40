using System.Security.Cryptography;
using Conformance.Adapters.Security.Ntlm;

namespace Conformance.Adapters.Security.Spnego;

/// <summary>
/// The mechListMIC when NTLM is the negotiated mechanism (RFC 4178 5, MS-SPNG 3.1.5.1): the NTLM
/// signature (MS-NLMP 3.4.4.2) of the DER MechTypeList the initiator sent, made with the sender's
/// signing and sealing keys at sequence number 0: client-to-server keys for the client's MIC,
/// server-to-client keys for the server's.
/// </summary>
public static class SpnegoMechListMic
{
    public static byte[] Compute(ReadOnlySpan<byte> exportedSessionKey, NegotiateFlags flags, bool fromClient, ReadOnlySpan<byte> mechTypeList) =>
        NtlmSignature.ComputeFirst(exportedSessionKey, flags, fromClient, mechTypeList);

    public static bool Verify(ReadOnlySpan<byte> exportedSessionKey, NegotiateFlags flags, bool fromClient, ReadOnlySpan<byte> mechTypeList, ReadOnlySpan<byte> mechListMic) =>
        CryptographicOperations.FixedTimeEquals(Compute(exportedSessionKey, flags, fromClient, mechTypeList), mechListMic);
}
