using System.Diagnostics.CodeAnalysis;

namespace Conformance.Adapters.Wire;

/// <summary>Either a decoded value or the <see cref="DecodeError"/> that prevented it.</summary>
public readonly struct DecodeResult<T> where T : class
{
    private DecodeResult(T? value, DecodeError? error)
    {
        Value = value;
        Error = error;
    }

    public T? Value { get; }
    public DecodeError? Error { get; }

    [MemberNotNullWhen(true, nameof(Value))]
    [MemberNotNullWhen(false, nameof(Error))]
    public bool IsSuccess => Error is null;

    public static implicit operator DecodeResult<T>(T value) => new(value, null);
    public static implicit operator DecodeResult<T>(DecodeError error) => new(null, error);

    /// <summary>The value, or a <see cref="DecodeException"/> carrying the error.</summary>
    public T Unwrap() => IsSuccess ? Value : throw new DecodeException(Error);

    public DecodeResult<TOther> Map<TOther>(Func<T, TOther> map) where TOther : class =>
        IsSuccess ? map(Value) : Error;

    public override string ToString() => IsSuccess ? Value.ToString() ?? typeof(T).Name : Error.ToString();
}
