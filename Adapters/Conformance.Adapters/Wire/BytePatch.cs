namespace Conformance.Adapters.Wire;

/// <summary>
/// Bytes written over an encoded message after every computed field is in place, at
/// <see cref="Offset"/> from the start of the message's header: the last word on what goes on the wire.
/// </summary>
public sealed record BytePatch(int Offset, byte[] Bytes);
