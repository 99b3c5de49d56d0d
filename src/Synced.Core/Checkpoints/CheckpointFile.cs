using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text.Json;
using Synced.Core.Model;

namespace Synced.Core.Checkpoints;

/// <summary>
/// The JSON form of a checkpoint file, written and read strictly. Format 2 holds one watermark per table and
/// direction; format 1 (one end for a whole configuration, whose identity included its table selection and
/// direction) is still read, as a checkpoint with one baseline, so the store can migrate it.
/// </summary>
internal static class CheckpointFile
{
    public const int FormatVersion = 2;
    public const int LegacyFormatVersion = 1;
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
            writer.WriteEndObject();
            writer.WriteStartArray("watermarks");
            foreach (var pair in checkpoint.Watermarks.OrderBy(p => p.Key.Table, StringComparer.Ordinal).ThenBy(p => p.Key.Direction).ThenBy(p => p.Key.Shard, StringComparer.Ordinal))
            {
                writer.WriteStartObject();
                writer.WriteString("table", pair.Key.Table);
                writer.WriteString("direction", pair.Key.Direction.ToString());
                if (pair.Key.Shard is not null) writer.WriteString("shard", pair.Key.Shard);
                writer.WriteString("end", pair.Value.ToString(TimeFormat, CultureInfo.InvariantCulture));
                writer.WriteEndObject();
            }
            writer.WriteEndArray();
            writer.WriteStartArray("baselines");
            foreach (var baseline in checkpoint.Baselines)
            {
                writer.WriteStartObject();
                WriteArray(writer, "tables", baseline.Tables.Include);
                WriteArray(writer, "excludeTables", baseline.Tables.Exclude);
                writer.WriteString("direction", baseline.Direction.ToString());
                writer.WriteString("end", baseline.End.ToString(TimeFormat, CultureInfo.InvariantCulture));
                writer.WriteEndObject();
            }
            writer.WriteEndArray();
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
                writer.WriteNumber("consecutiveFailures", run.ConsecutiveFailures);
                if (run.LastSuccessAt is { } lastSuccess) writer.WriteString("lastSuccessAt", lastSuccess.ToString(PreciseTimeFormat, CultureInfo.InvariantCulture));
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

    /// <summary>Reads a file of format 1 or 2; <paramref name="formatVersion"/> tells which.</summary>
    public static Checkpoint Deserialize(byte[] bytes, string path, out int formatVersion)
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
            formatVersion = RequiredInt(root, "formatVersion", path);
            if (formatVersion > FormatVersion) throw CheckpointCorruptException.NewerFormat(path, formatVersion);
            if (formatVersion < LegacyFormatVersion)
                throw new CheckpointCorruptException(path, $"formatVersion {formatVersion} is not a version Synced ever wrote");

            var named = Required(root, "named", JsonValueKind.True, path, allowFalse: true).GetBoolean();
            var name = RequiredString(root, "name", path);
            var configElement = Required(root, "configuration", JsonValueKind.Object, path);

            SyncConfiguration configuration;
            try
            {
                configuration = new SyncConfiguration(
                    RequiredString(configElement, "keyspace", path),
                    RequiredString(configElement, "index", path),
                    StringArray(configElement, "cassandraHosts", path),
                    ConfigurationDefaults.CassandraPort,
                    StringArray(configElement, "elasticsearchUris", path).Select(u => new Uri(u, UriKind.Absolute)),
                    named ? name : null);
            }
            catch (Exception ex) when (ex is ArgumentException or UriFormatException)
            {
                throw new CheckpointCorruptException(path, "its configuration is invalid: " + ex.Message, ex);
            }

            var watermarks = new Dictionary<WatermarkKey, DateTime>();
            var baselines = new List<WatermarkBaseline>();
            if (formatVersion == LegacyFormatVersion)
            {
                // Format 1: one end for the configuration's table selection and direction.
                var selection = Selection(configElement, path);
                var direction = ParseDirection(RequiredString(configElement, "direction", path), path, "configuration.direction", allowBoth: true);
                baselines.Add(new WatermarkBaseline(RequiredTime(root, "end", path), selection, direction));
            }
            else
            {
                foreach (var item in Required(root, "watermarks", JsonValueKind.Array, path).EnumerateArray())
                {
                    if (item.ValueKind != JsonValueKind.Object) throw new CheckpointCorruptException(path, "an item of 'watermarks' is not an object");
                    var direction = ParseDirection(RequiredString(item, "direction", path), path, "watermarks[].direction", allowBoth: false);
                    string? shard = null;
                    if (item.TryGetProperty("shard", out var shardElement) && shardElement.ValueKind != JsonValueKind.Null)
                    {
                        if (shardElement.ValueKind != JsonValueKind.String) throw new CheckpointCorruptException(path, "a watermark's 'shard' is not a string");
                        shard = shardElement.GetString();
                    }
                    WatermarkKey key;
                    try
                    {
                        key = new WatermarkKey(RequiredString(item, "table", path), direction, shard);
                    }
                    catch (ArgumentException ex)
                    {
                        throw new CheckpointCorruptException(path, "a watermark is invalid: " + ex.Message, ex);
                    }
                    if (watermarks.ContainsKey(key)) throw new CheckpointCorruptException(path, $"the watermark of {key} appears twice");
                    watermarks[key] = RequiredTime(item, "end", path);
                }
                foreach (var item in Required(root, "baselines", JsonValueKind.Array, path).EnumerateArray())
                {
                    if (item.ValueKind != JsonValueKind.Object) throw new CheckpointCorruptException(path, "an item of 'baselines' is not an object");
                    var direction = ParseDirection(RequiredString(item, "direction", path), path, "baselines[].direction", allowBoth: true);
                    baselines.Add(new WatermarkBaseline(RequiredTime(item, "end", path), Selection(item, path), direction));
                }
            }

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
                    ConsecutiveFailures = run.TryGetProperty("consecutiveFailures", out _) ? RequiredLong(run, "consecutiveFailures", path) : 0,
                    LastSuccessAt = run.TryGetProperty("lastSuccessAt", out _) ? RequiredTime(run, "lastSuccessAt", path) : null,
                };
            }
            return new Checkpoint(configuration, watermarks, baselines, updatedAt, lastRun, path);
        }
    }

    private static TableSelection Selection(JsonElement parent, string path)
        => new(StringArray(parent, "tables", path), StringArray(parent, "excludeTables", path));

    private static SyncDirection ParseDirection(string text, string path, string property, bool allowBoth)
    {
        if (!Enum.TryParse<SyncDirection>(text, ignoreCase: false, out var direction) || !Enum.IsDefined(typeof(SyncDirection), direction)
            || (!allowBoth && direction == SyncDirection.Both))
        {
            var allowed = allowBoth ? Enum.GetNames(typeof(SyncDirection)) : new[] { nameof(SyncDirection.CassandraToElasticsearch), nameof(SyncDirection.ElasticsearchToCassandra) };
            throw new CheckpointCorruptException(path, $"{property} '{text}' is not one of {string.Join(", ", allowed)}");
        }
        return direction;
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

    private static List<string> StringArray(JsonElement parent, string name, string path)
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
