namespace Conformance.ReferenceServer.Storage;

/// <summary>FILETIME conversions: 100 ns intervals since 1601-01-01 UTC (MS-DTYP 2.3.3).</summary>
public static class FileTime
{
    /// <summary>Seconds from 1601-01-01 to the Unix epoch 1970-01-01.</summary>
    public const long UnixEpochSeconds = 11_644_473_600;

    public static long From(DateTimeOffset time) => time.UtcDateTime.ToFileTimeUtc();

    public static long Now(TimeProvider clock) => From(clock.GetUtcNow());

    public static long FromUnix(long seconds, long nanoseconds) =>
        ((seconds + UnixEpochSeconds) * 10_000_000) + (nanoseconds / 100);

    /// <summary>The latest FILETIME a DateTime holds (9999-12-31).</summary>
    public static long MaximumRepresentable { get; } = DateTime.MaxValue.ToFileTimeUtc();

    public static DateTime ToDateTime(long fileTime) => DateTime.FromFileTimeUtc(fileTime);
}
