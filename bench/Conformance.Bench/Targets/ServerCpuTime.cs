using System.Globalization;

namespace Conformance.Bench.Targets;

/// <summary>
/// CPU time of a server that runs as a tree of processes on this machine (smbd: a parent, a child
/// per connection, helpers): utime + stime of /proc/&lt;pid&gt;/stat summed over the root and every
/// descendant alive when read. Linux only. The figures are in clock ticks (USER_HZ, 100 per second
/// on Linux), so each reading is exact to 10 ms.
/// </summary>
public sealed class ServerCpuTime
{
    private const int TicksPerSecond = 100;

    private ServerCpuTime(int rootPid, string foundBy)
    {
        RootPid = rootPid;
        FoundBy = foundBy;
    }

    public int RootPid { get; }

    /// <summary>How the root process was found, for the report.</summary>
    public string FoundBy { get; }

    /// <summary>A server process this program started (and its children, if any).</summary>
    public static ServerCpuTime ForProcess(int pid, string foundBy) => new(pid, foundBy);

    /// <summary>
    /// The server listening on <paramref name="port"/>: the pid file of targets/samba/start.sh
    /// (/tmp/conformance-samba-PORT/run/smbd.pid) if its process is alive, else the process owning
    /// the listening socket (found through /proc/net/tcp and /proc/*/fd). Null, with the reason, when neither works.
    /// </summary>
    public static (ServerCpuTime? Server, string? Reason) Find(int port)
    {
        if (!OperatingSystem.IsLinux())
        {
            return (null, "server CPU time is read from /proc, which only Linux has");
        }
        var pidFile = $"/tmp/conformance-samba-{port}/run/smbd.pid";
        if (File.Exists(pidFile) && int.TryParse(File.ReadAllText(pidFile).Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var pid) && Stat(pid) is not null)
        {
            return (new ServerCpuTime(pid, pidFile), null);
        }
        if (ListeningPid(port) is { } listening)
        {
            // Of the processes holding the socket (parent and children share it), the topmost.
            var root = listening;
            while (Stat(root) is { Parent: var parent } && parent > 1 && HoldsSocket(parent, port))
            {
                root = parent;
            }
            return (new ServerCpuTime(root, $"the process listening on port {port}"), null);
        }
        return (null, $"no live pid in {pidFile} and no process of this machine visible as listening on port {port}");
    }

    /// <summary>utime + stime of the root and all its descendants now.</summary>
    public TimeSpan Read()
    {
        var stats = new List<ProcessStat>();
        foreach (var directory in Directory.EnumerateDirectories("/proc"))
        {
            if (int.TryParse(Path.GetFileName(directory), NumberStyles.None, CultureInfo.InvariantCulture, out var pid) && Stat(pid) is { } stat)
            {
                stats.Add(stat);
            }
        }
        var children = stats.ToLookup(stat => stat.Parent);
        var ticks = 0L;
        var pending = new Stack<int>([RootPid]);
        var seen = new HashSet<int>();
        var byPid = stats.ToDictionary(stat => stat.Pid);
        while (pending.TryPop(out var pid))
        {
            if (!seen.Add(pid))
            {
                continue;
            }
            if (byPid.TryGetValue(pid, out var stat))
            {
                ticks += stat.Ticks;
            }
            foreach (var child in children[pid])
            {
                pending.Push(child.Pid);
            }
        }
        return TimeSpan.FromSeconds((double)ticks / TicksPerSecond);
    }

    private sealed record ProcessStat(int Pid, int Parent, long Ticks);

    /// <summary>proc(5): after the ")" that ends comm, field 4 is ppid, 14 utime, 15 stime.</summary>
    private static ProcessStat? Stat(int pid)
    {
        string text;
        try
        {
            text = File.ReadAllText($"/proc/{pid}/stat");
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }
        var fields = text[(text.LastIndexOf(')') + 2)..].Split(' ');
        // fields[0] is field 3 (state).
        return fields.Length > 12
            && int.TryParse(fields[1], NumberStyles.None, CultureInfo.InvariantCulture, out var parent)
            && long.TryParse(fields[11], NumberStyles.None, CultureInfo.InvariantCulture, out var user)
            && long.TryParse(fields[12], NumberStyles.None, CultureInfo.InvariantCulture, out var system)
            ? new ProcessStat(pid, parent, user + system)
            : null;
    }

    private static int? ListeningPid(int port)
    {
        var inodes = ListeningInodes(port);
        if (inodes.Count == 0)
        {
            return null;
        }
        foreach (var directory in Directory.EnumerateDirectories("/proc"))
        {
            if (int.TryParse(Path.GetFileName(directory), NumberStyles.None, CultureInfo.InvariantCulture, out var pid) && HoldsAny(pid, inodes))
            {
                return pid;
            }
        }
        return null;
    }

    private static bool HoldsSocket(int pid, int port) => HoldsAny(pid, ListeningInodes(port));

    /// <summary>Inodes of sockets in state LISTEN (0A) on <paramref name="port"/>, from /proc/net/tcp and tcp6.</summary>
    private static HashSet<string> ListeningInodes(int port)
    {
        var inodes = new HashSet<string>();
        var suffix = ":" + port.ToString("X4", CultureInfo.InvariantCulture);
        foreach (var table in new[] { "/proc/net/tcp", "/proc/net/tcp6" })
        {
            if (!File.Exists(table))
            {
                continue;
            }
            foreach (var line in File.ReadLines(table).Skip(1))
            {
                var columns = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
                if (columns.Length > 9 && columns[1].EndsWith(suffix, StringComparison.Ordinal) && columns[3] == "0A")
                {
                    inodes.Add(columns[9]);
                }
            }
        }
        return inodes;
    }

    private static bool HoldsAny(int pid, HashSet<string> inodes)
    {
        try
        {
            foreach (var fd in Directory.EnumerateFileSystemEntries($"/proc/{pid}/fd"))
            {
                if (new FileInfo(fd).LinkTarget is { } target && target.StartsWith("socket:[", StringComparison.Ordinal) && inodes.Contains(target[8..^1]))
                {
                    return true;
                }
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
        }
        return false;
    }
}
