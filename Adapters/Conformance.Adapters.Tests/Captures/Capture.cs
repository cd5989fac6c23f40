namespace Conformance.Adapters.Tests.Captures;

/// <summary>
/// A real smbclient-to-Samba session (see TestData/captures/README.md): user tester, password
/// Passw0rd!, domain WORKGROUP, workstation VM.
/// </summary>
public sealed class Capture
{
    public const string User = "tester";
    public const string Password = "Passw0rd!";
    public const string Domain = "WORKGROUP";
    public const string Workstation = "VM";

    public static readonly string[] Names = ["smbclient-SMB2_02", "smbclient-SMB2_10", "smbclient-SMB3", "smbclient-SMB3-encrypt"];

    private Capture(string name, IReadOnlyList<CaptureFrame> frames)
    {
        Name = name;
        Frames = frames;
    }

    public string Name { get; }
    public IReadOnlyList<CaptureFrame> Frames { get; }

    public static Capture Load(string name)
    {
        var path = Path.Combine(AppContext.BaseDirectory, "TestData", "captures", name + ".frames.tsv");
        var frames = File.ReadLines(path)
            .Skip(1)
            .Where(line => line.Length > 0)
            .Select(line => line.Split('\t'))
            .Select(fields => new CaptureFrame(int.Parse(fields[0]), int.Parse(fields[1]), fields[2] == "c2s", Convert.FromHexString(fields[3])))
            .ToList();
        return new Capture(name, frames);
    }

    /// <summary>(capture, frame index) of every frame, for [TestCaseSource]; <paramref name="plainOnly"/> leaves out transform (encrypted) frames.</summary>
    public static IEnumerable<TestCaseData> AllFrames(bool plainOnly) =>
        Names.SelectMany(name => Load(name).Frames
            .Where(frame => !plainOnly || frame.Bytes[0] == 0xFE)
            .Select(frame => new TestCaseData(name, frame.Index).SetArgDisplayNames(name, frame.Index.ToString())));

    public override string ToString() => Name;
}
