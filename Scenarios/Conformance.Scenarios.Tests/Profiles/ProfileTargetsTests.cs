using Conformance.Adapters.Client;
using Conformance.Adapters.Transport;
using Conformance.Adapters.Wire;
using Conformance.ReferenceServer.Hosting;

namespace Conformance.Scenarios.Tests.Profiles;

/// <summary>
/// Where a scenario needing a server profile runs: a target seen to have the profile is used as it
/// is, one without it gives Inconclusive naming the setting; started profile targets are started
/// once each, get the run's scratch directory, and are stopped on disposal.
/// </summary>
public class ProfileTargetsTests
{
    private static readonly ConnectionOptions Options = new()
    {
        Transport = TransportOptions.Default with { Timeouts = TransportTimeouts.Default with { Connect = TimeSpan.FromSeconds(2), Receive = TimeSpan.FromSeconds(5) } },
        ResponseTimeout = TimeSpan.FromSeconds(5),
    };

    private static async Task<(ReferenceServerHost Host, TargetSettings Target, TargetCapabilities Capabilities)> StartAsync(ServerConfiguration configuration)
    {
        using var bound = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        var host = await ReferenceServerHost.StartAsync(configuration, bound.Token);
        var target = new TargetSettings
        {
            Name = "reference server",
            Host = "127.0.0.1",
            Port = host.Port,
            Share = "conf",
            User = ServerConfiguration.DefaultUser,
            Password = ServerConfiguration.DefaultPassword,
        };
        return (host, target, await TargetProbe.ProbeAsync(target, Options, bound.Token));
    }

    [TestCase(ServerProfile.EncryptsEverySession, "EncryptData")]
    [TestCase(ServerProfile.RequiresSigning, "RequireMessageSigning")]
    [TestCase(ServerProfile.ExpiringSessions, "expire")]
    [TestCase(ServerProfile.Smb2002Only, "server max protocol = SMB2_02")]
    [TestCase(ServerProfile.Disabled, "ServerEnabled FALSE")]
    [TestCase(ServerProfile.NoLeasing, "smb2 leases = no")]
    public async Task ATargetWithoutTheProfileIsInconclusiveNamingTheSetting(ServerProfile profile, string named)
    {
        var (host, target, capabilities) = await StartAsync(new ServerConfiguration());
        await using var _ = host;
        var profiles = new ObservedProfileTargets(target, capabilities, Options);

        var refused = Assert.ThrowsAsync<ScenarioInconclusiveException>(() => profiles.GetAsync(profile, CancellationToken.None));

        Assert.That(refused!.Message, Does.Contain(named));
    }

    [Test]
    public async Task ATargetSeenWithTheProfileIsUsedAsItIs()
    {
        var (host, target, capabilities) = await StartAsync(new ServerConfiguration { EncryptData = true, RequireMessageSigning = true, Leasing = false });
        await using var _ = host;
        var profiles = new ObservedProfileTargets(target, capabilities, Options);

        Assert.That(await profiles.GetAsync(ServerProfile.EncryptsEverySession, CancellationToken.None), Is.SameAs(target));
        Assert.That(await profiles.GetAsync(ServerProfile.RequiresSigning, CancellationToken.None), Is.SameAs(target));
        Assert.That(await profiles.GetAsync(ServerProfile.NoLeasing, CancellationToken.None), Is.SameAs(target));
    }

    [Test]
    public async Task AStartedProfileTargetIsStartedOnceWithTheScratchDirectoryAndStoppedOnDisposal()
    {
        var starts = 0;
        var hosts = new List<ReferenceServerHost>();
        var scratch = ScratchDirectory.NewName();
        var profiles = new StartedProfileTargets(async (profile, cancellationToken) =>
        {
            Interlocked.Increment(ref starts);
            var (host, target, _) = await StartAsync(new ServerConfiguration { RequireMessageSigning = profile == ServerProfile.RequiresSigning });
            hosts.Add(host);
            return new StartedTarget(target, host);
        }, scratch, Options);

        var first = await profiles.GetAsync(ServerProfile.RequiresSigning, CancellationToken.None);
        var again = await profiles.GetAsync(ServerProfile.RequiresSigning, CancellationToken.None);
        Assert.That(again, Is.SameAs(first));
        Assert.That(starts, Is.EqualTo(1));
        await using (var client = await TargetProbe.LogOnAsync(first, Options, CancellationToken.None))
        {
            Assert.That(client.Connection.ServerSecurityMode.HasFlag(Adapters.Wire.Messages.SecurityMode.SigningRequired), Is.True);
            var created = await client.Connection.CreateAsync(client.Tree, new Adapters.Wire.Messages.CreateRequest
            {
                Name = $"{scratch}\\inside",
                DesiredAccess = Adapters.Wire.Messages.AccessMask.GenericRead,
                CreateDisposition = Adapters.Wire.Messages.CreateDisposition.FileCreate,
            }, CancellationToken.None);
            Assert.That(created.Status, Is.EqualTo(NtStatus.Success), "a file can be made in the run's scratch directory on the profile server");
        }

        await profiles.DisposeAsync();

        Assert.ThrowsAsync(Is.InstanceOf<Exception>(), () => TargetProbe.LogOnAsync(first, Options, CancellationToken.None), "the profile server is stopped");
    }

    [Test]
    public async Task ATargetOfferingOnly202HasTheSmb2002OnlyProfile()
    {
        var (host, target, capabilities) = await StartAsync(new ServerConfiguration { MaxDialect = Dialect.Smb202 });
        await using var _ = host;
        var profiles = new ObservedProfileTargets(target, capabilities, Options);

        Assert.That(await profiles.GetAsync(ServerProfile.Smb2002Only, CancellationToken.None), Is.SameAs(target));
    }

    [Test]
    public async Task AStartedDisabledTargetIsNotLoggedOnTo()
    {
        ReferenceServerHost? started = null;
        var profiles = new StartedProfileTargets(async (profile, cancellationToken) =>
        {
            started = await ReferenceServerHost.StartAsync(new ServerConfiguration { Enabled = profile != ServerProfile.Disabled }, cancellationToken);
            return new StartedTarget(new TargetSettings { Name = "disabled", Host = "127.0.0.1", Port = started.Port, Share = "conf", User = "tester", Password = "Passw0rd!" }, started);
        }, ScratchDirectory.NewName(), Options);
        await using var _ = profiles;

        var disabled = await profiles.GetAsync(ServerProfile.Disabled, CancellationToken.None);

        Assert.That(disabled.Port, Is.EqualTo(started!.Port), "no probe or scratch directory is attempted on a server that accepts no connection");
        Assert.ThrowsAsync(Is.InstanceOf<Exception>(), () => TargetProbe.LogOnAsync(disabled, Options, CancellationToken.None), "the disabled server accepts no connection");
    }

    [Test]
    public async Task AScenarioNeedingAProfileRunsOnTheProfileTargetOrIsInconclusive()
    {
        var (host, target, capabilities) = await StartAsync(new ServerConfiguration());
        await using var _ = host;
        var scenario = ScenarioCatalog.All.First(candidate => candidate.Profile == ServerProfile.RequiresSigning);

        await using var withoutProfiles = new ScenarioContext(target, capabilities, "scratch", Options, CancellationToken.None);
        var refused = Assert.ThrowsAsync<ScenarioInconclusiveException>(() => scenario.RunAsync(withoutProfiles));
        Assert.That(refused!.Message, Does.Contain(nameof(ServerProfile.RequiresSigning)));

        var (signingHost, signingTarget, _) = await StartAsync(new ServerConfiguration { RequireMessageSigning = true });
        await using var __ = signingHost;
        await using var moved = new ScenarioContext(target, capabilities, "scratch", Options, CancellationToken.None, new FixedProfileTargets(signingTarget));
        await scenario.RunAsync(moved);
        Assert.That(moved.Target, Is.SameAs(signingTarget));
        Assert.That(moved.Connections.Select(connection => connection.ToString()), Has.All.Contain($":{signingTarget.Port}"));
    }

    private sealed class FixedProfileTargets(TargetSettings target) : IProfileTargets
    {
        public Task<TargetSettings> GetAsync(ServerProfile profile, CancellationToken cancellationToken) => Task.FromResult(target);
    }
}
