using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;

namespace Synced.Run.Bench;

/// <summary>
/// What a run costs as operators see it: Invoke-SyncedRun in its own pwsh process against the emulator host in
/// another, as a cron job would run it. Prints one table: entries per second of a both-ways run, the pwsh
/// process's CPU time per entry (start-up excluded; the emulator host's beside it), its peak working set at two sizes, and an incremental run
/// after 0.1% of the rows changed (wall time and the rows the Cassandra emulator examined, with and without a
/// storage-attached index on tmstmp where the emulator offers one).
/// Usage: <c>dotnet run -c Release --project bench/Synced.Run.Bench -- [--ids 550000] [--small 100000]
/// [--large 1000000] [--module out/Synced/Synced.psd1] [--emulator path/Synced.Emulators.dll] [--only throughput|memory|incremental]
/// [--run-args "-Parallelism 8"] [--trace DIR]</c>.
/// </summary>
internal static class Program
{
    private static readonly string[] Columns = ["scenario", "entries", "wall", "rate", "cost", "memory"];

    private static async Task<int> Main(string[] args)
    {
        var options = BenchOptions.Parse(args);
        Console.WriteLine($"Synced run bench: module {options.Module}, {Environment.ProcessorCount} processors, .NET {Environment.Version}");
        var rows = new List<string[]>();
        var ok = true;

        if (options.Runs("throughput"))
        {
            await using var host = await EmulatorHost.StartAsync(options);
            var data = await Dataset.LoadSplitAsync(host, "tp", options.Ids);
            var run = await PwshRun.InvokeAsync(options, host, data.Keyspace, "-Direction Both -NoCheckpoint");
            ok &= run.Succeeded;
            rows.Add(new[] { $"both ways, {options.Ids:N0} ids", $"{run.Read:N0} read, {run.Written:N0} written", $"{run.Seconds:F1} s",
                $"{run.Read / run.Seconds:N0} entries/s", Cost(run), $"{Mb(run.PeakWorkingSet)} peak" });
        }

        if (options.Runs("memory"))
        {
            foreach (var size in new[] { options.Small, options.Large })
            {
                await using var host = await EmulatorHost.StartAsync(options);
                var data = await Dataset.LoadSplitAsync(host, "mem", size);
                var run = await PwshRun.InvokeAsync(options, host, data.Keyspace, "-Direction Both -NoCheckpoint");
                ok &= run.Succeeded;
                rows.Add(new[] { $"both ways, {size:N0} ids", $"{run.Read:N0} read, {run.Written:N0} written", $"{run.Seconds:F1} s",
                    $"{run.Read / run.Seconds:N0} entries/s", Cost(run), $"{Mb(run.PeakWorkingSet)} peak" });
            }
        }

        if (options.Runs("incremental"))
        {
            foreach (var withIndex in options.IndexVariants())
            {
                await using var host = await EmulatorHost.StartAsync(options, cassandraVersion: withIndex ? "5.0.2" : null);
                var data = await Dataset.LoadCassandraAsync(host, withIndex ? "sai" : "scan", options.Large, withIndex);
                var full = await PwshRun.InvokeAsync(options, host, data.Keyspace, "-Direction Both -CreateMissing");
                var changed = options.Large / 1000;
                await data.ChangeAsync(changed);
                var before = await host.RowsExaminedAsync(data.Keyspace);
                var incremental = await PwshRun.InvokeAsync(options, host, data.Keyspace, "-Direction Both", full.StatePath);
                var examined = await host.RowsExaminedAsync(data.Keyspace) - before;
                ok &= full.Succeeded && incremental.Succeeded;
                var label = withIndex ? "with SAI on tmstmp" : "without an index";
                rows.Add(new[] { $"full run, {options.Large:N0} rows, {label}", $"{full.Read:N0} read", $"{full.Seconds:F1} s", "", "", $"{Mb(full.PeakWorkingSet)} peak" });
                rows.Add(new[] { $"incremental, {changed:N0} changed, {label}", $"{incremental.Read:N0} read, {incremental.Written:N0} written", $"{incremental.Seconds:F1} s",
                    $"{100 * incremental.Seconds / full.Seconds:F1}% of the full run", examined is { } e ? $"{e:N0} rows examined ({e / (double)changed:F1}x changed)" : "rows examined: not reported", "" });
            }
        }

        Console.WriteLine();
        Print(Columns, rows);
        Console.WriteLine(ok ? "OK: every run succeeded" : "FAILED: a run did not succeed (see above)");
        return ok ? 0 : 1;
    }

    private static string Mb(long bytes) => $"{bytes / 1048576.0:F0} MB";

    /// <summary>Synced's CPU per entry (the pwsh process), and the emulators' beside it.</summary>
    private static string Cost(PwshRun run)
        => $"{run.CpuSeconds * 1_000_000 / Math.Max(1, run.Read):F1} µs CPU/entry (emulators {run.EmulatorCpuSeconds * 1_000_000 / Math.Max(1, run.Read):F1})";

    private static void Print(string[] header, List<string[]> rows)
    {
        var widths = header.Select((h, i) => Math.Max(h.Length, rows.Count == 0 ? 0 : rows.Max(r => r[i].Length))).ToArray();
        Console.WriteLine(string.Join(" | ", header.Select((h, i) => h.PadRight(widths[i]))));
        Console.WriteLine(string.Join("-+-", widths.Select(w => new string('-', w))));
        foreach (var row in rows) Console.WriteLine(string.Join(" | ", row.Select((c, i) => c.PadRight(widths[i]))));
    }
}
