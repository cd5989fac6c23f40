using System.Collections.Concurrent;
using Conformance.Adapters.Client;
using Conformance.Adapters.Transport;
using Conformance.Adapters.Wire;
using Conformance.ReferenceServer;
using Conformance.ReferenceServer.Hosting;

namespace Conformance.Scenarios.Tests.Faults;

/// <summary>
/// A reference server whose handler throws answers STATUS_INTERNAL_ERROR, and a scenario that met it
/// ends broken (<see cref="ServerFaultException"/>), never passed or failed on that answer. The
/// scenario used expects STATUS_INVALID_PARAMETER, the status a crashing handler used to produce.
/// </summary>
public class ServerFaultTests
{
    private const string ScenarioId = "negotiate.TruncatedBodyIsInvalid";

    private static readonly ConnectionOptions Options = new()
    {
        Transport = TransportOptions.Default with { Timeouts = TransportTimeouts.Default with { Connect = TimeSpan.FromSeconds(2), Receive = TimeSpan.FromSeconds(5) } },
        ResponseTimeout = TimeSpan.FromSeconds(5),
    };

    [Test]
    public async Task A_scenario_that_met_a_handler_exception_is_broken()
    {
        var exception = await RunAsync(command => command == Smb2Command.Create ? new InvalidOperationException("injected handler failure") : null);
        Assert.That(exception, Is.TypeOf<ServerFaultException>());
        var broken = (ServerFaultException)exception!;
        Assert.That(broken.Faults.Single(), Does.Contain("CREATE handler failed").And.Contain("injected handler failure"));
        Assert.That(broken.InnerException, Is.TypeOf<ScenarioFailedException>(), "what the scenario observed is kept");
        Assert.That(broken.InnerException!.Message, Does.Contain("STATUS_INTERNAL_ERROR"), "the client got STATUS_INTERNAL_ERROR");
    }

    [Test]
    public async Task The_same_scenario_passes_on_a_server_that_does_not_fail() =>
        Assert.That(await RunAsync(faultInjection: null), Is.Null);

    private static async Task<Exception?> RunAsync(Func<Smb2Command, Exception?>? faultInjection)
    {
        using var bound = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await using var host = await ReferenceServerHost.StartAsync(new ServerConfiguration { FaultInjection = faultInjection }, bound.Token);
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
        try
        {
            await ScenarioCatalog.All.Single(scenario => scenario.Id == ScenarioId).RunAsync(context);
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
