using Conformance.Adapters.Client;
using Conformance.Adapters.Wire;
using Conformance.Adapters.Wire.Messages;
using Conformance.Adapters.Wire.NegotiateContexts;

namespace Conformance.Scenarios;

/// <summary>
/// What a running scenario works with: the target and its probed capabilities, connections that
/// are tracked (so a failed check can show every frame exchanged), applicability gates that end
/// the scenario Inconclusive, and checks that end it Failed with clause, expected and actual.
/// </summary>
public sealed class ScenarioContext(TargetSettings target, TargetCapabilities capabilities, string scratchDirectory, ConnectionOptions connectionOptions, CancellationToken cancellationToken,
    IProfileTargets? profiles = null, IServerFaultLog? serverFaults = null)
    : IAsyncDisposable
{
    private readonly List<Connection> connections = [];
    private readonly List<string> observations = [];

    /// <summary>The server this scenario talks to: the run's target, or the one <see cref="UseProfileAsync"/> chose.</summary>
    public TargetSettings Target { get; private set; } = target;
    public TargetCapabilities Capabilities { get; } = capabilities;

    /// <summary>This scenario's own directory on the target share (a subdirectory of the run's, <see cref="Conformance.Scenarios.ScratchDirectory.ForScenario"/>); scenarios create files only inside it.</summary>
    public string ScratchDirectory { get; } = scratchDirectory;

    /// <summary>The run's connection options, reaching <see cref="Target"/> by its transport (Direct TCP or the NetBIOS session service).</summary>
    public ConnectionOptions ConnectionOptions => Target.Reach(connectionOptions);
    public CancellationToken CancellationToken { get; } = cancellationToken;

    /// <summary>What the target did where the spec leaves it room (SHOULD, MAY): recorded, never a failure.</summary>
    public IReadOnlyList<string> Observations => observations;

    /// <summary>Every connection the scenario opened, in order.</summary>
    public IReadOnlyList<Connection> Connections => connections;

    /// <summary>A share-relative path inside the scratch directory, unique to this call.</summary>
    public string ScratchPath(string name) => $"{ScratchDirectory}\\{name}-{Guid.NewGuid():N}";

    /// <summary>A TCP connection to the target, nothing negotiated yet.</summary>
    public async Task<Connection> ConnectAsync()
    {
        var connection = await Connection.ConnectAsync(Target.Host, Target.Port, ConnectionOptions, CancellationToken);
        connections.Add(connection);
        return connection;
    }

    /// <summary>Connected, negotiated (up to <paramref name="maxDialect"/>), logged on and connected to the share.</summary>
    public async Task<Smb2Client> LogOnAsync(Dialect? maxDialect = null, NegotiateOptions? negotiate = null, string? share = null)
    {
        negotiate ??= new NegotiateOptions();
        var highest = new[] { maxDialect ?? Dialect.Smb311, Target.MaxDialect ?? Dialect.Smb311, negotiate.MaxDialect }.Min();
        var client = await Smb2ClientFactory.ConnectAsync(Target.Host, Target.Port, TargetProbe.Credential(Target),
            new Smb2ClientOptions { Connection = ConnectionOptions, Negotiate = negotiate with { MaxDialect = highest }, ShareName = share ?? Target.Share },
            CancellationToken);
        connections.Add(client.Connection);
        return client;
    }

    /// <summary>Adds a connection opened elsewhere (a client factory) to those the scenario closes and dumps on failure.</summary>
    public void Track(Connection connection) => connections.Add(connection);

    public void Observe(string observation) => observations.Add(observation);

    /// <summary>Failures of a server the run started (the reference server) met by this scenario's connections.</summary>
    public IReadOnlyList<string> ServerFaults() =>
        serverFaults?.FaultsOf(connections.Select(connection => connection.Transport.LocalEndPoint).ToHashSet()) ?? [];

    /// <summary>
    /// From here on the scenario talks to a target running with <paramref name="profile"/> (the
    /// run's target itself when it does); Inconclusive when there is none.
    /// </summary>
    public async Task UseProfileAsync(ServerProfile profile)
    {
        if (profiles is null)
        {
            throw new ScenarioInconclusiveException($"needs a target with the server profile {profile}, and this run provides none");
        }
        var profiled = await profiles.GetAsync(profile, CancellationToken);
        if (profiled != Target)
        {
            Observe($"ran against {profiled}, a target with the server profile it needs");
            await profiles.CreateScenarioDirectoryAsync(profile, ScratchDirectory, CancellationToken);
        }
        Target = profiled;
    }

    public void RequireDialect(Dialect dialect)
    {
        if (!Capabilities.Dialects.Contains(dialect))
        {
            throw new ScenarioInconclusiveException($"needs dialect {dialect.ToDisplayString()}, which {Target.Name} does not negotiate (it accepted {Describe(Capabilities.Dialects)})");
        }
    }

    public void RequireCapability(Dialect dialect, GlobalCapabilities capability)
    {
        RequireDialect(dialect);
        if ((Capabilities.Capabilities[dialect] & capability) != capability)
        {
            throw new ScenarioInconclusiveException($"needs {capability} at dialect {dialect.ToDisplayString()}, which {Target.Name} does not announce (Capabilities {Capabilities.Capabilities[dialect]})");
        }
    }

    public void RequireCipher(Cipher cipher)
    {
        RequireDialect(Dialect.Smb311);
        if (!Capabilities.Ciphers.Contains(cipher))
        {
            throw new ScenarioInconclusiveException($"needs cipher {cipher}, which {Target.Name} does not choose when offered alone");
        }
    }

    public void RequireSigningAlgorithm(SigningAlgorithm algorithm)
    {
        RequireDialect(Dialect.Smb311);
        if (!Capabilities.SigningAlgorithms.Contains(algorithm))
        {
            throw new ScenarioInconclusiveException($"needs signing algorithm {algorithm}, which {Target.Name} does not choose when offered alone");
        }
    }

    /// <summary>Fails the scenario unless <paramref name="actual"/> equals <paramref name="expected"/>.</summary>
    public void CheckEqual<T>(string clause, string? requirement, string subject, T expected, T actual, Func<T, string>? describe = null)
    {
        if (!EqualityComparer<T>.Default.Equals(expected, actual))
        {
            describe ??= value => value?.ToString() ?? "null";
            Fail(clause, requirement, subject, describe(expected), describe(actual));
        }
    }

    /// <summary>Fails the scenario unless the response carries <paramref name="expected"/>.</summary>
    public void CheckStatus(string clause, string? requirement, string subject, uint expected, uint actual) =>
        CheckEqual(clause, requirement, subject, expected, actual, NtStatus.Describe);

    /// <summary>Fails the scenario unless the status is one of <paramref name="allowed"/> (where the spec allows several).</summary>
    public void CheckStatusIn(string clause, string? requirement, string subject, uint actual, params uint[] allowed)
    {
        if (!allowed.Contains(actual))
        {
            Fail(clause, requirement, subject, "one of " + string.Join(", ", allowed.Select(NtStatus.Describe)), NtStatus.Describe(actual));
        }
    }

    public void CheckTrue(string clause, string? requirement, string subject, bool condition, string expected, string actual)
    {
        if (!condition)
        {
            Fail(clause, requirement, subject, expected, actual);
        }
    }

    /// <summary>The response decoded as the spec says it must be laid out.</summary>
    public TBody CheckBody<TBody>(string clause, string subject, Smb2Response<TBody> response) where TBody : class, IMessageBody<TBody>
    {
        if (response.Body is { } body)
        {
            return body;
        }
        Fail(response.DecodeError?.Clause ?? clause, null, subject,
            $"a well-formed {typeof(TBody).Name}",
            response.DecodeError?.ToString() ?? $"an ERROR Response with {NtStatus.Describe(response.Status)}");
        return null!;
    }

    [System.Diagnostics.CodeAnalysis.DoesNotReturn]
    public void Fail(string clause, string? requirement, string subject, string expected, string actual) =>
        throw new ScenarioFailedException(clause, requirement, subject, expected, actual, DumpExchange());

    /// <summary>The frames of every connection of the scenario, oldest first per connection.</summary>
    public string DumpExchange() =>
        string.Join(Environment.NewLine, connections.Select((connection, index) => $"  connection {index + 1} {connection}:{Environment.NewLine}{connection.DumpExchange()}"));

    public async ValueTask DisposeAsync()
    {
        foreach (var connection in connections)
        {
            await connection.DisposeAsync();
        }
    }

    private static string Describe(IEnumerable<Dialect> dialects) =>
        string.Join(", ", dialects.Order().Select(dialect => dialect.ToDisplayString()));
}
