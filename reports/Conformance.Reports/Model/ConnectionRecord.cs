namespace Conformance.Reports.Model;

/// <summary>One connection a scenario opened (numbered from 1), its negotiated dialect and every frame it carried.</summary>
public sealed record ConnectionRecord(int Number, string Description, string? Dialect, IReadOnlyList<FrameRecord> Frames);
