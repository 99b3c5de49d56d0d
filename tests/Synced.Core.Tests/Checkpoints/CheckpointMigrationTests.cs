using System;
using System.IO;
using System.Linq;
using Synced.Core.Checkpoints;
using Synced.Core.Model;
using Xunit;

namespace Synced.Core.Tests.Checkpoints;

/// <summary>Checkpoint files of the first format (one end per configuration of tables and direction) are migrated in place.</summary>
public class CheckpointMigrationTests
{
    private static readonly DateTime OldEnd = new(2015, 2, 1, 0, 0, 0, DateTimeKind.Utc);

    private static string FirstFormat(string keyspace, string index, string[] tables, string[] exclude, string direction, DateTime end, string? name = null)
        => $$"""
        {
          "formatVersion": 1,
          "name": "{{name ?? keyspace + "-" + index + "-0123456789"}}",
          "named": {{(name is null ? "false" : "true")}},
          "configuration": {
            "keyspace": "{{keyspace}}",
            "index": "{{index}}",
            "cassandraHosts": [ "localhost:9042" ],
            "elasticsearchUris": [ "http://localhost:9200" ],
            "tables": [ {{string.Join(", ", tables.Select(t => $"\"{t}\""))}} ],
            "excludeTables": [ {{string.Join(", ", exclude.Select(t => $"\"{t}\""))}} ],
            "direction": "{{direction}}"
          },
          "end": "{{end:yyyy-MM-ddTHH:mm:ss.ffffff}}Z",
          "updatedAt": "2015-02-01T00:00:05.0000000Z",
          "lastRun": {
            "status": "Succeeded", "begin": "2015-01-01T00:00:00.0000000Z", "end": "{{end:yyyy-MM-ddTHH:mm:ss.fffffff}}Z",
            "startedAt": "{{end:yyyy-MM-ddTHH:mm:ss.fffffff}}Z", "durationSeconds": 1.5, "read": 10, "written": 7,
            "skippedNotNewer": 3, "failed": 0, "checkpointAdvanced": true
          }
        }
        """;

    [Fact]
    public void A_first_format_file_is_migrated_in_place_to_a_baseline_of_its_tables_and_direction()
    {
        using var dir = new TempDirectory();
        var legacyPath = Path.Combine(dir.Path, "app-app-0123456789.json");
        File.WriteAllText(legacyPath, FirstFormat("app", "app", new[] { "users" }, Array.Empty<string>(), "CassandraToElasticsearch", OldEnd));
        var store = new CheckpointStore(dir.Path);
        var configuration = new SyncConfiguration("app", "app");

        var migrated = store.TryRead(configuration)!;

        Assert.Empty(migrated.Watermarks);
        var baseline = Assert.Single(migrated.Baselines);
        Assert.Equal(OldEnd, baseline.End);
        Assert.Equal(SyncDirection.CassandraToElasticsearch, baseline.Direction);
        Assert.Equal(OldEnd, migrated.WatermarkFor(new WatermarkKey("users", SyncDirection.CassandraToElasticsearch)));
        Assert.Null(migrated.WatermarkFor(new WatermarkKey("users", SyncDirection.ElasticsearchToCassandra)));
        Assert.Null(migrated.WatermarkFor(new WatermarkKey("orders", SyncDirection.CassandraToElasticsearch)));
        Assert.Equal(7, migrated.LastRun!.Written);
        // Written once, atomically, in the current format; the old file is gone.
        Assert.False(File.Exists(legacyPath));
        Assert.Contains("\"formatVersion\": 2", File.ReadAllText(store.PathFor(configuration)));
        Assert.Single(Directory.GetFiles(dir.Path, "*.json"));
    }

    [Fact]
    public void A_named_first_format_file_is_rewritten_at_the_same_path()
    {
        using var dir = new TempDirectory();
        var store = new CheckpointStore(dir.Path);
        var configuration = new SyncConfiguration("app", "app", name: "nightly");
        File.WriteAllText(store.PathFor(configuration), FirstFormat("app", "app", new[] { "*" }, new[] { "audit" }, "Both", OldEnd, name: "nightly"));

        var listed = Assert.Single(store.List().Checkpoints);

        Assert.Equal("nightly", listed.Name);
        Assert.Equal(OldEnd, listed.WatermarkFor(new WatermarkKey("users", SyncDirection.ElasticsearchToCassandra)));
        Assert.Null(listed.WatermarkFor(new WatermarkKey("audit", SyncDirection.ElasticsearchToCassandra)));
        Assert.Contains("\"formatVersion\": 2", File.ReadAllText(store.PathFor(configuration)));
    }

    [Fact]
    public void First_format_files_of_one_identity_merge_and_the_older_end_wins_where_they_overlap()
    {
        using var dir = new TempDirectory();
        File.WriteAllText(Path.Combine(dir.Path, "app-app-1111111111.json"), FirstFormat("app", "app", new[] { "*" }, Array.Empty<string>(), "Both", OldEnd));
        File.WriteAllText(Path.Combine(dir.Path, "app-app-2222222222.json"), FirstFormat("app", "app", new[] { "users" }, Array.Empty<string>(), "ElasticsearchToCassandra", OldEnd.AddDays(-10)));
        var store = new CheckpointStore(dir.Path);

        var merged = store.TryRead(new SyncConfiguration("app", "app"))!;

        Assert.Equal(2, merged.Baselines.Count);
        Assert.Equal(OldEnd.AddDays(-10), merged.WatermarkFor(new WatermarkKey("users", SyncDirection.ElasticsearchToCassandra)));
        Assert.Equal(OldEnd, merged.WatermarkFor(new WatermarkKey("users", SyncDirection.CassandraToElasticsearch)));
        Assert.Single(Directory.GetFiles(dir.Path, "*.json"));
    }

    [Fact]
    public void Applying_baselines_gives_every_known_table_its_own_watermark_and_new_tables_start_at_the_beginning()
    {
        var configuration = new SyncConfiguration("app", "app");
        var checkpoint = Checkpoint.ForAllTables(configuration, OldEnd, OldEnd);
        var known = new[] { "users", "orders" }.SelectMany(t => new[] { new WatermarkKey(t, SyncDirection.CassandraToElasticsearch), new WatermarkKey(t, SyncDirection.ElasticsearchToCassandra) });

        var applied = checkpoint.WithBaselinesApplied(known);

        Assert.Empty(applied.Baselines);
        Assert.Equal(4, applied.Watermarks.Count);
        Assert.All(applied.Watermarks.Values, end => Assert.Equal(OldEnd, end));
        Assert.Null(applied.WatermarkFor(new WatermarkKey("products", SyncDirection.CassandraToElasticsearch)));
    }

    [Fact]
    public void A_migration_while_a_run_holds_the_lock_is_shown_but_not_written()
    {
        using var dir = new TempDirectory();
        var legacyPath = Path.Combine(dir.Path, "app-app-0123456789.json");
        File.WriteAllText(legacyPath, FirstFormat("app", "app", new[] { "*" }, Array.Empty<string>(), "Both", OldEnd));
        var store = new CheckpointStore(dir.Path);
        var configuration = new SyncConfiguration("app", "app");

        using (store.AcquireLock(configuration))
        {
            var shown = Assert.Single(store.List().Checkpoints);
            Assert.Equal(OldEnd, shown.End);
            Assert.True(File.Exists(legacyPath));
        }
        Assert.Single(store.List().Checkpoints);
        Assert.False(File.Exists(legacyPath));
    }
}
