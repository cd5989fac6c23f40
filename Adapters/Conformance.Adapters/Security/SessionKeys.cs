using Conformance.Adapters.Wire;
using Conformance.Adapters.Wire.NegotiateContexts;

namespace Conformance.Adapters.Security;

/// <summary>
/// The keys of an authenticated session as one side holds them (client: MS-SMB2 3.2.5.3.1,
/// server: 3.3.5.5.3): <see cref="EncryptionKey"/> protects what this side sends and
/// <see cref="DecryptionKey"/> what it receives, so a client's EncryptionKey is the server's
/// DecryptionKey. For 2.0.2 and 2.1 the session key signs directly, there is no encryption
/// (both cipher keys are empty) and the application key is the session key (3.2.4.x "return
/// Session.SessionKey" for dialects other than 3.x).
/// </summary>
public sealed record SessionKeys(byte[] SessionKey, byte[] SigningKey, byte[] EncryptionKey, byte[] DecryptionKey, byte[] ApplicationKey)
{
    public const int SessionKeyLength = 16;

    /// <summary>
    /// Derives the session's keys (3.1.4.2 with the labels and contexts of 3.2.5.3.1 / 3.3.5.5.3).
    /// </summary>
    /// <param name="cryptographicKey">The key queried from the GSS context (for NTLM the exported session key).
    /// Session.SessionKey is its first 16 bytes, right-padded with zeros; the whole key is
    /// Session.FullSessionKey.</param>
    /// <param name="preauthIntegrityHashValue">3.1.1 only: the session's final preauth integrity hash (64 bytes), the KDF context.</param>
    /// <param name="cipher">3.1.1 only: Connection.CipherId. With AES-256-CCM/GCM the encryption and decryption
    /// keys are 256 bits (L = 256) derived from Session.FullSessionKey (current MS-SMB2 3.1.4.2 and 3.2.5.3.1).
    /// Signing and application keys stay 128-bit keys derived from Session.SessionKey (Channel.SigningKey is "a
    /// 128-bit key", 3.2.1.8).</param>
    public static SessionKeys Derive(Dialect dialect, Smb2Role role, ReadOnlySpan<byte> cryptographicKey,
        ReadOnlySpan<byte> preauthIntegrityHashValue = default, Cipher cipher = Cipher.Aes128Ccm)
    {
        var sessionKey = new byte[SessionKeyLength];
        cryptographicKey[..Math.Min(cryptographicKey.Length, SessionKeyLength)].CopyTo(sessionKey);

        switch (dialect)
        {
            case Dialect.Smb202 or Dialect.Smb210:
                return new SessionKeys(sessionKey, sessionKey, [], [], sessionKey);

            case Dialect.Smb300 or Dialect.Smb302:
            {
                var signing = Sp800108Kdf.DeriveKey(sessionKey, "SMB2AESCMAC\0"u8, "SmbSign\0"u8, 128);
                var clientToServer = Sp800108Kdf.DeriveKey(sessionKey, "SMB2AESCCM\0"u8, "ServerIn \0"u8, 128);
                var serverToClient = Sp800108Kdf.DeriveKey(sessionKey, "SMB2AESCCM\0"u8, "ServerOut\0"u8, 128);
                var application = Sp800108Kdf.DeriveKey(sessionKey, "SMB2APP\0"u8, "SmbRpc\0"u8, 128);
                return Assemble(role, sessionKey, signing, clientToServer, serverToClient, application);
            }

            case Dialect.Smb311:
            {
                if (preauthIntegrityHashValue.Length != PreauthIntegrityHash.Size)
                {
                    throw new ArgumentException($"3.1.1 keys need the {PreauthIntegrityHash.Size}-byte preauth integrity hash, got {preauthIntegrityHashValue.Length} bytes", nameof(preauthIntegrityHashValue));
                }
                var context = preauthIntegrityHashValue;
                var signing = Sp800108Kdf.DeriveKey(sessionKey, "SMBSigningKey\0"u8, context, 128);
                var application = Sp800108Kdf.DeriveKey(sessionKey, "SMBAppKey\0"u8, context, 128);
                ReadOnlySpan<byte> cipherKeySource = cipher.IsAes256() && cryptographicKey.Length > SessionKeyLength ? cryptographicKey : sessionKey;
                var cipherKeyBits = cipher.KeySize() * 8;
                var clientToServer = Sp800108Kdf.DeriveKey(cipherKeySource, "SMBC2SCipherKey\0"u8, context, cipherKeyBits);
                var serverToClient = Sp800108Kdf.DeriveKey(cipherKeySource, "SMBS2CCipherKey\0"u8, context, cipherKeyBits);
                return Assemble(role, sessionKey, signing, clientToServer, serverToClient, application);
            }

            default:
                throw new ArgumentOutOfRangeException(nameof(dialect), dialect, "keys are derived for a negotiated dialect (2.0.2 to 3.1.1)");
        }
    }

    private static SessionKeys Assemble(Smb2Role role, byte[] sessionKey, byte[] signing, byte[] clientToServer, byte[] serverToClient, byte[] application) =>
        role == Smb2Role.Client
            ? new SessionKeys(sessionKey, signing, clientToServer, serverToClient, application)
            : new SessionKeys(sessionKey, signing, serverToClient, clientToServer, application);

    public override string ToString() =>
        $"SessionKey={Convert.ToHexString(SessionKey)} SigningKey={Convert.ToHexString(SigningKey)} " +
        $"EncryptionKey={Convert.ToHexString(EncryptionKey)} DecryptionKey={Convert.ToHexString(DecryptionKey)} " +
        $"ApplicationKey={Convert.ToHexString(ApplicationKey)}";
}
