namespace Conformance.Adapters.Wire.CreateContexts;

/// <summary>A create context kept as its name and data octets: one the codec does not model, or anything a scenario wants to send.</summary>
public sealed class RawCreateContext(ReadOnlyMemory<byte> name, ReadOnlyMemory<byte> data) : CreateContext
{
    public override ReadOnlyMemory<byte> Name { get; } = name;
    public ReadOnlyMemory<byte> Data { get; } = data;
    public override int DataSize => Data.Length;

    protected override void WriteData(Span<byte> destination) => Data.Span.CopyTo(destination);
}
