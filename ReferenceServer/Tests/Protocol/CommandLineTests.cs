using Conformance.Adapters.Wire;
using Conformance.ReferenceServer.Hosting;

namespace Conformance.ReferenceServer.Tests.Protocol;

[TestFixture]
public sealed class CommandLineTests
{
    [Test]
    public void No_arguments_give_the_default_shares_and_user()
    {
        var parsed = CommandLine.Parse([]);
        Assert.That(parsed.Error, Is.Null);
        Assert.That(parsed.Configuration!.EffectiveShares.Select(share => (share.Name, share.Path, share.EncryptData)),
            Is.EqualTo(new[] { ("conf", (string?)null, false), ("encrypted", null, true) }));
        Assert.That(parsed.Configuration.EffectiveUsers.Single().User, Is.EqualTo("tester"));
        Assert.That(parsed.Configuration.Port, Is.Zero);
    }

    [Test]
    public void Options_are_read()
    {
        var directory = Path.GetTempPath();
        var parsed = CommandLine.Parse(["--port", "4455", "--share", $"conf={directory}", "--share", "mem", "--encrypt-share", "mem",
            "--user", "alice:secret", "--encrypt", "--max-dialect", "3.0.2", "--allow-guest", "--require-signing", "--session-lifetime", "1.5",
            "--oplock-break-timeout", "0.5", "--durable-timeout", "120", "--lease-break-timeout", "0.25", "--no-directory-leasing",
            "--scaleout-share", "conf", "--force-level2-share", "MEM", "--ca-share", "conf",
            "--netbios-port", "1139", "--netbios-name", "refsrv", "--max-connections", "300"]);
        Assert.That(parsed.Error, Is.Null);
        var configuration = parsed.Configuration!;
        Assert.That(configuration.Port, Is.EqualTo(4455));
        Assert.That(configuration.EffectiveShares[0].Path, Is.EqualTo(Path.GetFullPath(directory)));
        Assert.That(configuration.EffectiveShares[0].ScaleOut && !configuration.EffectiveShares[0].ForceLevel2Oplock, Is.True);
        Assert.That((configuration.EffectiveShares[0].ContinuouslyAvailable, configuration.EffectiveShares[0].CATimeout),
            Is.EqualTo((true, TimeSpan.FromSeconds(45))));
        Assert.That(configuration.EffectiveShares[1], Is.EqualTo(new ShareConfiguration("mem") { EncryptData = true, ForceLevel2Oplock = true }));
        Assert.That(configuration.EffectiveUsers.Single().Password, Is.EqualTo("secret"));
        Assert.That(configuration.EncryptData && configuration.AllowGuest, Is.True);
        Assert.That(configuration.MaxDialect, Is.EqualTo(Dialect.Smb302));
        Assert.That(configuration.RequireMessageSigning, Is.True);
        Assert.That(configuration.SessionLifetime, Is.EqualTo(TimeSpan.FromSeconds(1.5)));
        Assert.That(configuration.OplockBreakTimeout, Is.EqualTo(TimeSpan.FromSeconds(0.5)));
        Assert.That(configuration.DurableTimeout, Is.EqualTo(TimeSpan.FromSeconds(120)));
        Assert.That(configuration.LeaseBreakTimeout, Is.EqualTo(TimeSpan.FromSeconds(0.25)));
        Assert.That((configuration.Leasing, configuration.DirectoryLeasing), Is.EqualTo((true, false)));
        Assert.That(CommandLine.Parse(["--no-leasing"]).Configuration!.Leasing, Is.False);
        Assert.That(configuration.NetBiosPort, Is.EqualTo(1139));
        Assert.That(configuration.NetBiosName, Is.EqualTo("REFSRV"));
        Assert.That(configuration.MaxConnections, Is.EqualTo(300));
    }

    [Test]
    public void Multichannel_options_are_read()
    {
        var configuration = CommandLine.Parse(["--no-multichannel", "--max-channels", "4", "--interface-speed", "25000000000", "--interface-rss", "--interface-rdma"]).Configuration!;
        Assert.That((configuration.MultiChannel, configuration.MaxChannels, configuration.InterfaceLinkSpeed), Is.EqualTo((false, 4, 25_000_000_000UL)));
        Assert.That(configuration.InterfaceCapability,
            Is.EqualTo(Adapters.Wire.Fsctl.NetworkInterfaceCapability.RssCapable | Adapters.Wire.Fsctl.NetworkInterfaceCapability.RdmaCapable));
        Assert.That(CommandLine.Parse(["--max-channels", "0"]).Error, Does.Contain("--max-channels"));
        var usage = CommandLine.Usage;
        foreach (var option in new[] { "--no-multichannel", "--max-channels", "--interface-speed", "--interface-rss", "--interface-rdma" })
        {
            Assert.That(usage, Does.Contain(option));
        }
    }

    [Test]
    public void The_usage_names_every_option()
    {
        var usage = CommandLine.Usage;
        foreach (var option in new[] { "--port", "--share", "--encrypt-share", "--user", "--encrypt", "--max-dialect", "--allow-guest", "--require-signing",
                     "--session-lifetime", "--oplock-break-timeout", "--durable-timeout", "--lease-break-timeout", "--no-leasing", "--no-directory-leasing",
                     "--scaleout-share", "--force-level2-share", "--ca-share", "--netbios-port", "--netbios-name", "--max-connections" })
        {
            Assert.That(usage, Does.Contain(option));
        }
    }

    [TestCase("--port", "x")]
    [TestCase("--bogus")]
    [TestCase("--user", "nopassword")]
    [TestCase("--max-dialect", "4.0")]
    [TestCase("--share", "conf=/no/such/directory/anywhere")]
    [TestCase("--encrypt-share", "nosuch")]
    [TestCase("--session-lifetime", "0")]
    [TestCase("--session-lifetime", "soon")]
    [TestCase("--oplock-break-timeout", "-1")]
    [TestCase("--durable-timeout")]
    [TestCase("--lease-break-timeout", "0")]
    [TestCase("--scaleout-share", "nosuch")]
    [TestCase("--force-level2-share")]
    [TestCase("--ca-share", "nosuch")]
    [TestCase("--netbios-port", "70000")]
    [TestCase("--netbios-name", "MUCHTOOLONGANAME")]
    [TestCase("--max-connections", "0")]
    public void Bad_arguments_are_errors(params string[] args)
    {
        var parsed = CommandLine.Parse(args);
        Assert.That(parsed.Error, Is.Not.Null.And.Not.Empty);
        Assert.That(parsed.Configuration, Is.Null);
    }
}
