namespace Conformance.Robustness.Fuzzing;

/// <summary>The ways the fuzzer changes a well-formed request before sending it.</summary>
public enum MutationKind
{
    /// <summary>1 to 4 bytes anywhere set to random values.</summary>
    ByteFlip,

    /// <summary>One bit anywhere inverted.</summary>
    BitFlip,

    /// <summary>An aligned 2- or 4-byte field of a body (a length, an offset, a count) set to a boundary value.</summary>
    LengthOrOffset,

    /// <summary>A field of an SMB2 header (StructureSize, CreditCharge, Command, Flags, NextCommand, ids) set to a boundary value.</summary>
    HeaderField,

    /// <summary>The packet cut short, in a header or a body.</summary>
    Truncate,

    /// <summary>Bytes appended after the last message.</summary>
    Extend,

    /// <summary>A compound's NextCommand pointed inside a header, past the end, off the 8-byte alignment, or at 0.</summary>
    NextCommand,

    /// <summary>Two seeds joined into one compound, related or not.</summary>
    Compound,

    /// <summary>A TRANSFORM_HEADER field (OriginalMessageSize, Flags, SessionId, Nonce, Signature) changed after encryption.</summary>
    TransformHeader,

    /// <summary>The encrypted payload changed, cut short or extended after encryption.</summary>
    Ciphertext,
}
