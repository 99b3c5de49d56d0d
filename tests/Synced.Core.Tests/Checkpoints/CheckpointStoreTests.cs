using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using Synced.Core.Checkpoints;
using Synced.Core.Model;
using Xunit;

namespace Synced.Core.Tests.Checkpoints;

public class CheckpointStoreTests
{
    private static readonly DateTime End = new(2015, 2, 1, 0, 0, 0, DateTimeKind.Utc);

    private static readonly DateTime Updated = new(2026, 11, 24, 12, 0, 0, DateTimeKind.Utc);

    private static Checkpoint NewCheckpoint(SyncConfiguration configuration, DateTime end, RunSummary? lastRun = null)
        => new(configuration, new Dictionary<WatermarkKey, DateTime> { [new WatermarkKey("users", SyncDirection.CassandraToElasticsearch)] = end }, null, Updated, lastRun);

    [Fact]
    public void A_checkpoint_round_trips_with_its_identity_watermarks_baselines_and_last_run()
    {
        using var dir = new TempDirectory();
        var store = new CheckpointStore(dir.Path);
        var configuration = new SyncConfiguration("app", "app", new[] { "db1", "db2:9043" }, 9042, new[] { new Uri("https://es:9200") });
        var summary = new RunSummary
        {
            Status = "Succeeded", Begin = End.AddDays(-1), End = End, StartedAt = End, Duration = TimeSpan.FromSeconds(1.5),
            Read = 10, Written = 7, SkippedNotNewer = 3, Failed = 0, CheckpointAdvanced = true, ConsecutiveFailures = 0, LastSuccessAt = End,
        };
        var watermarks = new Dictionary<WatermarkKey, DateTime>
        {
            [new WatermarkKey("users", SyncDirection.CassandraToElasticsearch)] = End.AddTicks(123450),
            [new WatermarkKey("users", SyncDirection.ElasticsearchToCassandra)] = End.AddDays(1),
            [new WatermarkKey("orders", SyncDirection.CassandraToElasticsearch, "shard-3")] = End.AddDays(2),
        };
        var baseline = new WatermarkBaseline(End.AddDays(-5), new TableSelection(new[] { "a*" }, new[] { "audit" }), SyncDirection.ElasticsearchToCassandra);
        store.Write(new Checkpoint(configuration, watermarks, new[] { baseline }, Updated, summary));

        var read = store.TryRead(configuration)!;
        Assert.Equal(End.AddDays(-5), read.End);
        Assert.Equal(watermarks.OrderBy(p => p.Key.ToString()), read.Watermarks.OrderBy(p => p.Key.ToString()));
        var readBaseline = Assert.Single(read.Baselines);
        Assert.Equal(baseline.End, readBaseline.End);
        Assert.Equal(SyncDirection.ElasticsearchToCassandra, readBaseline.Direction);
        Assert.Equal(new[] { "a*" }, readBaseline.Tables.Include);
        Assert.Equal(new[] { "audit" }, readBaseline.Tables.Exclude);
        Assert.Equal(End, read.LastRun!.LastSuccessAt);
        Assert.Equal(configuration.Key, read.Configuration.Key);
        Assert.Equal("Succeeded", read.LastRun!.Status);
        Assert.Equal(7, read.LastRun.Written);
        Assert.Equal(TimeSpan.FromSeconds(1.5), read.LastRun.Duration);
        Assert.Equal(store.PathFor(configuration), read.Path);
    }

    [Fact]
    public void No_file_means_no_checkpoint()
    {
        using var dir = new TempDirectory();
        Assert.Null(new CheckpointStore(dir.Path).TryRead(new SyncConfiguration("app", "app")));
    }

    [Fact]
    public void The_state_directory_is_created_on_first_write()
    {
        using var dir = new TempDirectory();
        var nested = Path.Combine(dir.Path, "a", "b");
        new CheckpointStore(nested).Write(NewCheckpoint(new SyncConfiguration("app", "app"), End));
        Assert.Single(Directory.GetFiles(nested, "*.json"));
    }

    [Fact]
    public void A_crash_before_the_rename_leaves_the_old_checkpoint_intact()
    {
        using var dir = new TempDirectory();
        var store = new CheckpointStore(dir.Path);
        var configuration = new SyncConfiguration("app", "app");
        store.Write(NewCheckpoint(configuration, End));

        store.BeforeCommit = temp =>
        {
            // The new content is fully on disk in the temp file when the "crash" happens.
            Assert.True(new FileInfo(temp).Length > 0);
            throw new IOException("simulated crash");
        };
        var error = Assert.Throws<StatePathException>(() => store.Write(NewCheckpoint(configuration, End.AddDays(1))));
        Assert.IsType<IOException>(error.InnerException);

        store.BeforeCommit = null;
        Assert.Equal(End, store.TryRead(configuration)!.End);
        Assert.Single(Directory.GetFiles(dir.Path));
    }

    [Fact]
    public void A_temp_file_left_by_a_killed_process_is_never_read_as_a_checkpoint()
    {
        using var dir = new TempDirectory();
        var store = new CheckpointStore(dir.Path);
        var configuration = new SyncConfiguration("app", "app");
        store.Write(NewCheckpoint(configuration, End));
        File.WriteAllText(store.PathFor(configuration) + ".tmp-0123456789abcdef", "{ half a fi");

        var listed = Assert.Single(store.List().Checkpoints);
        Assert.Equal(End, listed.End);
    }

    [Fact]
    public void A_write_replaces_the_previous_checkpoint()
    {
        using var dir = new TempDirectory();
        var store = new CheckpointStore(dir.Path);
        var configuration = new SyncConfiguration("app", "app");
        store.Write(NewCheckpoint(configuration, End));
        store.Write(NewCheckpoint(configuration, End.AddDays(1)));
        Assert.Equal(End.AddDays(1), store.TryRead(configuration)!.End);
        Assert.Single(Directory.GetFiles(dir.Path));
    }

    [Theory]
    [InlineData("", "empty")]
    [InlineData("{ not json", "not valid JSON")]
    [InlineData("[]", "not a JSON object")]
    [InlineData("{\"formatVersion\": 0}", "formatVersion 0")]
    [InlineData("{\"formatVersion\": 1}", "'named' is missing")]
    public void A_corrupt_file_is_an_error_naming_the_file_and_the_problem(string content, string problem)
    {
        using var dir = new TempDirectory();
        var store = new CheckpointStore(dir.Path);
        var configuration = new SyncConfiguration("app", "app");
        File.WriteAllText(store.PathFor(configuration), content);

        var error = Assert.Throws<CheckpointCorruptException>(() => store.TryRead(configuration));
        Assert.Equal(store.PathFor(configuration), error.FilePath);
        Assert.Contains(problem, error.Message);
        Assert.Contains(store.PathFor(configuration), error.Message);
        Assert.Equal(store.PathFor(configuration), Assert.Single(store.List().Problems).FilePath);
    }

    [Fact]
    public void A_corrupt_file_does_not_hide_the_other_checkpoints()
    {
        using var dir = new TempDirectory();
        var store = new CheckpointStore(dir.Path);
        store.Write(NewCheckpoint(new SyncConfiguration("app", "app"), End));
        store.Write(NewCheckpoint(new SyncConfiguration("shop", "shop"), End));
        File.WriteAllText(Path.Combine(dir.Path, "broken-0000000000.json"), "{ broken");

        var listing = store.List();

        Assert.Equal(new[] { "app", "shop" }, listing.Checkpoints.Select(c => c.Configuration.Keyspace));
        var problem = Assert.Single(listing.Problems);
        Assert.Equal("broken-0000000000", CheckpointStore.NameOfFile(problem.FilePath));
        Assert.True(store.RemoveFile(problem.FilePath));
        Assert.Empty(store.List().Problems);
    }

    [Fact]
    public void A_file_of_a_newer_format_is_refused_and_never_overwritten()
    {
        using var dir = new TempDirectory();
        var store = new CheckpointStore(dir.Path);
        var configuration = new SyncConfiguration("app", "app");
        const string future = "{\"formatVersion\": 3, \"whatever\": true}";
        File.WriteAllText(store.PathFor(configuration), future);

        var read = Assert.Throws<CheckpointCorruptException>(() => store.TryRead(configuration));
        Assert.True(read.IsNewerFormat);
        Assert.Contains("newer Synced", read.Message);
        var write = Assert.Throws<CheckpointCorruptException>(() => store.Write(NewCheckpoint(configuration, End)));
        Assert.True(write.IsNewerFormat);
        Assert.Equal(future, File.ReadAllText(store.PathFor(configuration)));
    }

    [Fact]
    public void A_bad_time_in_the_file_is_an_error()
    {
        using var dir = new TempDirectory();
        var store = new CheckpointStore(dir.Path);
        var configuration = new SyncConfiguration("app", "app");
        var written = store.Write(NewCheckpoint(configuration, End));
        File.WriteAllText(written.Path!, File.ReadAllText(written.Path!).Replace("2015-02-01T00:00:00.000000Z", "last tuesday"));
        var error = Assert.Throws<CheckpointCorruptException>(() => store.TryRead(configuration));
        Assert.Contains("'end'", error.Message);
    }

    [Fact]
    public void Two_configurations_never_share_a_checkpoint()
    {
        using var dir = new TempDirectory();
        var store = new CheckpointStore(dir.Path);
        var first = new SyncConfiguration("app", "app");
        var second = new SyncConfiguration("app", "app-archive");
        store.Write(NewCheckpoint(first, End));
        store.Write(NewCheckpoint(second, End.AddDays(3)));

        Assert.Equal(End, store.TryRead(first)!.End);
        Assert.Equal(End.AddDays(3), store.TryRead(second)!.End);
        Assert.Equal(2, store.List().Checkpoints.Count);
    }

    [Fact]
    public void Credentials_never_land_in_the_file()
    {
        using var dir = new TempDirectory();
        var store = new CheckpointStore(dir.Path);
        var configuration = new SyncConfiguration("app", "app", elasticsearchUris: new[] { new Uri("https://admin:hunter2@es:9200") });
        var written = store.Write(NewCheckpoint(configuration, End));
        Assert.DoesNotContain("hunter2", File.ReadAllText(written.Path!));
    }

    [Fact]
    public void Remove_deletes_the_file()
    {
        using var dir = new TempDirectory();
        var store = new CheckpointStore(dir.Path);
        var written = store.Write(NewCheckpoint(new SyncConfiguration("app", "app"), End));
        Assert.True(store.Remove(written));
        Assert.False(store.Remove(written));
        Assert.Empty(store.List().Checkpoints);
    }

    [Fact]
    public void List_is_empty_when_the_directory_does_not_exist()
        => Assert.Empty(new CheckpointStore(Path.Combine(Path.GetTempPath(), "synced-none-" + Guid.NewGuid())).List().Checkpoints);

    [Fact]
    public void A_state_path_that_is_a_file_is_a_clear_error()
    {
        using var dir = new TempDirectory();
        var file = Path.Combine(dir.Path, "not-a-directory");
        File.WriteAllText(file, "x");
        var store = new CheckpointStore(file);
        var configuration = new SyncConfiguration("app", "app");

        Assert.Contains("it is a file", Assert.Throws<StatePathException>(() => store.TryRead(configuration)).Message);
        Assert.Throws<StatePathException>(() => store.List());
        Assert.Throws<StatePathException>(() => store.AcquireLock(configuration));
        Assert.Throws<StatePathException>(() => store.Write(NewCheckpoint(configuration, End)));
    }

    [Fact]
    public void A_state_path_that_cannot_be_created_is_a_clear_error()
    {
        using var dir = new TempDirectory();
        var file = Path.Combine(dir.Path, "file");
        File.WriteAllText(file, "x");
        var store = new CheckpointStore(Path.Combine(file, "below-a-file"));

        var error = Assert.Throws<StatePathException>(() => store.AcquireLock(new SyncConfiguration("app", "app")));
        Assert.Contains("cannot be created", error.Message);
        Assert.Contains(Path.Combine(file, "below-a-file"), error.Message);
    }
}
