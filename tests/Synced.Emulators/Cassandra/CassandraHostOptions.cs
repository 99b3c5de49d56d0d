using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;

namespace Synced.Emulators.Cassandra;

/// <summary>Reads the emulator host's Cassandra options (--cql-nodes, --cassandra-version, --cql-settings ...); bad values are usage errors.</summary>
internal static class CassandraHostOptions
{
    public static CassandraEmulatorOptions Parse(IReadOnlyDictionary<string, string> args, int port)
    {
        var options = new CassandraEmulatorOptions
        {
            Port = port,
            User = args.GetValueOrDefault("cql-user"),
            Password = args.GetValueOrDefault("cql-password"),
        };
        if (args.TryGetValue("cql-nodes", out var nodes))
        {
            if (int.TryParse(nodes, NumberStyles.None, CultureInfo.InvariantCulture, out var count))
            {
                if (count is < 1 or > 254) throw new ArgumentException($"--cql-nodes must be from 1 to 254, not {count}");
                options.Nodes = count;
            }
            else
            {
                // dc1:2,dc2:1 -> two nodes in dc1, then one in dc2.
                var list = new List<string>();
                foreach (var part in nodes.Split(','))
                {
                    var pieces = part.Split(':');
                    if (pieces.Length != 2 || pieces[0].Length == 0 || !int.TryParse(pieces[1], NumberStyles.None, CultureInfo.InvariantCulture, out var n) || n < 1)
                        throw new ArgumentException($"--cql-nodes takes a node count or data centers with counts (dc1:2,dc2:1), not '{nodes}'");
                    list.AddRange(Enumerable.Repeat(pieces[0], n));
                }
                options.NodeDataCenters = list;
            }
        }
        if (args.TryGetValue("cql-num-tokens", out var tokens))
        {
            if (!int.TryParse(tokens, NumberStyles.None, CultureInfo.InvariantCulture, out var n) || n is < 1 or > 256)
                throw new ArgumentException($"--cql-num-tokens must be from 1 to 256, not '{tokens}'");
            options.NumTokens = n;
        }
        if (args.TryGetValue("cassandra-version", out var version))
        {
            if (!System.Text.RegularExpressions.Regex.IsMatch(version, @"^[45]\.\d+\.\d+$"))
                throw new ArgumentException($"--cassandra-version must be a 4.x or 5.x release such as 4.1.5 or 5.0.2, not '{version}'");
            options.CassandraVersion = version;
        }
        if (args.TryGetValue("cql-settings", out var settings)) Apply(options.Settings, settings);
        return options;
    }

    /// <summary>Applies name=value[,name=value] settings (cassandra.yaml names; times in milliseconds).</summary>
    public static void Apply(CassandraSettings settings, string text)
    {
        foreach (var pair in text.Split(',', StringSplitOptions.RemoveEmptyEntries))
        {
            var kv = pair.Split('=', 2);
            if (kv.Length != 2) throw new ArgumentException($"a setting is name=value, not '{pair}'");
            var (name, value) = (kv[0].Trim(), kv[1].Trim());
            long Number() => long.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var v) ? v
                : throw new ArgumentException($"setting {name} needs a non-negative number, not '{value}'");
            switch (name)
            {
                case "read_request_timeout_ms": settings.ReadRequestTimeout = TimeSpan.FromMilliseconds(Number()); break;
                case "range_request_timeout_ms": settings.RangeRequestTimeout = TimeSpan.FromMilliseconds(Number()); break;
                case "tombstone_warn_threshold": settings.TombstoneWarnThreshold = checked((int)Number()); break;
                case "tombstone_failure_threshold": settings.TombstoneFailureThreshold = checked((int)Number()); break;
                case "max_mutation_size": settings.MaxMutationSize = Number(); break;
                case "batch_size_warn_threshold": settings.BatchSizeWarnThreshold = Number(); break;
                case "batch_size_fail_threshold": settings.BatchSizeFailThreshold = Number(); break;
                case "unlogged_batch_across_partitions_warn_threshold": settings.UnloggedBatchAcrossPartitionsWarnThreshold = checked((int)Number()); break;
                case "schema_propagation_delay_ms": settings.SchemaPropagationDelay = TimeSpan.FromMilliseconds(Number()); break;
                case "filtered_page_examine_limit": settings.FilteredPageExamineLimit = Number(); break;
                case "allow_filtering_enabled":
                    settings.AllowFilteringEnabled = value switch
                    {
                        "true" => true,
                        "false" => false,
                        _ => throw new ArgumentException($"allow_filtering_enabled is true or false, not '{value}'"),
                    };
                    break;
                default:
                    throw new ArgumentException($"unknown setting '{name}' (known: read_request_timeout_ms, range_request_timeout_ms, tombstone_warn_threshold, tombstone_failure_threshold, max_mutation_size, batch_size_warn_threshold, batch_size_fail_threshold, unlogged_batch_across_partitions_warn_threshold, allow_filtering_enabled, schema_propagation_delay_ms, filtered_page_examine_limit)");
            }
        }
    }
}
