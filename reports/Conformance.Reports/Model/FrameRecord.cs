using System.Text.Json.Serialization;

namespace Conformance.Reports.Model;

/// <summary>
/// One recorded frame: its place in the connection, time, direction, whether it was written unframed
/// (raw, Direct TCP header included), a one-line summary of the SMB2 headers it carries, and its bytes in hex
/// (only the first ones when the recorder cut a large frame: then <see cref="OriginalLength"/> is set).
/// </summary>
public sealed record FrameRecord(long Sequence, DateTimeOffset Time, FrameDirection Direction, bool Unframed, string Summary, string Hex)
{
    /// <summary>The frame's length on the wire when <see cref="Hex"/> holds only its first bytes; null when it holds them all.</summary>
    public int? OriginalLength { get; init; }

    [JsonIgnore]
    public int Length => OriginalLength ?? Hex.Length / 2;
}
