using Conformance.Adapters.Wire;
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

    private static Task<Exception?> RunAsync(Func<Smb2Command, Exception?>? faultInjection) =>
        ReferenceScenarioRun.RunAsync(new ServerConfiguration { FaultInjection = faultInjection }, ScenarioId);
}
