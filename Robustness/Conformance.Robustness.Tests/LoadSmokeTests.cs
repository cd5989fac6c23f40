using Conformance.Robustness.Load;

namespace Conformance.Robustness.Tests;

/// <summary>The load command's short run (the long one is <c>bench load --connections 256 --seconds 60</c>): every byte written reads back, no error.</summary>
public class LoadSmokeTests
{
    [Test]
    public async Task ShortLoadLosesNoByteAndMeetsNoError()
    {
        using var bound = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        var report = await LoadRun.RunAsync(new LoadOptions { Connections = 24, Duration = TimeSpan.FromSeconds(4), Seed = 20261202 }, bound.Token);

        TestContext.Out.WriteLine(report);
        Assert.Multiple(() =>
        {
            Assert.That(report.Errors.Keys, Is.Empty);
            Assert.That(report.BytesLost, Is.Zero);
            Assert.That(report.BytesVerified, Is.Positive, "the files were read back");
            Assert.That(report.Merged().Keys, Is.SupersetOf(new[] { LoadOperation.Write, LoadOperation.Read, LoadOperation.QueryInfo, LoadOperation.OpenClose, LoadOperation.SharedOpen, LoadOperation.SharedWrite }));
            Assert.That(report.BreaksReceived, Is.Positive, "shared opens broke each other's oplocks");
        });
    }

    [Test]
    public void MoreThan256ConnectionsAreRefused() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => _ = new LoadOptions { Connections = 257 });
}
