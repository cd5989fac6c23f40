namespace Conformance.ReferenceServer;

/// <summary>
/// A failure of the reference server itself (a handler that threw), answered STATUS_INTERNAL_ERROR:
/// never a protocol answer a scenario may count on. The suite reports a scenario that met one as broken.
/// </summary>
/// <param name="ClientEndPoint">The address and port of the client whose request failed, as the server saw it.</param>
public sealed record ServerFault(DateTimeOffset Time, string ClientEndPoint, string Command, string Exception)
{
    public override string ToString() => $"{Time:HH:mm:ss.ffffff}Z connection from {ClientEndPoint}: {Command} handler failed: {Exception}";
}
