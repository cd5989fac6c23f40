using System.Text.Json;
using Conformance.Reports.Model;

namespace Conformance.Reports.Tests;

public class FrameTextTests
{
    private static readonly DateTimeOffset Time = new(2025, 3, 1, 12, 0, 0, TimeSpan.Zero);

    [Test]
    public void ACutFrameShowsItsRealLengthAndHowManyBytesWereKept()
    {
        var cut = new FrameRecord(3, Time, FrameDirection.Received, false, "R READ", "FE534D42") { OriginalLength = 1_048_656 };
        var whole = new FrameRecord(4, Time, FrameDirection.Sent, false, "C ECHO", "FE534D42");

        Assert.That(FrameText.Line(cut), Does.EndWith(" 1048656 B  R READ (first 4 B kept)"));
        Assert.That(FrameText.Line(whole), Does.EndWith("       4 B  C ECHO"));
    }

    [Test]
    public void OriginalLengthSurvivesTheRunFileAndIsLeftOutWhenTheFrameIsWhole()
    {
        var cut = new FrameRecord(3, Time, FrameDirection.Received, false, "R READ", "FE534D42") { OriginalLength = 70_000 };
        var json = JsonSerializer.Serialize(cut, RunFile.Options);

        Assert.That(JsonSerializer.Deserialize<FrameRecord>(json, RunFile.Options)!.Length, Is.EqualTo(70_000));
        Assert.That(JsonSerializer.Serialize(cut with { OriginalLength = null }, RunFile.Options), Does.Not.Contain("originalLength"));
    }
}
