using System.Text.Json;
using System.Text.Json.Serialization;

namespace Conformance.Reports.Model;

/// <summary>Reading and writing run files: camelCase JSON, enums as camelCase strings.</summary>
public static class RunFile
{
    public static JsonSerializerOptions Options { get; } = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    /// <summary>"run-&lt;label&gt;-&lt;yyyyMMdd-HHmmss&gt;.json", the label reduced to file-name-safe characters.</summary>
    public static string FileName(string label, DateTimeOffset started) =>
        $"run-{SafeName(label)}-{started.UtcDateTime:yyyyMMdd-HHmmss}.json";

    public static string SafeName(string text) =>
        new(text.Select(character => char.IsAsciiLetterOrDigit(character) || character is '.' or '-' or '_' ? character : '-').ToArray());

    public static void Write(string path, RunResult run)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        File.WriteAllText(path, JsonSerializer.Serialize(run, Options));
    }

    public static RunResult Read(string path)
    {
        RunResult? run;
        try
        {
            run = JsonSerializer.Deserialize<RunResult>(File.ReadAllText(path), Options);
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"{path} is not a run file: {e.Message}", e);
        }
        if (run is null || run.SchemaVersion != RunResult.CurrentSchemaVersion)
        {
            throw new InvalidDataException($"{path} is not a run file of schema version {RunResult.CurrentSchemaVersion}");
        }
        return run;
    }
}
