namespace Conformance.Robustness.Fuzzing;

/// <summary>A well-formed request packet (one SMB2 message or a compound) the mutations start from, and where it came from.</summary>
public sealed record SeedFrame(string Source, byte[] Packet)
{
    public override string ToString() => $"{Source} ({Packet.Length} B)";
}
