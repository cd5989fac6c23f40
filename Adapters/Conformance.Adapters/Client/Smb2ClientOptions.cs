using Conformance.Adapters.Wire;

namespace Conformance.Adapters.Client;

/// <summary>What <see cref="Smb2ClientFactory.ConnectAsync"/> does after the TCP connect.</summary>
public sealed record Smb2ClientOptions
{
    public ConnectionOptions Connection { get; init; } = ConnectionOptions.Default;

    /// <summary>Dialects, security mode, capabilities, contexts; its MaxDialect defaults to 3.1.1.</summary>
    public NegotiateOptions Negotiate { get; init; } = new();

    public SessionSetupOptions SessionSetup { get; init; } = new();

    /// <summary>The client (3.2.1.1) to log on as, sharing its ClientGuid, GlobalFileTable and break inbox; null: <c>Connection.Client</c>, else a client of its own.</summary>
    public ClientGlobal? Client { get; init; }

    /// <summary>The share to connect to; null: no tree connect.</summary>
    public string? ShareName { get; init; }

    /// <summary>Shorthand for <c>Negotiate with { MaxDialect = ... }</c>.</summary>
    public Smb2ClientOptions WithMaxDialect(Dialect dialect) => this with { Negotiate = Negotiate with { MaxDialect = dialect } };
}
