using System.Diagnostics.CodeAnalysis;
using Conformance.Adapters.Wire;

namespace Conformance.Adapters.Security;

/// <summary>A decrypted message: the TRANSFORM_HEADER it came in and the SMB2 message (or compound) it held.</summary>
public sealed record DecryptedMessage(TransformHeader Header, byte[] Message);

/// <summary>Either a <see cref="DecryptedMessage"/> or the <see cref="DecryptError"/> that prevented it; never an exception.</summary>
public readonly struct DecryptResult
{
    private DecryptResult(DecryptedMessage? value, DecryptError? error)
    {
        Value = value;
        Error = error;
    }

    public DecryptedMessage? Value { get; }
    public DecryptError? Error { get; }

    [MemberNotNullWhen(true, nameof(Value))]
    [MemberNotNullWhen(false, nameof(Error))]
    public bool IsSuccess => Error is null;

    public static implicit operator DecryptResult(DecryptedMessage value) => new(value, null);
    public static implicit operator DecryptResult(DecryptError error) => new(null, error);

    /// <summary>The value, or a <see cref="DecodeException"/> carrying the error's detail.</summary>
    public DecryptedMessage Unwrap() => IsSuccess ? Value : throw new DecodeException(Error.Detail);

    public override string ToString() => IsSuccess ? Value.Header.ToString() : Error.ToString();
}
