namespace Conformance.Scenarios;

/// <summary>
/// The server under test failed in itself while the scenario ran (the reference server answered
/// STATUS_INTERNAL_ERROR because a handler threw): whatever the scenario observed, it proves nothing,
/// and its verdict is broken.
/// </summary>
public sealed class ServerFaultException(IReadOnlyList<string> faults, Exception? observed = null)
    : Exception($"the server failed in itself while the scenario ran, so its answers prove nothing:{Environment.NewLine}  {string.Join(Environment.NewLine + "  ", faults)}", observed)
{
    public IReadOnlyList<string> Faults { get; } = faults;
}
