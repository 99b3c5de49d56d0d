using System;
using System.IO;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Synced.Core.Metrics;
using Synced.Core.Tests.Checkpoints;
using Xunit;

namespace Synced.Core.Tests.Metrics;

public sealed class MetricsFileTests : IDisposable
{
    private readonly TempDirectory _directory = new();

    public void Dispose() => _directory.Dispose();

    private string PathOf(string name) => Path.Combine(_directory.Path, name);

    private static string Text(int n) => $"# HELP synced_test_runs A counter.\n# TYPE synced_test_runs gauge\nsynced_test_runs {n}\n" + new string('#', 4096) + "\n";

    [Fact]
    public void A_write_replaces_the_file_through_a_temporary_file_in_the_same_directory()
    {
        var file = new MetricsFile(PathOf("synced.prom"));
        file.Write(Text(1));
        string? seenTemp = null;
        string? targetMeanwhile = null;
        file.BeforeCommit = temp =>
        {
            seenTemp = temp;
            targetMeanwhile = File.ReadAllText(file.Path);
        };

        file.Write(Text(2));

        Assert.Equal(_directory.Path, Path.GetDirectoryName(seenTemp));
        Assert.False(seenTemp!.EndsWith(".prom", StringComparison.Ordinal)); // never read by the textfile collector
        Assert.Equal(Text(1), targetMeanwhile); // until the rename, readers see the whole previous file
        Assert.Equal(Text(2), File.ReadAllText(file.Path));
        Assert.Equal(new[] { "synced.prom" }, Directory.GetFiles(_directory.Path).Select(Path.GetFileName));
    }

    [Fact]
    public void A_reader_that_opened_the_file_keeps_the_whole_old_version_while_it_is_replaced()
    {
        if (OperatingSystem.IsWindows()) return; // Windows does not replace a file another process holds open; the writer retries instead
        var file = new MetricsFile(PathOf("synced.prom"));
        file.Write(Text(1));
        using var reader = new FileStream(file.Path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);

        file.Write(Text(2));

        using var old = new StreamReader(reader);
        Assert.Equal(Text(1), old.ReadToEnd());
        Assert.Equal(Text(2), File.ReadAllText(file.Path));
    }

    [Fact]
    public async Task Concurrent_readers_only_ever_see_a_complete_file()
    {
        var file = new MetricsFile(PathOf("synced.prom"));
        file.Write(Text(0));
        using var done = new CancellationTokenSource();
        var reads = 0;
        var reader = Task.Run(() =>
        {
            while (!done.IsCancellationRequested)
            {
                string text;
                try { text = File.ReadAllText(file.Path); }
                catch (IOException) { continue; } // Windows: the file is being swapped
                Assert.Matches("^# HELP synced_test_runs A counter\\.\n# TYPE synced_test_runs gauge\nsynced_test_runs [0-9]+\n#{4096}\n$", text);
                Interlocked.Increment(ref reads);
            }
        });

        // Writes go on until the reader has read many times in between (however the machine schedules it).
        var written = 0;
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while ((written < 300 || Volatile.Read(ref reads) < 100) && DateTime.UtcNow < deadline && !reader.IsCompleted)
            file.Write(Text(++written));
        done.Cancel();
        await reader;

        Assert.True(Volatile.Read(ref reads) >= 100, $"the reader read {reads} times during {written} writes");
        Assert.Equal(Text(written), File.ReadAllText(file.Path));
    }

    [Fact]
    public void A_missing_directory_or_a_directory_path_is_refused_with_what_to_do()
    {
        var missing = Assert.Throws<MetricsException>(() => new MetricsFile(Path.Combine(_directory.Path, "nope", "synced.prom")));
        Assert.Contains("does not exist", missing.Message);
        var directory = Assert.Throws<MetricsException>(() => new MetricsFile(_directory.Path));
        Assert.Contains("is a directory", directory.Message);
    }
}
