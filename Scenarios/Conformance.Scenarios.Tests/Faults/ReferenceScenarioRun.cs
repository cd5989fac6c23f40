using System.Collections.Concurrent;
using Conformance.Adapters.Client;
using Conformance.Adapters.Transport;
using Conformance.Adapters.Wire.Messages;
using Conformance.ReferenceServer;
using Conformance.ReferenceServer.Hosting;

namespace Conformance.Scenarios.Tests.Faults;

/// <summary>
/// Runs one scenario of the catalog against a reference server started with <see cref="ServerConfiguration"/>
/// (a deliberately wrong one: a handler that throws, responses tampered with) and returns what it ended with.
/// </summary>
internal static class ReferenceScenarioRun
{
    private static readonly ConnectionOptions Options = new()
    {
        Transport = TransportOptions.Default with { Timeouts = TransportTimeouts.Default with { Connect = TimeSpan.FromSeconds(2), Receive = TimeSpan.FromSeconds(5) } },
        ResponseTimeout = TimeSpan.FromSeconds(5),
    };

    /// <summary>
    /// The exception the scenario <paramref name="scenarioId"/> ended with, or null when it passed; with
    /// <paramref name="makeScratch"/> the scenario's scratch directory is made first (scenarios that create files need it).
    /// </summary>
    public static async Task<Exception?> RunAsync(ServerConfiguration configuration, string scenarioId, bool makeScratch = false)
    {
        using var bound = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await using var host = await ReferenceServerHost.StartAsync(configuration, bound.Token);
        var log = new HostFaults(host);
        var target = new TargetSettings
        {
            Name = "reference server",
            Host = "127.0.0.1",
            Port = host.Port,
            Share = "conf",
            User = ServerConfiguration.DefaultUser,
            Password = ServerConfiguration.DefaultPassword,
            IsReferenceServer = true,
        };
        var capabilities = await TargetProbe.ProbeAsync(target, Options, bound.Token);
        await using var context = new ScenarioContext(target, capabilities, "scratch", Options, bound.Token, serverFaults: log);
        if (makeScratch)
        {
            var setup = await context.LogOnAsync();
            await setup.Connection.CreateAsync(setup.Tree, new CreateRequest
            {
                Name = "scratch",
                DesiredAccess = AccessMask.GenericRead,
                ShareAccess = ShareAccess.FileShareRead | ShareAccess.FileShareWrite | ShareAccess.FileShareDelete,
                CreateDisposition = CreateDisposition.FileOpenIf,
                CreateOptions = CreateOptions.FileDirectoryFile,
            }, bound.Token);
        }
        try
        {
            await ScenarioCatalog.All.Single(scenario => scenario.Id == scenarioId).RunAsync(context);
            return null;
        }
#pragma warning disable CA1031 // the test inspects whatever the scenario ended with
        catch (Exception e)
#pragma warning restore CA1031
        {
            return e;
        }
    }

    private sealed class HostFaults : IServerFaultLog
    {
        private readonly ConcurrentQueue<ServerFault> faults = new();

        public HostFaults(ReferenceServerHost host) => host.FaultRecorded += faults.Enqueue;

        public IReadOnlyList<string> FaultsOf(IReadOnlyCollection<string> clientEndPoints) =>
            [.. faults.Where(fault => clientEndPoints.Contains(fault.ClientEndPoint)).Select(fault => fault.ToString())];
    }
}
