using System.Globalization;
using System.Text;

namespace Conformance.Bench.Targets;

/// <summary>
/// The comparison tables: wall-clock throughput (reference, Samba, ratio) and CPU time per operation
/// (client plus server for each, ratio), one row per figure, each followed by what its columns mean.
/// </summary>
public static class FiguresTable
{
    private static readonly (string Figure, string Unit, Func<WorkloadFigures, PhaseResult> Phase, Func<PhaseResult, double> Throughput)[] Figures =
    [
        ("ECHO round trips/s", "round trip", figures => figures.Echo, phase => phase.OperationsPerSecond),
        ("WRITE 1 MiB, MB/s", "1 MiB WRITE", figures => figures.Write, phase => phase.MegabytesPerSecond),
        ("READ 1 MiB, MB/s", "1 MiB READ", figures => figures.Read, phase => phase.MegabytesPerSecond),
        ("CREATE+CLOSE pairs/s", "pair", figures => figures.CreateClose, phase => phase.OperationsPerSecond),
    ];

    public static string Format(WorkloadFigures reference, WorkloadFigures? samba)
    {
        var throughput = new List<string[]> { new[] { "Figure (wall clock)", "reference", "Samba", "reference/Samba" } };
        var cpu = new List<string[]> { new[] { "CPU time per operation", "reference (client + server = total)", "Samba (client + smbd = total)", "Samba/reference" } };
        foreach (var (figure, unit, phase, value) in Figures)
        {
            var ours = phase(reference);
            var theirs = samba is null ? null : phase(samba);
            throughput.Add([
                figure,
                Number(value(ours)) + Detail(ours),
                theirs is null ? "skipped" : Number(value(theirs)) + Detail(theirs),
                theirs is not null && value(theirs) > 0 ? Ratio(value(ours) / value(theirs)) : "-",
            ]);
            cpu.Add([
                $"µs per {unit}",
                Cost(ours.Cpu),
                theirs is null ? "skipped" : Cost(theirs.Cpu),
                theirs?.Cpu.Server is not null && ours.Cpu.Server is not null && ours.Cpu.Total > TimeSpan.Zero ? Ratio(theirs.Cpu.Total / ours.Cpu.Total) : "-",
            ]);
        }
        var text = new StringBuilder();
        Append(text, throughput);
        text.AppendLine("""
            Wall clock: the fastest of the rounds; (operations in seconds, GC pause time / gen2 collections of this process).
            reference/Samba >= 1 means the reference server matches Samba. These swing with other load on the machine.

            """);
        Append(text, cpu);
        text.AppendLine("""
            CPU time per operation, the least of the rounds, in microseconds; it changes little with other load.
            Client: this process's user+kernel time (Environment.CpuUsage), the same client code for both targets.
            Server: utime+stime from /proc/<pid>/stat of the server process and its children (10 ms ticks): the ReferenceServer
            process this command started, or the smbd parent and its children.
            Samba/reference >= 1 means the reference server, client included, costs no more CPU than Samba with the same client.
            The client's time includes thread-pool spinning while it waits, which grows when the server answers later.
            """);
        return text.ToString();
    }

    private static void Append(StringBuilder text, List<string[]> rows)
    {
        var widths = Enumerable.Range(0, rows[0].Length).Select(column => rows.Max(row => row[column].Length)).ToArray();
        foreach (var (row, index) in rows.Select((row, index) => (row, index)))
        {
            text.Append("| ").AppendJoin(" | ", row.Select((cell, column) => column == 0 ? cell.PadRight(widths[column]) : cell.PadLeft(widths[column]))).AppendLine(" |");
            if (index == 0)
            {
                text.Append('|').AppendJoin('|', widths.Select((width, column) => column == 0 ? new string('-', width + 2) : new string('-', width + 1) + ":")).AppendLine("|");
            }
        }
        text.AppendLine();
    }

    private static string Number(double value) => value.ToString(value >= 100 ? "0" : "0.0", CultureInfo.InvariantCulture);

    private static string Ratio(double value) => value.ToString("0.00", CultureInfo.InvariantCulture);

    private static string Cost(CpuPerOperation cpu) =>
        cpu.Server is { } server ? $"{Microseconds(cpu.Process)} + {Microseconds(server)} = {Microseconds(cpu.Total)}" : $"{Microseconds(cpu.Process)} + ? (server not observed)";

    private static string Microseconds(TimeSpan value) => Number(value.TotalMicroseconds);

    private static string Detail(PhaseResult phase) => string.Create(CultureInfo.InvariantCulture, $" ({phase.Operations} in {phase.Elapsed.TotalSeconds:0.00} s, GC {phase.GcPause.TotalMilliseconds:0} ms/{phase.Gen2Collections} gen2)");
}
