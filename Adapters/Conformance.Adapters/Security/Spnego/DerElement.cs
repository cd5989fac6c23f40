namespace Conformance.Adapters.Security.Spnego;

/// <summary>
/// One DER TLV read from a token: its tag, where it starts (<see cref="Offset"/>, counted in the
/// whole token), its content, and the offset of the byte after it.
/// </summary>
public readonly record struct DerElement(byte Tag, int Offset, int ContentOffset, ReadOnlyMemory<byte> Content)
{
    public int End => ContentOffset + Content.Length;
}
