using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text.Json;
using Synced.Core.Model;

namespace Synced.Core.Checkpoints;

/// <summary>The JSON form of a checkpoint file (format version 1), written and read strictly.</summary>
internal static class CheckpointFile
{
    public const int FormatVersion = 1;
    private const string TimeFormat = "yyyy-MM-dd'T'HH:mm:ss.ffffff'Z'";
    private const string PreciseTimeFormat = "yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'";

    public static byte[] Serialize(Checkpoint checkpoint)
    {
        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true }))
        {
            var c = checkpoint.Configuration;
            writer.WriteStartObject();
            writer.WriteNumber("formatVersion", FormatVersion);
            writer.WriteString("name", checkpoint.Name);
            writer.WriteBoolean("named", c.Name is not null);
            writer.WriteStartObject("configuration");
            writer.WriteString("keyspace", c.Keyspace);
            writer.WriteString("index", c.Index);
            WriteArray(writer, "cassandraHosts", c.CassandraHosts);
            WriteArray(writer, "elasticsearchUris", c.ElasticsearchUris);
            WriteArray(writer, "tables", c.Tables.Include);
            WriteArray(writer, "excludeTables", c.Tables.Exclude);
            writer.WriteString("direction", c.Direction.ToString());
            writer.WriteEndObject();
            writer.WriteString("end", checkpoint.End.ToString(TimeFormat, CultureInfo.InvariantCulture));
            writer.WriteString("updatedAt", checkpoint.UpdatedAt.ToString(PreciseTimeFormat, CultureInfo.InvariantCulture));
            if (checkpoint.LastRun is { } run)
            {
                writer.WriteStartObject("lastRun");
                writer.WriteString("status", run.Status);
                writer.WriteString("begin", run.Begin.ToString(PreciseTimeFormat, CultureInfo.InvariantCulture));
                writer.WriteString("end", run.End.ToString(PreciseTimeFormat, CultureInfo.InvariantCulture));
                writer.WriteString("startedAt", run.StartedAt.ToString(PreciseTimeFormat, CultureInfo.InvariantCulture));
                writer.WriteNumber("durationSeconds", Math.Round(run.Duration.TotalSeconds, 3));
                writer.WriteNumber("read", run.Read);
                writer.WriteNumber("written", run.Written);
                writer.WriteNumber("skippedNotNewer", run.SkippedNotNewer);
                writer.WriteNumber("failed", run.Failed);
                writer.WriteBoolean("checkpointAdvanced", run.CheckpointAdvanced);
                writer.WriteEndObject();
            }
            else
            {
                writer.WriteNull("lastRun");
            }
            writer.WriteEndObject();
        }
        return stream.ToArray();
    }

    public static Checkpoint Deserialize(byte[] bytes, string path)
    {
        if (bytes.Length == 0) throw new CheckpointCorruptException(path, "the file is empty");
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(bytes);
        }
        catch (JsonException ex)
        {
            throw new CheckpointCorruptException(path, $"it is not valid JSON ({ex.Message})", ex);
        }

        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object) throw new CheckpointCorruptException(path, "the top level is not a JSON object");
            var version = RequiredInt(root, "formatVersion", path);
            if (version != FormatVersion)
                throw new CheckpointCorruptException(path, $"formatVersion {version} is not supported (this Synced reads version {FormatVersion}); use a matching Synced version");

            var named = Required(root, "named", JsonValueKind.True, path, allowFalse: true).GetBoolean();
            var name = RequiredString(root, "name", path);
            var configElement = Required(root, "configuration", JsonValueKind.Object, path);
            var directionText = RequiredString(configElement, "direction", path);
            if (!Enum.TryParse<SyncDirection>(directionText, ignoreCase: false, out var direction) || !Enum.IsDefined(typeof(SyncDirection), direction))
                throw new CheckpointCorruptException(path, $"configuration.direction '{directionText}' is not one of {string.Join(", ", Enum.GetNames(typeof(SyncDirection)))}");

            SyncConfiguration configuration;
            try
            {
                configuration = new SyncConfiguration(
                    RequiredString(configElement, "keyspace", path),
                    RequiredString(configElement, "index", path),
                    StringArray(configElement, "cassandraHosts", path),
                    ConfigurationDefaults.CassandraPort,
                    StringArray(configElement, "elasticsearchUris", path).Select(u => new Uri(u, UriKind.Absolute)),
                    new TableSelection(StringArray(configElement, "tables", path), StringArray(configElement, "excludeTables", path)),
                    direction,
                    named ? name : null);
            }
            catch (Exception ex) when (ex is ArgumentException or UriFormatException)
            {
                throw new CheckpointCorruptException(path, "its configuration is invalid: " + ex.Message, ex);
            }

            var end = RequiredTime(root, "end", path);
            var updatedAt = RequiredTime(root, "updatedAt", path);
            RunSummary? lastRun = null;
            if (root.TryGetProperty("lastRun", out var run) && run.ValueKind != JsonValueKind.Null)
            {
                if (run.ValueKind != JsonValueKind.Object) throw new CheckpointCorruptException(path, "lastRun is not an object");
                lastRun = new RunSummary
                {
                    Status = RequiredString(run, "status", path),
                    Begin = RequiredTime(run, "begin", path),
                    End = RequiredTime(run, "end", path),
                    StartedAt = RequiredTime(run, "startedAt", path),
                    Duration = TimeSpan.FromSeconds(Required(run, "durationSeconds", JsonValueKind.Number, path).GetDouble()),
                    Read = RequiredLong(run, "read", path),
                    Written = RequiredLong(run, "written", path),
                    SkippedNotNewer = RequiredLong(run, "skippedNotNewer", path),
                    Failed = RequiredLong(run, "failed", path),
                    CheckpointAdvanced = Required(run, "checkpointAdvanced", JsonValueKind.True, path, allowFalse: true).GetBoolean(),
                };
            }
            return new Checkpoint(configuration, end, updatedAt, lastRun, path);
        }
    }

    private static void WriteArray(Utf8JsonWriter writer, string name, IEnumerable<string> values)
    {
        writer.WriteStartArray(name);
        foreach (var value in values) writer.WriteStringValue(value);
        writer.WriteEndArray();
    }

    private static JsonElement Required(JsonElement parent, string name, JsonValueKind kind, string path, bool allowFalse = false)
    {
        if (!parent.TryGetProperty(name, out var element))
            throw new CheckpointCorruptException(path, $"the property '{name}' is missing");
        var ok = element.ValueKind == kind || (allowFalse && element.ValueKind == JsonValueKind.False);
        if (!ok) throw new CheckpointCorruptException(path, $"the property '{name}' should be {(allowFalse ? "true or false" : kind.ToString().ToLowerInvariant())}, not {element.ValueKind.ToString().ToLowerInvariant()}");
        return element;
    }

    private static string RequiredString(JsonElement parent, string name, string path)
        => Required(parent, name, JsonValueKind.String, path).GetString()!;

    private static int RequiredInt(JsonElement parent, string name, string path)
    {
        var element = Required(parent, name, JsonValueKind.Number, path);
        if (!element.TryGetInt32(out var value)) throw new CheckpointCorruptException(path, $"the property '{name}' is not an integer");
        return value;
    }

    private static long RequiredLong(JsonElement parent, string name, string path)
    {
        var element = Required(parent, name, JsonValueKind.Number, path);
        if (!element.TryGetInt64(out var value) || value < 0) throw new CheckpointCorruptException(path, $"the property '{name}' is not a count");
        return value;
    }

    private static DateTime RequiredTime(JsonElement parent, string name, string path)
    {
        var text = RequiredString(parent, name, path);
        if (!DateTime.TryParseExact(text, new[] { TimeFormat, PreciseTimeFormat, "yyyy-MM-dd'T'HH:mm:ss'Z'", "yyyy-MM-dd'T'HH:mm:ss.fff'Z'" },
                CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.AdjustToUniversal | System.Globalization.DateTimeStyles.AssumeUniversal, out var value))
            throw new CheckpointCorruptException(path, $"the property '{name}' value '{text}' is not a UTC time like 2015-02-01T00:00:00.000000Z");
        return DateTime.SpecifyKind(value, DateTimeKind.Utc);
    }

    private static IEnumerable<string> StringArray(JsonElement parent, string name, string path)
    {
        var element = Required(parent, name, JsonValueKind.Array, path);
        var list = new List<string>();
        foreach (var item in element.EnumerateArray())
        {
            if (item.ValueKind != JsonValueKind.String) throw new CheckpointCorruptException(path, $"the array '{name}' holds a {item.ValueKind.ToString().ToLowerInvariant()}, not strings");
            list.Add(item.GetString()!);
        }
        return list;
    }
}
