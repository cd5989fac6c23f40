namespace Conformance.Adapters.Security;

/// <summary>
/// One-shot encryption and decryption of transformed messages with a key given per call; each
/// call keys a <see cref="MessageCipher"/>, which holds the rules (keep one for many messages).
/// </summary>
public static class MessageEncryption
{
    public static int TransformedLength(int messageLength) => MessageCipher.TransformedLength(messageLength);

    /// <summary>Encrypts with a fresh random nonce (the Nonce field's unused bytes stay zero).</summary>
    public static byte[] Encrypt(EncryptionAlgorithm cipher, ReadOnlySpan<byte> key, ulong sessionId, ReadOnlySpan<byte> message)
    {
        Span<byte> nonce = stackalloc byte[16];
        MessageCipher.NewNonce(cipher, nonce);
        return Encrypt(cipher, key, sessionId, nonce, message);
    }

    /// <summary>Encrypts with the given Nonce field (11/12 to 16 bytes) for known answers and re-encryption.</summary>
    public static byte[] Encrypt(EncryptionAlgorithm cipher, ReadOnlySpan<byte> key, ulong sessionId, ReadOnlySpan<byte> nonce, ReadOnlySpan<byte> message)
    {
        var transformed = new byte[TransformedLength(message.Length)];
        Encrypt(cipher, key, sessionId, nonce, message, transformed);
        return transformed;
    }

    public static void Encrypt(EncryptionAlgorithm cipher, ReadOnlySpan<byte> key, ulong sessionId, ReadOnlySpan<byte> nonce, ReadOnlySpan<byte> message, Span<byte> destination)
    {
        using var aead = new MessageCipher(cipher, key);
        aead.Encrypt(sessionId, nonce, message, destination);
    }

    /// <summary>Validates the TRANSFORM_HEADER, then decrypts and authenticates the message; never throws on bad input.</summary>
    public static DecryptResult Decrypt(EncryptionAlgorithm cipher, ReadOnlySpan<byte> key, ReadOnlySpan<byte> transformedMessage)
    {
        using var aead = new MessageCipher(cipher, key);
        return aead.Decrypt(transformedMessage);
    }

    /// <summary>Decrypts into <paramref name="destination"/>; null on success.</summary>
    public static DecryptError? Decrypt(EncryptionAlgorithm cipher, ReadOnlySpan<byte> key, ReadOnlySpan<byte> transformedMessage, Span<byte> destination)
    {
        using var aead = new MessageCipher(cipher, key);
        return aead.Decrypt(transformedMessage, destination);
    }
}
