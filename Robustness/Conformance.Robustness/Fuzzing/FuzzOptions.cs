namespace Conformance.Robustness.Fuzzing;

/// <summary>How long and how hard one fuzz run goes; every bound is enforced.</summary>
public sealed record FuzzOptions
{
    /// <summary>The run stops at this wall time...</summary>
    public TimeSpan Duration { get; init; } = TimeSpan.FromMinutes(1);

    /// <summary>...or at this many executions (mutated frames sent), whichever comes first.</summary>
    public long MaxExecutions { get; init; } = long.MaxValue;

    /// <summary>The seed of every random choice: a run is replayed by its seed (worker i uses Seed + i).</summary>
    public int Seed { get; init; } = 1;

    /// <summary>Concurrent sessions, each with its own connection.</summary>
    public int Workers { get; init; } = 2;

    /// <summary>How long the ECHO sent after each frame may take before the server counts as hung (it may close the connection instead).</summary>
    public TimeSpan ProbeTimeout { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>One session in this many runs on the share that requires encryption, whose frames go in a TRANSFORM_HEADER.</summary>
    public int EncryptedSessionEvery { get; init; } = 4;

    /// <summary>A session is replaced after this many frames even when the server keeps it, so session setup and teardown are fuzzed around too.</summary>
    public int FramesPerSession { get; init; } = 2000;

    /// <summary>Growth of the managed heap (after a full collection, all sessions closed) above which the run reports unbounded memory growth.</summary>
    public long MaxHeapGrowthBytes { get; init; } = 256L * 1024 * 1024;

    /// <summary>The capture corpus (<c>*.frames.tsv</c>); null: the copy next to this assembly.</summary>
    public string? CaptureDirectory { get; init; }

    /// <summary>A directory of the suite's run files whose recorded request frames seed the fuzzer too; null: none.</summary>
    public string? RunFileDirectory { get; init; }

    /// <summary>Receives progress lines (about every 30 s); null is quiet.</summary>
    public Action<string>? Progress { get; init; }
}
