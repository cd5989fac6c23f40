using System.Net;
using System.Net.Sockets;
using Conformance.Adapters.Client;
using Conformance.Adapters.Transport;
using Conformance.Adapters.Wire;
using Conformance.Adapters.Wire.NegotiateContexts;
using Conformance.ReferenceServer.Hosting;

namespace Conformance.Scenarios.Tests.Probe;

/// <summary>
/// The capability probe against the in-process reference server: what a usable target yields, and the
/// one clear message of each way a target is unusable (logon refused, no such share, nobody listening).
/// </summary>
public class TargetProbeTests
{
    private static readonly ConnectionOptions ShortBounds = new()
    {
        Transport = TransportOptions.Default with
        {
            Timeouts = TransportTimeouts.Default with { Connect = TimeSpan.FromSeconds(1), Receive = TimeSpan.FromSeconds(2), Send = TimeSpan.FromSeconds(2) },
            ConnectRetryDelay = TimeSpan.FromMilliseconds(20),
        },
        ResponseTimeout = TimeSpan.FromSeconds(3),
        CreditTimeout = TimeSpan.FromSeconds(3),
    };

    private ReferenceServerHost server = null!;

    [OneTimeSetUp]
    public async Task StartServerAsync()
    {
        using var bound = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        server = await ReferenceServerHost.StartAsync(new ServerConfiguration(), bound.Token);
    }

    [OneTimeTearDown]
    public async Task StopServerAsync() => await server.DisposeAsync();

    private TargetSettings Target(string? password = null, string share = "conf") => new()
    {
        Name = "reference server",
        Host = "127.0.0.1",
        Port = server.Port,
        Share = share,
        User = ServerConfiguration.DefaultUser,
        Password = password ?? ServerConfiguration.DefaultPassword,
        Domain = ServerConfiguration.DefaultDomain,
        IsReferenceServer = true,
    };

    private static async Task<TargetCapabilities> ProbeAsync(TargetSettings target)
    {
        using var bound = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        return await TargetProbe.ProbeAsync(target, ShortBounds, bound.Token);
    }

    [Test]
    public async Task AGoodTargetYieldsEveryDialectCipherAndSigningAlgorithm()
    {
        var capabilities = await ProbeAsync(Target());

        Assert.That(capabilities.Dialects, Is.EquivalentTo(new[] { Dialect.Smb202, Dialect.Smb210, Dialect.Smb300, Dialect.Smb302, Dialect.Smb311 }));
        Assert.That(capabilities.Ciphers, Is.EquivalentTo(new[] { Cipher.Aes128Ccm, Cipher.Aes128Gcm, Cipher.Aes256Ccm, Cipher.Aes256Gcm }));
        Assert.That(capabilities.SigningAlgorithms, Is.EquivalentTo(new[] { SigningAlgorithm.HmacSha256, SigningAlgorithm.AesCmac, SigningAlgorithm.AesGmac }));
        Assert.That(capabilities.Capabilities.Keys, Is.EquivalentTo(capabilities.Dialects));
        Assert.That(capabilities.ServerGuid, Is.Not.EqualTo(Guid.Empty));
        Assert.That(capabilities.HighestDialect, Is.EqualTo(Dialect.Smb311));
    }

    [Test]
    public async Task AMaxDialectLimitsWhatIsOfferedAndSkipsThe311Contexts()
    {
        var capabilities = await ProbeAsync(Target() with { MaxDialect = Dialect.Smb300 });

        Assert.That(capabilities.Dialects, Is.EquivalentTo(new[] { Dialect.Smb202, Dialect.Smb210, Dialect.Smb300 }));
        Assert.That(capabilities.Ciphers, Is.Empty);
        Assert.That(capabilities.SigningAlgorithms, Is.Empty);
    }

    [Test]
    public void AWrongPasswordIsAnUnusableTargetNamingLogonFailure()
    {
        var target = Target(password: "not-the-password");

        var error = Assert.ThrowsAsync<TargetUnusableException>(() => ProbeAsync(target));

        Assert.That(error!.Message, Does.StartWith($"{target}: cannot log on and reach the share: SESSION_SETUP as "));
        Assert.That(error.Message, Does.Contain("STATUS_LOGON_FAILURE (0xC000006D)"));
        Assert.That(error.InnerException, Is.InstanceOf<Smb2ClientException>());
    }

    [Test]
    public void AnUnknownShareIsAnUnusableTargetNamingBadNetworkName()
    {
        var target = Target(share: "no-such-share");

        var error = Assert.ThrowsAsync<TargetUnusableException>(() => ProbeAsync(target));

        Assert.That(error!.Message, Does.StartWith($"{target}: cannot log on and reach the share: TREE_CONNECT to no-such-share on "));
        Assert.That(error.Message, Does.Contain("STATUS_BAD_NETWORK_NAME (0xC00000CC)"));
    }

    [Test]
    public void AClosedPortIsAnUnreachableTarget()
    {
        int port;
        using (var listener = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp))
        {
            listener.Bind(new IPEndPoint(IPAddress.Loopback, 0));
            listener.Listen();
            port = ((IPEndPoint)listener.LocalEndPoint!).Port;
        }
        var target = Target() with { Port = port };

        var error = Assert.ThrowsAsync<TargetUnusableException>(() => ProbeAsync(target));

        Assert.That(error!.Message, Does.StartWith($"{target} is unreachable: could not connect to 127.0.0.1:{port}"));
        Assert.That(error.InnerException, Is.InstanceOf<TransportException>());
    }
}
