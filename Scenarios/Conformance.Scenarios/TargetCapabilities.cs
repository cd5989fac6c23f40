using Conformance.Adapters.Wire;
using Conformance.Adapters.Wire.Messages;
using Conformance.Adapters.Wire.NegotiateContexts;

namespace Conformance.Scenarios;

/// <summary>What the capability probe learned of the target, for applicability checks.</summary>
public sealed record TargetCapabilities
{
    /// <summary>Dialects the target accepted when offered alone.</summary>
    public required IReadOnlySet<Dialect> Dialects { get; init; }

    /// <summary>Capabilities the target announced, per dialect.</summary>
    public required IReadOnlyDictionary<Dialect, GlobalCapabilities> Capabilities { get; init; }

    public required Guid ServerGuid { get; init; }

    /// <summary>3.1.1 ciphers the target chose when each was offered alone.</summary>
    public required IReadOnlySet<Cipher> Ciphers { get; init; }

    /// <summary>3.1.1 signing algorithms the target chose when each was offered alone.</summary>
    public required IReadOnlySet<SigningAlgorithm> SigningAlgorithms { get; init; }

    public Dialect HighestDialect => Dialects.Count == 0 ? Dialect.Smb202 : Dialects.Max();

    public override string ToString() =>
        $"dialects [{string.Join(", ", Dialects.Order().Select(dialect => dialect.ToDisplayString()))}], " +
        $"ciphers [{string.Join(", ", Ciphers.Order())}], signing [{string.Join(", ", SigningAlgorithms.Order())}], ServerGuid {ServerGuid}";
}
