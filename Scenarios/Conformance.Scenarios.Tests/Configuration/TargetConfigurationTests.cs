using Conformance.Adapters.Wire;

namespace Conformance.Scenarios.Tests.Configuration;

/// <summary>
/// Where each setting comes from (the environment outranks runsettings.xml), which target is chosen,
/// and that every bad or missing setting stops the run with a message naming the setting and its variable.
/// </summary>
public class TargetConfigurationTests
{
    /// <summary>The shipped runsettings.xml: Target=reference, every other parameter empty.</summary>
    private static readonly Dictionary<string, string> ShippedRunSettings = new()
    {
        ["Target"] = "reference",
        ["Host"] = "",
        ["Port"] = "",
        ["Share"] = "",
        ["User"] = "",
        ["Password"] = "",
        ["Domain"] = "",
        ["MaxDialect"] = "",
    };

    private static TargetConfiguration Read(IReadOnlyDictionary<string, string> runSettings, IReadOnlyDictionary<string, string> environment) =>
        TargetConfiguration.Read(name => runSettings.GetValueOrDefault(name), name => environment.GetValueOrDefault(name));

    private static Dictionary<string, string> With(IReadOnlyDictionary<string, string> settings, params (string Name, string Value)[] changes)
    {
        var result = new Dictionary<string, string>(settings);
        foreach (var (name, value) in changes)
        {
            result[name] = value;
        }
        return result;
    }

    private static readonly Dictionary<string, string> NoEnvironment = [];

    [Test]
    public void ShippedRunSettingsWithoutEnvironmentSelectTheReferenceServer()
    {
        var configuration = Read(ShippedRunSettings, NoEnvironment);

        Assert.That(configuration, Is.EqualTo(new TargetConfiguration(TargetConfiguration.Reference, null, null, null, null, null, null, null)
        {
            EncryptedShare = TargetConfiguration.DefaultEncryptedShare,
            LimitedShare = TargetConfiguration.DefaultLimitedShare,
            ScaleOutShare = TargetConfiguration.DefaultScaleOutShare,
            ContinuouslyAvailableShare = TargetConfiguration.DefaultContinuouslyAvailableShare,
        }));
    }

    [Test]
    public void NoSettingsAtAllSelectTheReferenceServer()
    {
        Assert.That(Read(NoEnvironment, NoEnvironment).Kind, Is.EqualTo(TargetConfiguration.Reference));
    }

    [Test]
    public void EnvironmentOutranksRunSettingsForEverySetting()
    {
        var runSettings = new Dictionary<string, string>
        {
            ["Target"] = "remote",
            ["Host"] = "runsettings.example",
            ["Port"] = "1445",
            ["Share"] = "fromfile",
            ["User"] = "fileuser",
            ["Password"] = "filepass",
            ["Domain"] = "FILEDOMAIN",
            ["MaxDialect"] = "2.1",
            ["EncryptedShare"] = "filesecret",
            ["LimitedShare"] = "fileone",
            ["ScaleOutShare"] = "filesofs",
            ["ForceLevel2Share"] = "filelevel2",
        };
        var environment = new Dictionary<string, string>
        {
            ["SMB_TARGET_HOST"] = "env.example",
            ["SMB_TARGET_PORT"] = "4455",
            ["SMB_TARGET_SHARE"] = "fromenv",
            ["SMB_TARGET_USER"] = "envuser",
            ["SMB_TARGET_PASSWORD"] = "envpass",
            ["SMB_TARGET_DOMAIN"] = "ENVDOMAIN",
            ["SMB_TARGET_MAX_DIALECT"] = "3.0.2",
            ["SMB_TARGET_ENCRYPTED_SHARE"] = "envsecret",
            ["SMB_TARGET_LIMITED_SHARE"] = "envone",
            ["SMB_TARGET_SCALEOUT_SHARE"] = "envsofs",
            ["SMB_TARGET_FORCE_LEVEL2_SHARE"] = "envlevel2",
        };

        var configuration = Read(runSettings, environment);

        Assert.That(configuration, Is.EqualTo(new TargetConfiguration(TargetConfiguration.Remote, "env.example", 4455, "fromenv", "envuser", "envpass", "ENVDOMAIN", Dialect.Smb302)
        {
            EncryptedShare = "envsecret",
            LimitedShare = "envone",
            ScaleOutShare = "envsofs",
            ForceLevel2Share = "envlevel2",
            ContinuouslyAvailableShare = TargetConfiguration.DefaultContinuouslyAvailableShare,
        }));
    }

    [Test]
    public void RunSettingsApplyWhereTheEnvironmentIsEmptyOrBlank()
    {
        var runSettings = With(ShippedRunSettings, ("Target", "remote"), ("Host", "runsettings.example"), ("Share", "fromfile"), ("Port", "1445"));
        var environment = new Dictionary<string, string> { ["SMB_TARGET_HOST"] = "", ["SMB_TARGET_SHARE"] = "  " };

        var configuration = Read(runSettings, environment);

        Assert.That((configuration.Kind, configuration.Host, configuration.Port, configuration.Share),
            Is.EqualTo((TargetConfiguration.Remote, "runsettings.example", (int?)1445, "fromfile")));
    }

    [Test]
    public void EnvironmentHostAloneMeansRemoteDespiteTheRunSettingsDefault()
    {
        var configuration = Read(ShippedRunSettings, new Dictionary<string, string> { ["SMB_TARGET_HOST"] = "127.0.0.1" });

        Assert.That(configuration.Kind, Is.EqualTo(TargetConfiguration.Remote));
        Assert.That(configuration.Host, Is.EqualTo("127.0.0.1"));
    }

    [Test]
    public void EnvironmentTargetOutranksAnEnvironmentHost()
    {
        var configuration = Read(ShippedRunSettings, new Dictionary<string, string> { ["SMB_TARGET"] = "Reference", ["SMB_TARGET_HOST"] = "127.0.0.1" });

        Assert.That(configuration.Kind, Is.EqualTo(TargetConfiguration.Reference));
    }

    [Test]
    public void RunSettingsHostWithoutATargetMeansRemote()
    {
        var configuration = Read(new Dictionary<string, string> { ["Host"] = "runsettings.example" }, NoEnvironment);

        Assert.That(configuration.Kind, Is.EqualTo(TargetConfiguration.Remote));
    }

    [Test]
    public void RunSettingsTargetReferenceOutranksARunSettingsHost()
    {
        var configuration = Read(With(ShippedRunSettings, ("Host", "runsettings.example")), NoEnvironment);

        Assert.That(configuration.Kind, Is.EqualTo(TargetConfiguration.Reference));
    }

    [TestCase("2.0.2", Dialect.Smb202)]
    [TestCase("2.1", Dialect.Smb210)]
    [TestCase("3.0", Dialect.Smb300)]
    [TestCase("3.02", Dialect.Smb302)]
    [TestCase("SMB3_11", Dialect.Smb311)]
    public void MaxDialectAcceptsTheSpecNames(string text, Dialect expected)
    {
        var configuration = Read(ShippedRunSettings, new Dictionary<string, string> { ["SMB_TARGET_MAX_DIALECT"] = text });

        Assert.That(configuration.MaxDialect, Is.EqualTo(expected));
    }

    [TestCase("0")]
    [TestCase("65536")]
    [TestCase("-1")]
    [TestCase("445x")]
    [TestCase("smb")]
    public void MalformedPortNamesTheSettingAndItsVariable(string port)
    {
        var error = Assert.Throws<ConfigurationException>(() => Read(ShippedRunSettings, new Dictionary<string, string> { ["SMB_TARGET_PORT"] = port }));

        Assert.That(error!.Message, Is.EqualTo($"Port (SMB_TARGET_PORT) is '{port}': expected a TCP port number 1-65535"));
    }

    [Test]
    public void MalformedPortFromRunSettingsIsReportedToo()
    {
        var error = Assert.Throws<ConfigurationException>(() => Read(With(ShippedRunSettings, ("Port", "99999")), NoEnvironment));

        Assert.That(error!.Message, Does.StartWith("Port (SMB_TARGET_PORT) is '99999'"));
    }

    [TestCase("3.1")]
    [TestCase("1.0")]
    [TestCase("SMB2_FF")]
    [TestCase("latest")]
    public void MalformedMaxDialectNamesTheSettingAndItsVariable(string dialect)
    {
        var error = Assert.Throws<ConfigurationException>(() => Read(ShippedRunSettings, new Dictionary<string, string> { ["SMB_TARGET_MAX_DIALECT"] = dialect }));

        Assert.That(error!.Message, Is.EqualTo($"MaxDialect (SMB_TARGET_MAX_DIALECT) is '{dialect}': expected 2.0.2, 2.1, 3.0, 3.0.2 or 3.1.1"));
    }

    [Test]
    public void UnknownTargetFromTheEnvironmentNamesTheSettingAndItsVariable()
    {
        var error = Assert.Throws<ConfigurationException>(() => Read(ShippedRunSettings, new Dictionary<string, string> { ["SMB_TARGET"] = "samba" }));

        Assert.That(error!.Message, Is.EqualTo("Target (SMB_TARGET) is 'samba': expected 'reference' or 'remote'"));
    }

    [Test]
    public void UnknownTargetFromRunSettingsNamesTheSettingAndItsVariable()
    {
        var error = Assert.Throws<ConfigurationException>(() => Read(With(ShippedRunSettings, ("Target", "windows")), NoEnvironment));

        Assert.That(error!.Message, Is.EqualTo("Target (SMB_TARGET) is 'windows': expected 'reference' or 'remote'"));
    }

    [Test]
    public void RemoteTargetWithNothingConfiguredNamesEveryMissingSettingAtOnce()
    {
        var configuration = Read(ShippedRunSettings, new Dictionary<string, string> { ["SMB_TARGET"] = "remote" });

        var error = Assert.Throws<ConfigurationException>(() => configuration.ToRemoteSettings());

        Assert.That(error!.Message, Is.EqualTo(
            "a remote target needs Host (SMB_TARGET_HOST), Share (SMB_TARGET_SHARE), User (SMB_TARGET_USER), Password (SMB_TARGET_PASSWORD): " +
            "set them in runsettings.xml TestRunParameters or the environment"));
    }

    [Test]
    public void RemoteTargetWithAHostOnlyNamesTheOtherThreeMissingSettings()
    {
        var configuration = Read(ShippedRunSettings, new Dictionary<string, string> { ["SMB_TARGET_HOST"] = "127.0.0.1", ["SMB_TARGET_USER"] = "tester" });

        var error = Assert.Throws<ConfigurationException>(() => configuration.ToRemoteSettings());

        Assert.That(error!.Message, Does.StartWith("a remote target needs Share (SMB_TARGET_SHARE), Password (SMB_TARGET_PASSWORD):"));
        Assert.That(error.Message, Does.Not.Contain("Host (").And.Not.Contain("User ("));
    }

    [Test]
    public void CompleteRemoteTargetDefaultsPortAndDomain()
    {
        var environment = new Dictionary<string, string>
        {
            ["SMB_TARGET_HOST"] = "127.0.0.1",
            ["SMB_TARGET_SHARE"] = "conf",
            ["SMB_TARGET_USER"] = "tester",
            ["SMB_TARGET_PASSWORD"] = "Passw0rd!",
        };

        var settings = Read(ShippedRunSettings, environment).ToRemoteSettings();

        Assert.That(settings, Is.EqualTo(new TargetSettings
        {
            Name = "127.0.0.1:445",
            Host = "127.0.0.1",
            Port = 445,
            Share = "conf",
            User = "tester",
            Password = "Passw0rd!",
            Domain = "WORKGROUP",
            EncryptedShare = TargetConfiguration.DefaultEncryptedShare,
            LimitedShare = TargetConfiguration.DefaultLimitedShare,
            ScaleOutShare = TargetConfiguration.DefaultScaleOutShare,
            ContinuouslyAvailableShare = TargetConfiguration.DefaultContinuouslyAvailableShare,
        }));
    }
}
