using System;
using System.Collections.Generic;
using Synced.Emulators.Cassandra.Cql;

namespace Synced.Emulators.Cassandra.Execution;

/// <summary>
/// The map-valued table options (compression, compaction, caching) read as Cassandra's CompressionParams,
/// CompactionParams and CachingParams read them, and kept in the form their asMap() gives system_schema.tables.
/// </summary>
internal static class TableOptionMaps
{
    private const string CompressionPackage = "org.apache.cassandra.io.compress.";
    private const string CompactionPackage = "org.apache.cassandra.db.compaction.";

    public static bool IsMapOption(string name) => name is "compression" or "compaction" or "caching" or "extensions";

    public static Dictionary<string, string> Normalize(string option, Dictionary<string, string> given) => option switch
    {
        "compression" => Compression(given),
        "compaction" => Compaction(given),
        "caching" => Caching(given),
        _ => given,
    };

    /// <summary>
    /// CompressionParams.fromMap/asMap: <c>{'enabled': 'false'}</c> (alone) or no class, e.g. <c>{}</c>, mean no
    /// compression, shown as <c>{'enabled': 'false'}</c>; with a class, the class (qualified) and chunk_length_in_kb
    /// (16 by default) and any other option given.
    /// </summary>
    private static Dictionary<string, string> Compression(Dictionary<string, string> given)
    {
        var options = new Dictionary<string, string>(given, StringComparer.Ordinal);
        var enabled = true;
        if (options.Remove("enabled", out var e))
        {
            if (!bool.TryParse(e, out enabled)) throw new CqlConfigurationException($"Invalid value '{e}' for the 'enabled' sub-option of 'compression'");
        }
        var hasClass = options.Remove("class", out var klass) | options.Remove("sstable_compression", out var legacy);
        klass ??= legacy;
        if (!enabled)
        {
            if (options.Count > 0 || hasClass) throw new CqlConfigurationException("If the 'enabled' option is set to false no other options must be specified");
            return Disabled();
        }
        if (!hasClass)
        {
            if (given.Count > 0 && !(given.Count == 1 && given.ContainsKey("enabled")))
                throw new CqlConfigurationException("Missing sub-option 'class' for the 'compression' option.");
            return Disabled();
        }
        if (string.IsNullOrEmpty(klass)) return Disabled();
        options["class"] = klass.Contains('.') ? klass : CompressionPackage + klass;
        if (options.Remove("chunk_length_kb", out var legacyChunk)) options["chunk_length_in_kb"] = legacyChunk;
        options.TryAdd("chunk_length_in_kb", "16");
        return options;

        static Dictionary<string, string> Disabled() => new(StringComparer.Ordinal) { ["enabled"] = "false" };
    }

    /// <summary>CompactionParams: a class is required; min_threshold 4 and max_threshold 32 unless given.</summary>
    private static Dictionary<string, string> Compaction(Dictionary<string, string> given)
    {
        var options = new Dictionary<string, string>(given, StringComparer.Ordinal);
        if (!options.TryGetValue("class", out var klass)) throw new CqlConfigurationException("Missing sub-option 'class' for the 'compaction' option.");
        options["class"] = klass.Contains('.') ? klass : CompactionPackage + klass;
        options.TryAdd("max_threshold", "32");
        options.TryAdd("min_threshold", "4");
        return options;
    }

    /// <summary>CachingParams: keys (ALL) and rows_per_partition (NONE), whatever else was given is refused.</summary>
    private static Dictionary<string, string> Caching(Dictionary<string, string> given)
    {
        var options = new Dictionary<string, string>(StringComparer.Ordinal) { ["keys"] = "ALL", ["rows_per_partition"] = "NONE" };
        foreach (var (key, value) in given)
        {
            if (key is not ("keys" or "rows_per_partition"))
                throw new CqlConfigurationException($"Invalid caching sub-options {{{key}}}: only \"keys\" and \"rows_per_partition\" are allowed");
            options[key] = value;
        }
        return options;
    }
}
