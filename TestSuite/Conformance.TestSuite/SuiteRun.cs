using Conformance.Adapters.Client;
using Conformance.Scenarios;
using Conformance.TestSuite.Results;

namespace Conformance.TestSuite;

/// <summary>What every scenario of this run shares: the target, its probed capabilities, the scratch directory, the recorder of results, and where profile scenarios run.</summary>
public sealed record SuiteRun(TargetSettings Target, TargetCapabilities Capabilities, string ScratchDirectory, ConnectionOptions ConnectionOptions, RunRecorder Recorder, IProfileTargets Profiles);
