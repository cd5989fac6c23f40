using Conformance.Adapters.Client;

namespace Conformance.Scenarios;

/// <summary>
/// Profile targets the run starts itself (the built-in reference server, one per profile, on first
/// use), each given the run's scratch directory; all stopped when this is disposed.
/// </summary>
public sealed class StartedProfileTargets(Func<ServerProfile, CancellationToken, Task<StartedTarget>> start, string scratchDirectory, ConnectionOptions options)
    : IProfileTargets, IAsyncDisposable
{
    private static readonly TimeSpan StartBound = TimeSpan.FromSeconds(30);
    private readonly Dictionary<ServerProfile, Task<StartedTarget>> started = [];
    private readonly Lock gate = new();

    public async Task<TargetSettings> GetAsync(ServerProfile profile, CancellationToken cancellationToken)
    {
        Task<StartedTarget> starting;
        lock (gate)
        {
            if (!started.TryGetValue(profile, out starting!))
            {
                starting = StartAsync(profile);
                started[profile] = starting;
            }
        }
        return (await starting.WaitAsync(cancellationToken)).Settings;
    }

    public async Task CreateScenarioDirectoryAsync(ServerProfile profile, string scenarioDirectory, CancellationToken cancellationToken)
    {
        if (profile == ServerProfile.Disabled)
        {
            return;
        }
        var settings = await GetAsync(profile, cancellationToken);
        await using var client = await TargetProbe.LogOnAsync(settings, options, cancellationToken);
        await ScratchDirectory.CreateAsync(client, scenarioDirectory, cancellationToken, mayExist: true);
    }

    private async Task<StartedTarget> StartAsync(ServerProfile profile)
    {
        using var bound = new CancellationTokenSource(StartBound);
        var target = await start(profile, bound.Token);
        if (profile == ServerProfile.Disabled)
        {
            // A disabled server accepts no connection: there is nothing to log on to, and nothing to put a scratch directory on.
            return target;
        }
        var settings = target.Settings;
        try
        {
            await using var client = await TargetProbe.LogOnAsync(settings, options, bound.Token);
            await ScratchDirectory.CreateAsync(client, scratchDirectory, bound.Token);
            return target;
        }
        catch
        {
            await target.Server.DisposeAsync();
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        Task<StartedTarget>[] all;
        lock (gate)
        {
            all = [.. started.Values];
            started.Clear();
        }
        foreach (var starting in all)
        {
            // A start that failed has already stopped its server; one still running is bounded by StartBound.
            await Task.WhenAny(starting);
            if (starting.IsCompletedSuccessfully)
            {
                await starting.Result.Server.DisposeAsync();
            }
        }
    }
}
