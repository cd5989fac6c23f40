using Conformance.Adapters.Client;
using Conformance.Adapters.Transport;

namespace Conformance.Scenarios.Running;

/// <summary>
/// Creates each scenario's own subdirectory of the run's scratch directory just before it runs, over
/// one session the run keeps for that (logged on again when the target dropped it), one CREATE at a
/// time: scenarios running side by side never share a directory.
/// </summary>
public sealed class ScenarioDirectories(TargetSettings target, ConnectionOptions options, string runDirectory) : IAsyncDisposable
{
    private readonly SemaphoreSlim one = new(1, 1);
    private Smb2Client? client;

    public async Task<string> CreateAsync(string scenarioId, CancellationToken cancellationToken)
    {
        var name = ScratchDirectory.ForScenario(runDirectory, scenarioId);
        await one.WaitAsync(cancellationToken);
        try
        {
            try
            {
                client ??= await TargetProbe.LogOnAsync(target, options, cancellationToken);
                await ScratchDirectory.CreateAsync(client, name, cancellationToken);
            }
            catch (Exception e) when (e is TransportException or ObjectDisposedException)
            {
                await DropClientAsync();
                client = await TargetProbe.LogOnAsync(target, options, cancellationToken);
                await ScratchDirectory.CreateAsync(client, name, cancellationToken, mayExist: true);
            }
        }
        finally
        {
            one.Release();
        }
        return name;
    }

    public async ValueTask DisposeAsync()
    {
        await one.WaitAsync();
        try
        {
            await DropClientAsync();
        }
        finally
        {
            one.Release();
        }
    }

    private async Task DropClientAsync()
    {
        if (client is not null)
        {
            await client.DisposeAsync();
            client = null;
        }
    }
}
