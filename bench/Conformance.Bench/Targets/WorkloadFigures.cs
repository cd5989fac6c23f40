namespace Conformance.Bench.Targets;

/// <summary>What one target achieved on the bounded workload, and how it was connected.</summary>
public sealed record WorkloadFigures
{
    public required string Target { get; init; }

    /// <summary>Negotiated dialect, chunk sizes and protection, so a comparison is seen to be like for like.</summary>
    public required string Connection { get; init; }

    public required PhaseResult Echo { get; init; }
    public required PhaseResult Write { get; init; }
    public required PhaseResult Read { get; init; }
    public required PhaseResult CreateClose { get; init; }

    /// <summary>Of two runs against the same target, each phase's faster wall clock and its least CPU time per operation.</summary>
    public static WorkloadFigures Better(WorkloadFigures first, WorkloadFigures second) => first with
    {
        Echo = PhaseResult.Better(first.Echo, second.Echo),
        Write = PhaseResult.Better(first.Write, second.Write),
        Read = PhaseResult.Better(first.Read, second.Read),
        CreateClose = PhaseResult.Better(first.CreateClose, second.CreateClose),
    };
}
