using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;
using Synced.Core.Cassandra;
using Synced.Cql.Protocol;
using Synced.Cql.Tests.Client;
using Synced.Cql.Tokens;
using Synced.Cql.Types;

namespace Synced.Core.Tests.Cassandra;

/// <summary>
/// Scripted Cassandra nodes (<see cref="FakeCqlServer"/>) sharing one contract table <c>ks.t</c> (id, tmstmp,
/// name): they answer the store's scan with real token filtering and paging, and let a test stop a node,
/// insert empty pages, attach warnings or fail a page. For what the emulator cannot show yet (several nodes).
/// </summary>
internal sealed class ScriptedCluster : IAsyncDisposable
{
    private static readonly ColumnSpec[] Variables =
    {
        new("ks", "t", "partition key token", CqlType.Bigint),
        new("ks", "t", "partition key token", CqlType.Bigint),
        new("ks", "t", "tmstmp", CqlType.Timeuuid),
        new("ks", "t", "tmstmp", CqlType.Timeuuid),
    };

    private static readonly ColumnSpec[] Columns =
    {
        new("ks", "t", "id", CqlType.Uuid),
        new("ks", "t", "tmstmp", CqlType.Timeuuid),
        new("ks", "t", "name", CqlType.Text),
    };

    private readonly List<(Guid Id, Guid Tmstmp, string Name, long Token)> _rows = new();

    public ScriptedCluster(params long[] tokens)
    {
        Nodes = tokens.Select(t => new FakeCqlServer { Tokens = new[] { t } }).ToArray();
        Nodes[0].Peers.AddRange(Nodes.Skip(1));
        // Every node holds the same schema (system_schema is read from any of them).
        foreach (var node in Nodes)
            node.Tables.Add(new FakeTable("ks", "t", ("id", "uuid", "partition_key", 0), ("tmstmp", "timeuuid", "clustering", 0), ("name", "text", "regular", -1)));
        foreach (var node in Nodes) node.OnRequest = r => AnswerAsync(node, r);
    }

    public FakeCqlServer[] Nodes { get; }

    /// <summary>Scan pages served, in order: which node, which token range, how many rows.</summary>
    public ConcurrentQueue<(FakeCqlServer Node, long Start, long End, int Rows)> Pages { get; } = new();

    /// <summary>Called before a scan page is answered; return false to leave the request unanswered (the test answers).</summary>
    public Func<FakeCqlServer, FakeRequest, Task<bool>>? BeforePage { get; set; }

    /// <summary>After every this many pages of rows, answer one empty page that still carries a paging state (0: never).</summary>
    public int EmptyPageEvery { get; set; }

    /// <summary>Warnings attached to every scan page.</summary>
    public string[] PageWarnings { get; set; } = Array.Empty<string>();

    public string ContactPoint => Nodes[0].ContactPoint;

    public void SetReplication(Dictionary<string, string> replication)
    {
        foreach (var node in Nodes) node.Keyspaces["ks"] = replication;
    }

    public void AddRows(int count, DateTime at)
    {
        var epoch = new DateTime(1970, 1, 1, 0, 0, 0, DateTimeKind.Utc).Ticks;
        for (var i = 0; i < count; i++)
        {
            var id = Guid.NewGuid();
            var tmstmp = TimeUuid.FromUnixTicks(at.AddSeconds(i).Ticks - epoch, new byte[] { 1, 2, 3, 4, 5, 6 }, 1);
            _rows.Add((id, tmstmp, "n" + i, Murmur3Partitioner.GetToken(TypeCodec.Serialize(CqlType.Uuid, id))));
        }
        _rows.Sort((a, b) => a.Token != b.Token ? a.Token.CompareTo(b.Token) : a.Id.CompareTo(b.Id));
    }

    public IReadOnlyList<Guid> Ids => _rows.Select(r => r.Id).ToList();

    public CassandraStoreOptions StoreOptions(Action<CassandraStoreOptions>? configure = null)
    {
        var options = new CassandraStoreOptions { Port = Nodes[0].EndPoint.Port, Consistency = Consistency.One, ScanRetryDelay = TimeSpan.FromMilliseconds(10) };
        options.ContactPoints.Add(ContactPoint);
        configure?.Invoke(options);
        return options;
    }

    private async Task AnswerAsync(FakeCqlServer node, FakeRequest request)
    {
        if (request.Header.Opcode == Opcode.Prepare)
        {
            await request.ReplyAsync(Opcode.Result, new PreparedResult(new byte[] { 0x5c }, new RowsMetadata(Variables, 4, null, Array.Empty<int>()), new RowsMetadata(Columns)).WriteTo);
            return;
        }

        if (request.Header.Opcode == Opcode.Query && request.Query!.StartsWith("CREATE TABLE", StringComparison.Ordinal))
        {
            // CREATE TABLE IF NOT EXISTS "ks"."name" (...): listed from now on, answered as a schema change.
            var name = request.Query.Split('.')[1].Split(' ')[0].Trim('"');
            foreach (var each in Nodes) each.Tables.Add(new FakeTable("ks", name, ("id", "uuid", "partition_key", 0), ("tmstmp", "timeuuid", "clustering", 0)));
            await request.ReplyAsync(Opcode.Result, w =>
            {
                w.WriteInt((int)ResultKind.SchemaChange);
                new SchemaChange("CREATED", "TABLE", "ks", name).WriteTo(w);
            });
            return;
        }

        if (request.Header.Opcode != Opcode.Execute)
        {
            await request.ReplyVoidAsync();
            return;
        }

        if (BeforePage is not null && !await BeforePage(node, request)) return;
        var values = request.Parameters!.Values!;
        var start = (long)TypeCodec.Deserialize(CqlType.Bigint, ((RawValue)values[0]!).Bytes)!;
        var end = (long)TypeCodec.Deserialize(CqlType.Bigint, ((RawValue)values[1]!).Bytes)!;
        var matching = _rows.Where(r => r.Token > start && r.Token <= end).ToList();
        // Paging state: [offset as 4 bytes][pages answered so far], valid on every node (the data is shared).
        var state = request.Parameters.PagingState;
        var offset = state is null ? 0 : BitConverter.ToInt32(state, 0);
        var served = state is null ? 0 : state[4];
        var pageSize = request.Parameters.PageSize ?? 5000;
        var empty = EmptyPageEvery > 0 && served % (EmptyPageEvery + 1) == EmptyPageEvery;
        var page = empty ? new List<(Guid Id, Guid Tmstmp, string Name, long Token)>() : matching.Skip(offset).Take(pageSize).ToList();
        var next = offset + page.Count;
        // As Cassandra does: a page that ends on the last row still carries a state; the next page is empty.
        var nextState = offset >= matching.Count && !empty ? null : BitConverter.GetBytes(next).Concat(new[] { (byte)(served + 1) }).ToArray();
        Pages.Enqueue((node, start, end, page.Count));
        var warnings = PageWarnings;
        await request.ReplyAsync(Opcode.Result, w =>
        {
            if (warnings.Length > 0) w.WriteStringList(warnings);
            w.WriteInt((int)ResultKind.Rows);
            new RowsMetadata(Columns, Columns.Length, nextState).WriteTo(w, withPartitionKeyIndices: false, skipColumns: request.Parameters.SkipMetadata);
            w.WriteInt(page.Count);
            foreach (var row in page)
            {
                w.WriteValue(CqlType.Uuid, row.Id);
                w.WriteValue(CqlType.Timeuuid, row.Tmstmp);
                w.WriteValue(CqlType.Text, row.Name);
            }
        }, warnings.Length > 0 ? FrameFlags.Warning : FrameFlags.None);
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var node in Nodes) await node.DisposeAsync();
    }
}
