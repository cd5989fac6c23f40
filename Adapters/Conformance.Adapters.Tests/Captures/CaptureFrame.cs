namespace Conformance.Adapters.Tests.Captures;

/// <summary>One Direct-TCP message of a capture (TestData/captures/*.frames.tsv).</summary>
public sealed record CaptureFrame(int Index, int PcapFrame, bool FromClient, byte[] Bytes)
{
    public override string ToString() => $"#{Index} (pcap frame {PcapFrame}, {(FromClient ? "c2s" : "s2c")}, {Bytes.Length} bytes)";
}
