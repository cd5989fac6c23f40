namespace Conformance.Adapters.Wire.NegotiateContexts;

/// <summary>A negotiate context whose type the codec does not model (or any bytes a scenario wants under a type).</summary>
public sealed class RawNegotiateContext(NegotiateContextType contextType, ReadOnlyMemory<byte> data) : NegotiateContext(contextType)
{
    public ReadOnlyMemory<byte> Data { get; set; } = data;

    protected internal override int FieldsSize => Data.Length;

    protected override void WriteFields(Span<byte> destination) => Data.Span.CopyTo(destination);

    public override string ToString() => $"context 0x{(ushort)ContextType:X4}, {Data.Length} bytes";
}
