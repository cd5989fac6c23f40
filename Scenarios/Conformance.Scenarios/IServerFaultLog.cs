namespace Conformance.Scenarios;

/// <summary>
/// The failures of a server the run started itself (the built-in reference server's handlers that
/// threw), by the client end point whose request failed, so a scenario that met one is known broken.
/// </summary>
public interface IServerFaultLog
{
    /// <summary>The failures met by requests from <paramref name="clientEndPoints"/> (address:port as the client bound them).</summary>
    IReadOnlyList<string> FaultsOf(IReadOnlyCollection<string> clientEndPoints);
}
