using System.Globalization;
using System.Text;

namespace Conformance.Bench.Targets;

/// <summary>The comparison table: one row per figure, the reference server's, Samba's and their ratio.</summary>
public static class FiguresTable
{
    public static string Format(WorkloadFigures reference, WorkloadFigures? samba)
    {
        var rows = new List<string[]> { new[] { "Figure", "reference", "Samba", "reference/Samba" } };
        void Row(string figure, Func<WorkloadFigures, PhaseResult> phase, Func<PhaseResult, double> value)
        {
            var ours = value(phase(reference));
            var theirs = samba is null ? (double?)null : value(phase(samba));
            rows.Add([
                figure,
                Number(ours) + Detail(phase(reference)),
                theirs is { } t ? Number(t) + Detail(phase(samba!)) : "skipped",
                theirs is { } s && s > 0 ? (ours / s).ToString("0.00", CultureInfo.InvariantCulture) : "-",
            ]);
        }
        Row("ECHO round trips/s", figures => figures.Echo, phase => phase.OperationsPerSecond);
        Row("WRITE 1 MiB, MB/s", figures => figures.Write, phase => phase.MegabytesPerSecond);
        Row("READ 1 MiB, MB/s", figures => figures.Read, phase => phase.MegabytesPerSecond);
        Row("CREATE+CLOSE pairs/s", figures => figures.CreateClose, phase => phase.OperationsPerSecond);

        var widths = Enumerable.Range(0, 4).Select(column => rows.Max(row => row[column].Length)).ToArray();
        var text = new StringBuilder();
        foreach (var (row, index) in rows.Select((row, index) => (row, index)))
        {
            text.Append("| ").AppendJoin(" | ", row.Select((cell, column) => column == 0 ? cell.PadRight(widths[column]) : cell.PadLeft(widths[column]))).AppendLine(" |");
            if (index == 0)
            {
                text.Append('|').AppendJoin('|', widths.Select((width, column) => column == 0 ? new string('-', width + 2) : new string('-', width + 1) + ":")).AppendLine("|");
            }
        }
        return text.ToString();
    }

    private static string Number(double value) => value.ToString(value >= 100 ? "0" : "0.0", CultureInfo.InvariantCulture);

    private static string Detail(PhaseResult phase) => string.Create(CultureInfo.InvariantCulture, $" ({phase.Operations} in {phase.Elapsed.TotalSeconds:0.00} s, GC {phase.GcPause.TotalMilliseconds:0} ms/{phase.Gen2Collections} gen2)");
}
