using System;
using System.Diagnostics;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;

namespace Synced.Cql.Bench;

/// <summary>Prepared INSERTs through the full client stack against <see cref="LoopbackNode"/>.</summary>
internal static class LoopbackWriteBenchmark
{
    public static async Task RunAsync(int statements, int concurrency)
    {
        await using var node = new LoopbackNode();
        var options = new CqlClusterOptions { HeartbeatInterval = TimeSpan.Zero, ConnectionsPerHost = 2 };
        options.ContactPoints.Add(node.EndPoint.ToString());
        await using var session = await CqlSession.ConnectAsync(options);
        var insert = await session.PrepareAsync("INSERT INTO t (k, v) VALUES (?, ?)");
        Console.WriteLine($"loopback: prepared INSERT (int, text), {concurrency} in flight, {options.ConnectionsPerHost} connections");

        await WriteAsync(session, insert, Math.Min(statements, 20_000), concurrency);
        var before = GC.GetTotalAllocatedBytes(precise: true);
        var watch = Stopwatch.StartNew();
        await WriteAsync(session, insert, statements, concurrency);
        watch.Stop();
        // Includes the loopback node's own allocations (same process).
        Report.Rate("statements written", statements, watch, GC.GetTotalAllocatedBytes(precise: true) - before);
    }

    internal static async Task WriteAsync(CqlSession session, PreparedStatement insert, int statements, int concurrency)
    {
        var next = -1;
        await Task.WhenAll(Enumerable.Range(0, concurrency).Select(async _ =>
        {
            int i;
            while ((i = Interlocked.Increment(ref next)) < statements)
            {
                await session.ExecuteAsync(insert.Bind(i, "value " + i)).ConfigureAwait(false);
            }
        }));
    }
}
