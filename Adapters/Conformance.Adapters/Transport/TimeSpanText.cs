using System.Globalization;

namespace Conformance.Adapters.Transport;

/// <summary>Durations as people read them in error messages: "300 ms", "5 s", "1.5 s".</summary>
internal static class TimeSpanText
{
    public static string Of(TimeSpan value) =>
        value < TimeSpan.FromSeconds(1)
            ? string.Create(CultureInfo.InvariantCulture, $"{value.TotalMilliseconds:0.###} ms")
            : string.Create(CultureInfo.InvariantCulture, $"{value.TotalSeconds:0.###} s");
}
