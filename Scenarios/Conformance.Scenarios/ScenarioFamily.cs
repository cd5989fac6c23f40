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
    public const string NetBios = "netbios";
}
