using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Synced.Core.Model;
using Synced.Core.Time;
using Synced.Cql.Types;
using Xunit;

namespace Synced.Core.Tests.Cassandra;

/// <summary>A table that changes during a run: no entry read after the change silently lacks a column.</summary>
public sealed class SchemaChangeTests
{
    private static readonly DateTime Begin = new(2015, 1, 1, 0, 0, 0, DateTimeKind.Utc);
    private static readonly TimeRange Range = new(Begin, Begin.AddMonths(1));
    private static readonly long UnixEpochTicks = new DateTime(1970, 1, 1, 0, 0, 0, DateTimeKind.Utc).Ticks;

    [Fact]
    public async Task A_column_added_during_a_scan_is_in_every_entry_read_after_the_change()
    {
        await using var node = await CassandraNode.StartAsync(configure: o => { o.ScanSplits = 1; o.ReadParallelism = 1; o.PageSize = 5; o.ScanBufferSize = 1; });
        await node.CreateContractTableAsync("t");
        var versions = new Dictionary<Guid, Guid>();
        for (var i = 0; i < 40; i++)
        {
            var id = Guid.NewGuid();
            versions[id] = TimeUuid.FromUnixTicks(Begin.AddMinutes(i).Ticks - UnixEpochTicks, new byte[] { 1, 2, 3, 4, 5, 6 }, 1);
            await node.Admin.ExecuteAsync("INSERT INTO ks.t (id, tmstmp, name) VALUES (?, ?, ?)", id, versions[id], "n" + i);
        }
        var table = await node.TableAsync("t");
        var order = (await node.ReadAllAsync(table, Range)).Select(e => e.Id).ToList();

        var entries = new List<SyncEntry>();
        await foreach (var entry in node.Store.ReadAsync(table, Range, CancellationToken.None))
        {
            entries.Add(entry);
            if (entries.Count == 10)
            {
                await node.Admin.ExecuteAsync("ALTER TABLE ks.t ADD extra text");
                foreach (var id in order.Skip(30))
                    await node.Admin.ExecuteAsync("UPDATE ks.t SET extra = 'added' WHERE id = ? AND tmstmp = ?", id, versions[id]);
            }
        }

        Assert.Equal(order, entries.Select(e => e.Id));
        foreach (var entry in entries.Where(e => order.IndexOf(e.Id) >= 30))
            Assert.Equal("added", entry.Fields["extra"]);
        // Once an entry has the column, every later one has it too (with null where it holds no value).
        var firstWith = entries.FindIndex(e => e.Fields.ContainsKey("extra"));
        Assert.InRange(firstWith, 10, 30);
        Assert.All(entries.Skip(firstWith), e => Assert.True(e.Fields.ContainsKey("extra"), $"{e.Id} lacks the new column"));
    }

    [Fact]
    public async Task An_entry_with_a_field_for_a_column_added_during_the_run_is_written_with_it()
    {
        await using var node = await CassandraNode.StartAsync();
        await node.CreateContractTableAsync("t");
        var table = await node.TableAsync("t");
        await node.UpsertAsync(table, new[] { new SyncEntry("t", Guid.NewGuid(), Begin, new Dictionary<string, object?> { ["name"] = "before" }) });
        await node.Admin.ExecuteAsync("ALTER TABLE ks.t ADD extra text");
        var id = Guid.NewGuid();

        var outcomes = await node.UpsertAsync(table, new[] { new SyncEntry("t", id, Begin, new Dictionary<string, object?> { ["name"] = "after", ["extra"] = "new" }) });

        Assert.Equal(UpsertOutcomeKind.Written, Assert.Single(outcomes).Kind);
        var row = await node.Admin.ExecuteAsync("SELECT extra FROM ks.t WHERE id = ?", id);
        Assert.Equal("new", row.Rows![0].GetString("extra"));
    }
}
