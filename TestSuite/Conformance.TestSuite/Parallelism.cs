using Conformance.Scenarios.Running;

// Enough test-framework workers for the most scenarios a run may let run at once; how many actually run
// at once is the run's Workers setting, which the ScenarioScheduler enforces (waiting workers are idle).
[assembly: LevelOfParallelism(ScenarioScheduler.MaxWorkers)]
