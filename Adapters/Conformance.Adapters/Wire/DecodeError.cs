namespace Conformance.Adapters.Wire;

/// <summary>
/// Why a received message could not be read: the message, the field at fault, the clause that
/// defines it, and where in the message slice it stands. Decoding never throws on bad input;
/// it returns one of these.
/// </summary>
public sealed record DecodeError(string MessageName, string Field, string Clause, string Problem, int Offset = -1)
{
    public override string ToString() =>
        Offset >= 0
            ? $"{Clause} {MessageName}: {Field} at offset {Offset}: {Problem}"
            : $"{Clause} {MessageName}: {Field}: {Problem}";
}

/// <summary>Thrown only by <see cref="DecodeResult{T}.Unwrap"/>, when a caller chose to treat a decode error as fatal.</summary>
public sealed class DecodeException(DecodeError error) : Exception(error.ToString())
{
    public DecodeError Error { get; } = error;
}
