using Conformance.Adapters.Client;
using Conformance.Adapters.Wire;
using Conformance.Adapters.Wire.Messages;

namespace Conformance.Scenarios.Steps;

/// <summary>Steps every family shares to reach a target: a negotiated connection, a logged-on client (with a chosen ClientGuid), the dialect a feature needs.</summary>
public static class SessionSteps
{
    /// <summary>A fresh connection that negotiated (exactly <paramref name="dialects"/>, or everything up to the target's highest); nothing else.</summary>
    public static async Task<Connection> NegotiatedAsync(ScenarioContext context, NegotiateOptions? negotiate = null)
    {
        var connection = await context.ConnectAsync();
        var response = await connection.NegotiateAsync(negotiate ?? new NegotiateOptions { MaxDialect = context.Capabilities.HighestDialect }, context.CancellationToken);
        if (!response.IsSuccess || connection.Dialect is null)
        {
            throw new ScenarioInconclusiveException($"NEGOTIATE failed ({NtStatus.Describe(response.Status)}): the step before the behaviour under test");
        }
        return connection;
    }

    /// <summary>Connected, negotiated, logged on with <paramref name="setup"/> and connected to <paramref name="share"/> (the target's share by default).</summary>
    public static async Task<Smb2Client> LogOnAsync(ScenarioContext context, NegotiateOptions negotiate, SessionSetupOptions? setup = null, string? share = null)
    {
        var client = await Smb2ClientFactory.ConnectAsync(context.Target.Host, context.Target.Port, TargetProbe.Credential(context.Target),
            new Smb2ClientOptions { Connection = context.ConnectionOptions, Negotiate = negotiate, SessionSetup = setup ?? new SessionSetupOptions(), ShareName = share ?? context.Target.Share },
            context.CancellationToken);
        context.Track(client.Connection);
        return client;
    }

    /// <summary>Negotiates only <paramref name="dialect"/> (inconclusive when the target lacks it).</summary>
    public static NegotiateOptions Only(ScenarioContext context, Dialect dialect)
    {
        context.RequireDialect(dialect);
        return new NegotiateOptions { Dialects = [dialect] };
    }

    /// <summary>A 3.x connection with a cipher and a session holding an EncryptionKey; inconclusive when the target encrypts nothing.</summary>
    public static async Task<Smb2Client> EncryptingClientAsync(ScenarioContext context)
    {
        var negotiate = context.Capabilities.Dialects.Contains(Dialect.Smb311) && context.Capabilities.Ciphers.Count > 0
            ? new NegotiateOptions { Dialects = [Dialect.Smb311] }
            : context.Capabilities.Dialects.Any(dialect => dialect is Dialect.Smb300 or Dialect.Smb302 && (context.Capabilities.Capabilities[dialect] & GlobalCapabilities.Encryption) != 0)
                ? new NegotiateOptions { Dialects = [context.Capabilities.Dialects.Where(dialect => dialect is Dialect.Smb300 or Dialect.Smb302).Max()] }
                : throw new ScenarioInconclusiveException($"{context.Target.Name} negotiates no cipher at any 3.x dialect");
        var client = await LogOnAsync(context, negotiate);
        if (client.Connection.TransformCipher is null || client.Session.EncryptionKey is not { Length: > 0 })
        {
            throw new ScenarioInconclusiveException($"{context.Target.Name} agreed no cipher for this connection, or the session has no EncryptionKey");
        }
        return client;
    }

    /// <summary>The highest 3.x dialect announcing SMB2_GLOBAL_CAP_MULTI_CHANNEL (inconclusive when none does).</summary>
    public static Dialect MultiChannelDialect(ScenarioContext context)
    {
        foreach (var dialect in new[] { Dialect.Smb311, Dialect.Smb302, Dialect.Smb300 })
        {
            if (context.Capabilities.Dialects.Contains(dialect) && (context.Capabilities.Capabilities[dialect] & GlobalCapabilities.MultiChannel) != 0)
            {
                return dialect;
            }
        }
        throw new ScenarioInconclusiveException($"{context.Target.Name} announces SMB2_GLOBAL_CAP_MULTI_CHANNEL at no 3.x dialect");
    }

    /// <summary>
    /// A logged-on client at <paramref name="dialect"/> whose session has a second channel: another
    /// connection of the same client bound to it (SMB2_SESSION_FLAG_BINDING). Inconclusive when the bind fails.
    /// </summary>
    public static async Task<(Smb2Client First, Connection Second)> TwoChannelsAsync(ScenarioContext context, Dialect dialect)
    {
        var first = await LogOnAsync(context, new NegotiateOptions { Dialects = [dialect] });
        var second = await first.Client.ConnectAsync(context.Target.Host, context.Target.Port, context.ConnectionOptions, context.CancellationToken);
        context.Track(second);
        var negotiated = await second.NegotiateAsync(new NegotiateOptions { Dialects = [dialect] }, context.CancellationToken);
        var bound = negotiated.IsSuccess
            ? await second.SessionSetupAsync(TargetProbe.Credential(context.Target), new SessionSetupOptions { BindTo = first.Session }, context.CancellationToken)
            : null;
        if (bound?.Status != NtStatus.Success)
        {
            throw new ScenarioInconclusiveException($"binding a second channel to the session failed ({NtStatus.Describe(bound?.Status ?? negotiated.Status)}): the step before the behaviour under test");
        }
        return (first, second);
    }

    /// <summary>Logged on as the client <paramref name="clientGuid"/> (3.2.1.1 ClientGuid) at the target's highest dialect, or <paramref name="dialect"/> alone.</summary>
    public static Task<Smb2Client> LogOnAsClientAsync(ScenarioContext context, Guid clientGuid, Dialect? dialect = null) =>
        LogOnAsync(context, dialect is { } only
            ? Only(context, only) with { ClientGuid = clientGuid }
            : new NegotiateOptions { MaxDialect = context.Capabilities.HighestDialect, ClientGuid = clientGuid });

    /// <summary>The highest dialect at which the target announces <paramref name="capability"/> (inconclusive when none does).</summary>
    public static Dialect HighestDialectWith(ScenarioContext context, GlobalCapabilities capability, string what)
    {
        foreach (var dialect in context.Capabilities.Dialects.OrderDescending())
        {
            if ((context.Capabilities.Capabilities[dialect] & capability) == capability)
            {
                return dialect;
            }
        }
        throw new ScenarioInconclusiveException($"needs {what} ({capability}), which {context.Target.Name} announces at no dialect");
    }

    /// <summary>The highest dialect with SMB2_GLOBAL_CAP_LEASING (2.1 or 3.x), inconclusive when the target grants no leases.</summary>
    public static Dialect LeasingDialect(ScenarioContext context) => HighestDialectWith(context, GlobalCapabilities.Leasing, "leasing");
}
