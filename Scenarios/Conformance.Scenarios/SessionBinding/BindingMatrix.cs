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

/// <summary>What the spec gives a row: its statuses (two where the text does not order the two checks that refuse it) and the statement behind them.</summary>
public sealed record BindingOutcome(string Requirement, params uint[] Statuses)
{
    public override string ToString() => $"{string.Join(" or ", Statuses.Select(NtStatus.Describe))} ({Requirement})";
}

/// <summary>A row of the binding matrix: the session's connection, the binding one, whether they share a ClientGuid, and what the spec gives.</summary>
public sealed record BindingRow(BindingSide Session, BindingSide Channel, bool SameClientGuid, BindingOutcome Outcome)
{
    public BindingRow(BindingSide session, BindingSide channel, bool sameClientGuid = true)
        : this(session, channel, sameClientGuid, BindingMatrix.Outcome(session, channel))
    {
    }

    public override string ToString() => $"{Session} -> {Channel}{(SameClientGuid ? "" : ", another ClientGuid")}";
}

/// <summary>
/// The binding matrix of 3.3.5.5 step 4 as data: every side a connection can take (2.1, 3.0, 3.0.2,
/// and at 3.1.1 each signing algorithm with each cipher) as the session's connection and as the
/// binding one, from the same ClientGuid or another, each row with the status <see cref="Outcome"/>
/// gives it.
/// </summary>
public static class BindingMatrix
{
    private static readonly SigningAlgorithm[] Algorithms = [SigningAlgorithm.HmacSha256, SigningAlgorithm.AesCmac, SigningAlgorithm.AesGmac];
    private static readonly Cipher[] Ciphers = [Cipher.Aes128Ccm, Cipher.Aes128Gcm, Cipher.Aes256Ccm, Cipher.Aes256Gcm];

    /// <summary>The 15 sides: 2.1, 3.0, 3.0.2, then 3.1.1 with each of 3 signing algorithms and 4 ciphers.</summary>
    public static IReadOnlyList<BindingSide> Sides { get; } =
    [
        new BindingSide(Dialect.Smb210),
        new BindingSide(Dialect.Smb300),
        new BindingSide(Dialect.Smb302),
        .. Algorithms.SelectMany(signing => Ciphers.Select(cipher => new BindingSide(Dialect.Smb311, signing, cipher))),
    ];

    /// <summary>The rows whose session side is at <paramref name="dialect"/> (and, at 3.1.1, signs with <paramref name="signing"/>), bound from every side.</summary>
    public static IReadOnlyList<BindingRow> Rows(Dialect dialect, SigningAlgorithm? signing, bool sameClientGuid) =>
    [
        .. from session in Sides
           where session.Dialect == dialect && (signing is null || session.Signing == signing)
           from channel in Sides
           select new BindingRow(session, channel, sameClientGuid),
    ];

    /// <summary>
    /// The status of binding a session of <paramref name="session"/> from a connection of <paramref name="channel"/>:
    /// a 2.x connection cannot bind (REQUEST_NOT_ACCEPTED, 3.3.5.5#17); the dialects must match
    /// (INVALID_PARAMETER), the first check of step 4 in our text and on the current page, so it comes
    /// before the 3.1.1 checks; at 3.1.1 an AES-GMAC channel cannot join a session of another algorithm
    /// (NOT_SUPPORTED) nor another algorithm an AES-GMAC session (REQUEST_OUT_OF_SEQUENCE), HMAC-SHA256
    /// and AES-CMAC mix, and the cipher must match (INVALID_PARAMETER). The page we can read does not
    /// order the signing check and the cipher check, so a row failing both may get either status.
    /// The ClientGuid plays no part: the session is looked up in GlobalSessionTable.
    /// </summary>
    public static BindingOutcome Outcome(BindingSide session, BindingSide channel)
    {
        if (channel.Dialect is Dialect.Smb202 or Dialect.Smb210)
        {
            return new BindingOutcome("3.3.5.5#17", NtStatus.RequestNotAccepted);
        }
        if (session.Dialect != channel.Dialect)
        {
            return new BindingOutcome("3.3.5.5#08", NtStatus.InvalidParameter);
        }
        if (channel.Dialect != Dialect.Smb311)
        {
            return new BindingOutcome("3.3.5.5#04", NtStatus.Success);
        }
        var signing = SigningConflict(session.Signing, channel.Signing);
        var cipherDiffers = session.Cipher != channel.Cipher;
        return (signing, cipherDiffers) switch
        {
            ({ } conflict, true) => new BindingOutcome(conflict.Requirement, conflict.Statuses[0], NtStatus.InvalidParameter),
            ({ } conflict, false) => conflict,
            (null, true) => new BindingOutcome("3.3.5.5#N06", NtStatus.InvalidParameter),
            _ => new BindingOutcome("3.3.5.5#N05", NtStatus.Success),
        };
    }

    private static BindingOutcome? SigningConflict(SigningAlgorithm session, SigningAlgorithm channel) =>
        (session == SigningAlgorithm.AesGmac, channel == SigningAlgorithm.AesGmac) switch
        {
            (false, true) => new BindingOutcome("3.3.5.5#N04", NtStatus.NotSupported),
            (true, false) => new BindingOutcome("3.3.5.5#N05", NtStatus.RequestOutOfSequence),
            _ => null,
        };
}
