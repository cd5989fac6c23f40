namespace Conformance.Robustness.Fuzzing;

/// <summary>One change the fuzzer made, and where.</summary>
public sealed record Mutation(MutationKind Kind, string Detail)
{
    public override string ToString() => $"{Kind}: {Detail}";
}
