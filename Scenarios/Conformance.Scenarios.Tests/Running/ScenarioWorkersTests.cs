using Conformance.Scenarios.Running;

namespace Conformance.Scenarios.Tests.Running;

/// <summary>The worker count of a run: the environment first, then runsettings, else twice the processors; anything else is a configuration error naming the setting.</summary>
public class ScenarioWorkersTests
{
    private static int Read(string? parameter, string? variable) =>
        ScenarioWorkers.Read(name => name == ScenarioWorkers.Parameter ? parameter : null, name => name == ScenarioWorkers.Variable ? variable : null);

    [Test]
    public void Default_is_twice_the_processors() =>
        Assert.That(Read(null, null), Is.EqualTo(Math.Min(ScenarioScheduler.MaxWorkers, 2 * Environment.ProcessorCount)));

    [Test]
    public void The_environment_outranks_runsettings()
    {
        Assert.That(Read("3", null), Is.EqualTo(3));
        Assert.That(Read("3", "1"), Is.EqualTo(1));
        Assert.That(Read("", " 5 "), Is.EqualTo(5));
    }

    [TestCase("0")]
    [TestCase("-2")]
    [TestCase("many")]
    [TestCase("")]
    public void Bad_counts_are_configuration_errors(string text)
    {
        // The empty case stands for one past the most workers a run may have.
        text = text.Length == 0 ? (ScenarioScheduler.MaxWorkers + 1).ToString(System.Globalization.CultureInfo.InvariantCulture) : text;
        var error = Assert.Throws<ConfigurationException>(() => Read(null, text));
        Assert.That(error!.Message, Does.Contain("SMB_SUITE_WORKERS").And.Contain(text));
    }
}
