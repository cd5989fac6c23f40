namespace Conformance.Robustness.Load;

/// <summary>How many connections a load run opens, for how long, and its file sizes; every bound is enforced.</summary>
public sealed record LoadOptions
{
    public const int MaxConnections = 256;

    /// <summary>Concurrent connections, each with its own session (1 to <see cref="MaxConnections"/>).</summary>
    public int Connections { get; init => field = value is >= 1 and <= MaxConnections ? value : throw new ArgumentOutOfRangeException(nameof(Connections), value, $"must lie between 1 and {MaxConnections}"); } = 16;

    /// <summary>How long the mixed traffic runs before every file is read back.</summary>
    public TimeSpan Duration { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>Each connection's own files: how many, and the size their writes stay within.</summary>
    public int FilesPerConnection { get; init; } = 2;
    public int FileSize { get; init; } = 256 * 1024;

    /// <summary>Largest WRITE or READ.</summary>
    public int MaxIoSize { get; init; } = 64 * 1024;

    /// <summary>Connections per shared file: they open it with batch oplocks (so they break each other's) and each writes its own slot of it.</summary>
    public int ConnectionsPerSharedFile { get; init; } = 4;
    public int SharedSlotSize { get; init; } = 4096;

    /// <summary>How long any one request may take (an oplock break wait included) before it counts as an error.</summary>
    public TimeSpan RequestTimeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>Seed of every random choice (connection i uses Seed + i).</summary>
    public int Seed { get; init; } = 1;

    /// <summary>The server's oplock break acknowledgment timer; breaks are acknowledged well within it.</summary>
    public TimeSpan OplockBreakTimeout { get; init; } = TimeSpan.FromSeconds(35);
}
