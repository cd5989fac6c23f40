namespace Conformance.Reports.Model;

/// <summary>
/// The server a run was made against, as configured and as the capability probe found it.
/// <see cref="Label"/> names the target in reports and expectations (e.g. "samba-4.17").
/// </summary>
public sealed record TargetIdentity
{
    public required string Label { get; init; }
    public required string Name { get; init; }
    public string Host { get; init; } = "";
    public int Port { get; init; }
    public string Share { get; init; } = "";
    public bool IsReferenceServer { get; init; }
    public IReadOnlyList<string> Dialects { get; init; } = [];
    public string? HighestDialect { get; init; }
    public IReadOnlyList<string> Ciphers { get; init; } = [];
    public IReadOnlyList<string> SigningAlgorithms { get; init; } = [];
    public string? ServerGuid { get; init; }

    /// <summary>Capabilities announced per dialect ("3.1.1" → "Dfs, Leasing, ...").</summary>
    public IReadOnlyDictionary<string, string> Capabilities { get; init; } = new Dictionary<string, string>();
}
