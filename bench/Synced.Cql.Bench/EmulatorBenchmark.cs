using System;
using System.Diagnostics;
using System.Linq;
using System.Threading.Tasks;
using Synced.Emulators.Cassandra;

namespace Synced.Cql.Bench;

/// <summary>Writes a table into the in-process Cassandra emulator, then pages through all of it.</summary>
internal static class EmulatorBenchmark
{
    public static async Task RunAsync(int rows, int statements, int concurrency)
    {
        await using var emulator = await CassandraEmulator.StartAsync(new CassandraEmulatorOptions { Port = 0 });
        var options = new CqlClusterOptions { HeartbeatInterval = TimeSpan.Zero, ConnectionsPerHost = 2 };
        options.ContactPoints.Add(emulator.EndPoint.ToString());
        await using var session = await CqlSession.ConnectAsync(options);
        await session.ExecuteAsync("CREATE KEYSPACE bench WITH replication = {'class': 'SimpleStrategy', 'replication_factor': 1}");
        await session.ExecuteAsync("USE bench");
        await session.ExecuteAsync("CREATE TABLE t (k int PRIMARY KEY, v text)");
        await session.ExecuteAsync("CREATE TABLE wide (id uuid, tmstmp timeuuid, name text, count bigint, at timestamp, score double, PRIMARY KEY (id, tmstmp))");
        Console.WriteLine($"emulator: {emulator.EndPoint}");

        var insert = await session.PrepareAsync("INSERT INTO t (k, v) VALUES (?, ?)");
        var watch = Stopwatch.StartNew();
        await LoopbackWriteBenchmark.WriteAsync(session, insert, statements, concurrency);
        watch.Stop();
        Report.Rate("statements written (prepared INSERT, int+text)", statements, watch);

        var insertWide = await session.PrepareAsync("INSERT INTO wide (id, tmstmp, name, count, at, score) VALUES (?, ?, ?, ?, ?, ?)");
        var start = new DateTimeOffset(2024, 1, 1, 0, 0, 0, TimeSpan.Zero);
        var next = -1;
        await Task.WhenAll(System.Linq.Enumerable.Range(0, concurrency).Select(async _ =>
        {
            int i;
            while ((i = System.Threading.Interlocked.Increment(ref next)) < rows)
            {
                await session.ExecuteAsync(insertWide.Bind(Guid.NewGuid(), Types.TimeUuid.Create(start.AddMilliseconds(i)), "entry " + i, (long)i, start.AddMilliseconds(i), i * 0.5));
            }
        }));

        foreach (var pageSize in new[] { 1000, 5000 })
        {
            long count = 0;
            long checksum = 0;
            watch.Restart();
            await foreach (var row in session.QueryAsync(new SimpleStatement("SELECT id, tmstmp, name, count, at, score FROM wide") { PageSize = pageSize }))
            {
                checksum += row.GetGuid(0).GetHashCode() + row.GetString(2)!.Length + row.GetInt64(3) + row.GetDateTimeOffset(4).Ticks;
                count++;
            }

            watch.Stop();
            Report.Rate($"rows paged and decoded (6 columns, page size {pageSize})", count, watch);
            GC.KeepAlive(checksum);
        }
    }
}
