using Conformance.Adapters.Wire;
using Conformance.Reports.Model;
using Conformance.Scenarios;

namespace Conformance.TestSuite.Results;

/// <summary>The identity of a run's target: its settings and what the probe found.</summary>
public static class TargetIdentities
{
    /// <summary>"reference" for the built-in server, "host-port" otherwise (CONFORMANCE_TARGET_LABEL overrides it).</summary>
    public static string DefaultLabel(TargetSettings target) => target.IsReferenceServer ? "reference" : $"{target.Host}-{target.Port}";

    public static TargetIdentity Of(string label, TargetSettings target, TargetCapabilities capabilities) => new()
    {
        Label = label,
        Name = target.Name,
        Host = target.Host,
        Port = target.Port,
        Share = target.Share,
        IsReferenceServer = target.IsReferenceServer,
        Dialects = capabilities.Dialects.Order().Select(dialect => dialect.ToDisplayString()).ToList(),
        HighestDialect = capabilities.HighestDialect.ToDisplayString(),
        Ciphers = capabilities.Ciphers.Order().Select(cipher => cipher.ToString()).ToList(),
        SigningAlgorithms = capabilities.SigningAlgorithms.Order().Select(algorithm => algorithm.ToString()).ToList(),
        ServerGuid = capabilities.ServerGuid.ToString(),
        Capabilities = capabilities.Capabilities.OrderBy(pair => pair.Key).ToDictionary(pair => pair.Key.ToDisplayString(), pair => pair.Value.ToString()),
    };
}
