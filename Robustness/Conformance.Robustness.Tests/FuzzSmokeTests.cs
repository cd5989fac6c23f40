using Conformance.Robustness.Fuzzing;

namespace Conformance.Robustness.Tests;

/// <summary>The fuzzer's short run (the 10-minute one is <c>bench fuzz --minutes 10</c>): seeds load, frames mutate and go out, nothing is found.</summary>
public class FuzzSmokeTests
{
    [Test]
    public async Task AShortFuzzRunFindsNothing()
    {
        using var bound = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        var report = await FuzzRun.RunAsync(new FuzzOptions { Duration = TimeSpan.FromSeconds(8), Seed = 20261202, Workers = 2 }, bound.Token);

        TestContext.Out.WriteLine(report);
        Assert.Multiple(() =>
        {
            Assert.That(report.Findings.Select(finding => finding.First.ToString()), Is.Empty);
            Assert.That(report.Executions, Is.GreaterThan(1000), "the run sent frames");
            Assert.That(report.SeedCount, Is.GreaterThan(50), "capture and template seeds");
            Assert.That(report.EncryptedExecutions, Is.Positive, "some sessions encrypt");
            Assert.That(report.Mutations.Keys, Is.SupersetOf(new[] { MutationKind.LengthOrOffset, MutationKind.Truncate, MutationKind.Compound, MutationKind.NextCommand }));
        });
    }

    [Test]
    public void SeedsComeFromEveryCapture()
    {
        var seeds = SeedCorpus.LoadCaptures(SeedCorpus.DefaultCaptureDirectory);
        // smbclient-SMB3-encrypt's requests after SESSION_SETUP are TRANSFORM_HEADER frames, so only the three plain captures seed.
        Assert.That(seeds.Select(seed => seed.Source.Split('#')[0]).Distinct().Count(), Is.EqualTo(3));
        Assert.That(seeds.Select(seed => seed.Source.Split(' ')[1]), Does.Contain("Create").And.Contain("Read").And.Contain("Write"));
    }

    [Test]
    public void TheSuitesRecordedRequestsSeedToo()
    {
        var directory = Directory.CreateTempSubdirectory("fuzz-run-files-");
        try
        {
            var create = FuzzRegressionTests.ChangeNotifyRequest;
            var negotiate = "FE534D42" + "4000" + "0000" + "00000000" + "0000" + new string('0', 100) + "2400";
            var frames = $$"""
                [{"direction":"sent","unframed":false,"hex":"{{create}}"},{"direction":"received","unframed":false,"hex":"{{create}}"},
                 {"direction":"sent","unframed":false,"hex":"{{negotiate}}"},{"direction":"sent","unframed":true,"hex":"8100004400"}]
                """;
            File.WriteAllText(Path.Combine(directory.FullName, "run-x-1.json"), $$"""{"scenarios":[{"id":"netbios.A","connections":[{"frames":{{frames}}}]},{"id":"negotiate.B"}]}""");

            var seeds = SeedCorpus.LoadRunFiles(directory.FullName);

            Assert.That(seeds.Select(seed => seed.Source), Is.EqualTo(new[] { "netbios.A ChangeNotify" }), "sent SMB2 requests only, NEGOTIATE and raw frames left out");
            Assert.That(Convert.ToHexString(seeds[0].Packet), Is.EqualTo(create));
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }

    [Test]
    public void MutationsAreReproducibleFromTheSeed()
    {
        var packet = Convert.FromHexString(FuzzRegressionTests.ChangeNotifyRequest);
        byte[] Run(int seed)
        {
            var random = new Random(seed);
            return FrameMutator.Mutate(packet, () => packet, random, []);
        }

        var first = Run(7);
        var again = Run(7);
        Assert.That(again, Is.EqualTo(first));
    }
}
