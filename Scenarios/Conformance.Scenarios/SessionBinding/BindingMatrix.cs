using Conformance.Adapters.Client;
using Conformance.Adapters.Wire;
using Conformance.Adapters.Wire.NegotiateContexts;

namespace Conformance.Scenarios.SessionBinding;

/// <summary>One connection of a binding: its dialect and, at 3.1.1, the one signing algorithm and cipher it offers.</summary>
public sealed record BindingSide(Dialect Dialect, SigningAlgorithm Signing = SigningAlgorithm.AesCmac, Cipher? Cipher = null)
{
    public NegotiateOptions Options(Guid clientGuid) => Dialect == Dialect.Smb311
        ? new NegotiateOptions { Dialects = [Dialect], ClientGuid = clientGuid, SigningAlgorithms = [Signing], Ciphers = Cipher is { } cipher ? [cipher] : new NegotiateOptions().Ciphers }
        : new NegotiateOptions { Dialects = [Dialect], ClientGuid = clientGuid };

    public override string ToString() => Dialect == Dialect.Smb311
        ? $"3.1.1/{Signing}{(Cipher is { } cipher ? "/" + cipher : "")}"
        : Dialect.ToDisplayString();
}

/// <summary>A row of the binding matrix: the session's connection, the binding one, whether they share a ClientGuid, the status the spec gives and the statement that gives it.</summary>
public sealed record BindingRow(BindingSide Session, BindingSide Channel, bool SameClientGuid, uint Expected, string Requirement)
{
    public override string ToString() => $"{Session} -> {Channel}{(SameClientGuid ? "" : ", another ClientGuid")}";
}

/// <summary>
/// The binding matrix of 3.3.5.5 step 4 as data, pruned to one row per outcome class of each rule:
/// the dialect must match (INVALID_PARAMETER); a 2.x connection cannot bind (REQUEST_NOT_ACCEPTED);
/// at 3.1.1 an AES-GMAC channel cannot join another algorithm's session (NOT_SUPPORTED) nor another
/// algorithm an AES-GMAC session (REQUEST_OUT_OF_SEQUENCE), HMAC-SHA256 and AES-CMAC mix; the cipher
/// must match (INVALID_PARAMETER); the session is found in GlobalSessionTable whatever the ClientGuid.
/// </summary>
public static class BindingMatrix
{
    private static readonly Dialect[] Smb3Dialects = [Dialect.Smb300, Dialect.Smb302, Dialect.Smb311];
    private static readonly SigningAlgorithm[] Algorithms = [SigningAlgorithm.HmacSha256, SigningAlgorithm.AesCmac, SigningAlgorithm.AesGmac];
    private static readonly Cipher[] Ciphers = [Cipher.Aes128Ccm, Cipher.Aes128Gcm, Cipher.Aes256Ccm, Cipher.Aes256Gcm];

    /// <summary>A session at <paramref name="session"/> (AES-CMAC at 3.1.1) bound from each 3.x dialect, from 2.1, and from a 3.1.1 AES-GMAC connection.</summary>
    public static IReadOnlyList<BindingRow> Dialects(Dialect session) =>
    [
        .. Smb3Dialects.Select(channel => new BindingRow(new BindingSide(session), new BindingSide(channel), true,
            channel == session ? NtStatus.Success : NtStatus.InvalidParameter, channel == session ? "3.3.5.5#04" : "3.3.5.5#08")),
        new BindingRow(new BindingSide(session), new BindingSide(Dialect.Smb210), true, NtStatus.RequestNotAccepted, "3.3.5.5#17"),
        .. session == Dialect.Smb311 ? [] : new[] { new BindingRow(new BindingSide(session), new BindingSide(Dialect.Smb311, SigningAlgorithm.AesGmac), true, NtStatus.NotSupported, "3.3.5.5#N04") },
    ];

    /// <summary>A 3.1.1 session signing with <paramref name="session"/> bound from a 3.1.1 connection of each algorithm and from 3.0.2.</summary>
    public static IReadOnlyList<BindingRow> Signing(SigningAlgorithm session) =>
    [
        .. Algorithms.Select(channel => new BindingRow(new BindingSide(Dialect.Smb311, session), new BindingSide(Dialect.Smb311, channel), true,
            SigningOutcome(session, channel), (session == SigningAlgorithm.AesGmac) == (channel == SigningAlgorithm.AesGmac) ? "3.3.5.5#N05"
                : session == SigningAlgorithm.AesGmac ? "3.3.5.5#N05" : "3.3.5.5#N04")),
        new BindingRow(new BindingSide(Dialect.Smb311, session), new BindingSide(Dialect.Smb302), true,
            session == SigningAlgorithm.AesGmac ? NtStatus.RequestOutOfSequence : NtStatus.InvalidParameter, session == SigningAlgorithm.AesGmac ? "3.3.5.5#N05" : "3.3.5.5#08"),
    ];

    /// <summary>A 3.1.1 session encrypting with <paramref name="session"/> bound from a 3.1.1 connection of each cipher (both sign with AES-CMAC).</summary>
    public static IReadOnlyList<BindingRow> Encryption(Cipher session) =>
        [.. Ciphers.Select(channel => new BindingRow(new BindingSide(Dialect.Smb311, SigningAlgorithm.AesCmac, session), new BindingSide(Dialect.Smb311, SigningAlgorithm.AesCmac, channel), true,
            channel == session ? NtStatus.Success : NtStatus.InvalidParameter, "3.3.5.5#N06"))];

    /// <summary>A session at <paramref name="dialect"/> bound from a connection of the same or of another ClientGuid: 3.3.5.5 looks the session up in GlobalSessionTable, with no ClientGuid rule.</summary>
    public static IReadOnlyList<BindingRow> ClientGuid(Dialect dialect, bool same) =>
        [new BindingRow(new BindingSide(dialect), new BindingSide(dialect), same, NtStatus.Success, "3.3.5.5#05")];

    private static uint SigningOutcome(SigningAlgorithm session, SigningAlgorithm channel) =>
        (session == SigningAlgorithm.AesGmac, channel == SigningAlgorithm.AesGmac) switch
        {
            (false, true) => NtStatus.NotSupported,
            (true, false) => NtStatus.RequestOutOfSequence,
            _ => NtStatus.Success,
        };
}
