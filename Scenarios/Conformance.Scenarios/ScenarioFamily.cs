namespace Conformance.Scenarios;

/// <summary>The families of scenarios; each is also a test category.</summary>
public static class ScenarioFamily
{
    public const string Negotiate = "negotiate";
    public const string SessionBinding = "session-binding";
    public const string DurableReconnect = "durable-reconnect";
    public const string Replay = "replay";
    public const string LeaseEpochs = "lease-epochs";
    public const string Oplocks = "oplocks";

    /// <summary>Requests that go async (3.3.4.2) and SMB2 CANCEL (3.3.5.16).</summary>
    public const string Async = "async";

    public const string NetBios = "netbios";
}
