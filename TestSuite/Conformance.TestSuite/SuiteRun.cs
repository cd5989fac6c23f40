using Conformance.Scenarios.Running;
using Conformance.TestSuite.Results;

namespace Conformance.TestSuite;

/// <summary>What every scenario of this run shares (<see cref="RunEnvironment"/>), and the recorder of its results.</summary>
public sealed record SuiteRun(RunEnvironment Environment, RunRecorder Recorder);
