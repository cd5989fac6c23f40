using System.Text.Json.Serialization;

namespace Conformance.Reports.Model;

/// <summary>
/// One recorded frame: its place in the connection, time, direction, whether it was written unframed
/// (raw, Direct TCP header included), a one-line summary of the SMB2 headers it carries, and its bytes in hex.
/// </summary>
public sealed record FrameRecord(long Sequence, DateTimeOffset Time, FrameDirection Direction, bool Unframed, string Summary, string Hex)
{
    [JsonIgnore]
    public int Length => Hex.Length / 2;
}
