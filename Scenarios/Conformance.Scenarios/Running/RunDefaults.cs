using Conformance.Adapters.Client;
using Conformance.Adapters.Transport;

namespace Conformance.Scenarios.Running;

/// <summary>What every run (the suite's, the bench's) gives its scenarios.</summary>
public static class RunDefaults
{
    /// <summary>A scenario still running after this long ends Failed, with every frame it exchanged.</summary>
    public static readonly TimeSpan ScenarioBound = TimeSpan.FromSeconds(60);

    public static ConnectionOptions ConnectionOptions { get; } = new()
    {
        Transport = TransportOptions.Default with { Timeouts = TransportTimeouts.Default with { Connect = TimeSpan.FromSeconds(5), Receive = TimeSpan.FromSeconds(10) } },
        ResponseTimeout = TimeSpan.FromSeconds(10),
    };
}
