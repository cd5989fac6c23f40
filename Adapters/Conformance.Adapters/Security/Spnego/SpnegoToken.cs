using Conformance.Adapters.Wire;

namespace Conformance.Adapters.Security.Spnego;

/// <summary>
/// A SPNEGO NegotiationToken (RFC 4178 4.2): negTokenInit [0] or negTokenResp [1]; an initial token
/// comes wrapped in the GSS InitialContextToken framing (RFC 2743 3.1).
/// </summary>
public abstract class SpnegoToken
{
    public abstract byte[] ToArray();

    /// <summary>Reads a security buffer: a GSS-wrapped or bare NegTokenInit, or a NegTokenResp.</summary>
    public static DecodeResult<SpnegoToken> Read(ReadOnlyMemory<byte> token)
    {
        if (token.IsEmpty)
        {
            return new DecodeError("NegotiationToken", "(token)", "RFC 4178 4.2", "empty token");
        }
        return token.Span[0] switch
        {
            Der.Application0 or 0xA0 => NegTokenInit.Read(token).Map(init => (SpnegoToken)init),
            0xA1 => NegTokenResp.Read(token).Map(resp => (SpnegoToken)resp),
            var tag => new DecodeError("NegotiationToken", "(choice)", "RFC 4178 4.2", $"tag 0x{tag:X2} is neither [APPLICATION 0], negTokenInit [0] nor negTokenResp [1]", 0),
        };
    }
}
