using System;
using System.Diagnostics;
using System.Globalization;
using System.Linq;
using Synced.Cql.Bench;

// Usage: Synced.Cql.Bench [decode|loopback|emulator|all] [--rows N] [--statements N] [--concurrency N]
//   decode    rows/s decoding pre-built Rows frames (no network)
//   loopback  statements/s written to a minimal loopback node that answers every request at once
//   emulator  rows/s paging a large table and statements/s inserting, against the in-process Cassandra emulator
var mode = args.FirstOrDefault(a => !a.StartsWith("--", StringComparison.Ordinal)) ?? "all";
var rows = Option(args, "--rows", 200_000);
var statements = Option(args, "--statements", 100_000);
var concurrency = Option(args, "--concurrency", 256);

Console.WriteLine($"Synced.Cql.Bench mode={mode} rows={rows} statements={statements} concurrency={concurrency} ({Environment.ProcessorCount} cores, .NET {Environment.Version})");
if (mode is "decode" or "all")
{
    DecodeBenchmark.Run(rows);
}

if (mode is "loopback" or "all")
{
    await LoopbackWriteBenchmark.RunAsync(statements, concurrency);
}

if (mode is "emulator" or "all")
{
    await EmulatorBenchmark.RunAsync(rows, statements, concurrency);
}

return 0;

static int Option(string[] args, string name, int fallback)
{
    var at = Array.IndexOf(args, name);
    return at >= 0 && at + 1 < args.Length ? int.Parse(args[at + 1], CultureInfo.InvariantCulture) : fallback;
}

namespace Synced.Cql.Bench
{
    internal static class Report
    {
        public static void Rate(string what, long count, Stopwatch watch, long allocatedBytes = -1)
        {
            var seconds = watch.Elapsed.TotalSeconds;
            var allocation = allocatedBytes < 0 ? string.Empty : $", {allocatedBytes / (double)count:0.0} B allocated per item";
            Console.WriteLine($"  {what}: {count:N0} in {seconds:0.000} s = {count / seconds:N0}/s{allocation}");
        }
    }
}
