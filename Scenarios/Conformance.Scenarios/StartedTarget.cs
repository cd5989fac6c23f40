namespace Conformance.Scenarios;

/// <summary>A server the run started itself, and how to reach it; disposing it stops the server.</summary>
public sealed record StartedTarget(TargetSettings Settings, IAsyncDisposable Server);
