namespace Conformance.Robustness.Fuzzing;

/// <summary>A server bug the fuzzer met, with the frame that met it (hex, as bound to its session, before any encryption).</summary>
public sealed record FuzzFinding(FindingKind Kind, string Detail, string Seed, IReadOnlyList<Mutation> Mutations, string FrameHex, bool Encrypted)
{
    /// <summary>Findings with the same key are one bug met again.</summary>
    public string Key => $"{Kind}: {Detail.Split('\n')[0]}";

    public override string ToString() =>
        $"{Kind}: {Detail.Split('\n')[0]}\n    seed {Seed}; {string.Join("; ", Mutations)}{(Encrypted ? "; encrypted" : "")}\n    frame {FrameHex}";
}
