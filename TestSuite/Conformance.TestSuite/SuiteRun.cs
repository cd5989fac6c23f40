using Conformance.Adapters.Client;
using Conformance.Scenarios;

namespace Conformance.TestSuite;

/// <summary>What every scenario of this run shares: the target, its probed capabilities, the scratch directory.</summary>
public sealed record SuiteRun(TargetSettings Target, TargetCapabilities Capabilities, string ScratchDirectory, ConnectionOptions ConnectionOptions);
