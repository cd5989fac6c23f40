using Conformance.Adapters.Client;

namespace Conformance.Scenarios.Running;

/// <summary>
/// What the scenarios of one run share: the target and its probed capabilities, the run's scratch
/// directory and the subdirectories made in it, where profile scenarios run, the failures of the
/// servers the run started, and the scheduler that admits scenarios side by side.
/// </summary>
public sealed record RunEnvironment(TargetSettings Target, TargetCapabilities Capabilities, string ScratchDirectory, ConnectionOptions ConnectionOptions,
    IProfileTargets Profiles, IServerFaultLog? ServerFaults, ScenarioScheduler Scheduler, ScenarioDirectories Directories);
