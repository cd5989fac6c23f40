using Conformance.Adapters.Wire;

namespace Conformance.Adapters.Security;

/// <summary>Why a transformed message could not be decrypted.</summary>
public enum DecryptFailure
{
    /// <summary>The TRANSFORM_HEADER itself is not valid (2.2.41); nothing was decrypted.</summary>
    MalformedTransformHeader,

    /// <summary>The AEAD tag (the Signature field) does not match the header, nonce, ciphertext and key.</summary>
    AuthenticationFailed,
}

/// <summary>A decryption failure: its kind and the field and clause at fault.</summary>
public sealed record DecryptError(DecryptFailure Failure, DecodeError Detail)
{
    public override string ToString() => $"{Failure}: {Detail}";
}
