using Conformance.Adapters.Client;
using Conformance.Scenarios;
using Conformance.TestSuite.Results;

namespace Conformance.TestSuite;

/// <summary>
/// What every scenario of this run shares: the target, its probed capabilities, the scratch directory,
/// the recorder of results, where profile scenarios run, and the failures of the servers the run started.
/// </summary>
public sealed record SuiteRun(TargetSettings Target, TargetCapabilities Capabilities, string ScratchDirectory, ConnectionOptions ConnectionOptions, RunRecorder Recorder, IProfileTargets Profiles,
    IServerFaultLog ServerFaults);
