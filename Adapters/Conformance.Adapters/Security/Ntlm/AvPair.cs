using System.Text;

namespace Conformance.Adapters.Security.Ntlm;

/// <summary>One AV_PAIR (MS-NLMP 2.2.2.1): AvId, AvLen (the value's length) and Value.</summary>
public sealed record AvPair(AvId Id, ReadOnlyMemory<byte> Value)
{
    public static AvPair FromString(AvId id, string value) => new(id, Encoding.Unicode.GetBytes(value));

    /// <summary>The value as UTF-16LE, as the name-valued AvIds carry it.</summary>
    public string ValueAsString => Encoding.Unicode.GetString(Value.Span);

    public override string ToString() => $"{Id} ({Value.Length} bytes)";
}
