using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using Synced.Cql.Errors;
using Synced.Cql.Protocol;
using Synced.Cql.Requests;
using Synced.Cql.Types;

namespace Synced.Cql.Tests.Client;

/// <summary>A request the fake server received, decoded.</summary>
internal sealed class FakeRequest
{
    public required FrameHeader Header { get; init; }
    public required FakeConnection Connection { get; init; }
    public string? Query { get; init; }
    public QueryOptions? Parameters { get; init; }
    public byte[]? PreparedId { get; init; }
    public BatchRequest? Batch { get; init; }

    public Task ReplyAsync(Opcode opcode, Action<FrameWriter> body, FrameFlags flags = FrameFlags.None)
        => Connection.SendAsync(Header.StreamId, opcode, body, flags);

    public Task ReplyVoidAsync() => ReplyAsync(Opcode.Result, w => w.WriteInt((int)ResultKind.Void));

    public Task ReplyErrorAsync(CqlServerException error) => ReplyAsync(Opcode.Error, error.WriteBody);

    /// <summary>Rows of one column per value list.</summary>
    public Task ReplyRowsAsync(IReadOnlyList<ColumnSpec> columns, IEnumerable<object?[]> rows, byte[]? pagingState = null, FrameFlags flags = FrameFlags.None, Action<FrameWriter>? prefix = null)
        => ReplyAsync(Opcode.Result, w =>
        {
            prefix?.Invoke(w);
            w.WriteInt((int)ResultKind.Rows);
            new RowsMetadata(columns, columns.Count, pagingState).WriteTo(w, withPartitionKeyIndices: false);
            var countAt = w.Length;
            w.WriteInt(0);
            var count = 0;
            foreach (var row in rows)
            {
                for (var i = 0; i < columns.Count; i++)
                {
                    w.WriteValue(columns[i].Type, row[i]);
                }

                count++;
            }

            w.PatchInt(countAt, count);
        }, flags);
}

/// <summary>A table listed in the fake node's system_schema: columns as (name, CQL type, kind, position).</summary>
internal sealed record FakeTable(string Keyspace, string Name, params (string Name, string Type, string Kind, int Position)[] Columns);

/// <summary>An index listed in the fake node's system_schema.indexes.</summary>
public sealed record FakeIndex(string Keyspace, string Table, string Name, string Kind, Dictionary<string, string> Options);

/// <summary>One accepted connection of the fake server.</summary>
[SuppressMessage("Design", "CA1001:Types that own disposable fields should be disposable",
    Justification = "The write lock is only awaited, so it holds no wait handle to release; the server closes the connection.")]
internal sealed class FakeConnection
{
    private readonly Stream _stream;
    private readonly SemaphoreSlim _writeLock = new(1, 1);
    private readonly TcpClient _client;

    internal FakeConnection(TcpClient client, Stream stream)
    {
        _client = client;
        _stream = stream;
    }

    public string? Keyspace { get; set; }

    public bool Registered { get; set; }

    public byte? VersionByte { get; init; }

    public async Task SendAsync(short stream, Opcode opcode, Action<FrameWriter> body, FrameFlags flags = FrameFlags.None)
    {
        using var writer = new FrameWriter();
        writer.BeginFrame(FrameHeader.Response(stream, opcode, flags));
        body(writer);
        writer.EndFrame();
        if (VersionByte.HasValue)
        {
            writer.Buffer[0] = VersionByte.Value;
        }

        await _writeLock.WaitAsync();
        try
        {
            await _stream.WriteAsync(writer.WrittenMemory);
            await _stream.FlushAsync();
        }
        finally
        {
            _writeLock.Release();
        }
    }

    /// <summary>Drops the TCP connection (RST).</summary>
    public void Abort()
    {
        _client.Client.LingerState = new LingerOption(true, 0);
        _client.Close();
    }
}

/// <summary>
/// A scripted CQL v4 node on a loopback port for client edge cases: answers the handshake and the system tables,
/// and passes QUERY/EXECUTE/PREPARE/BATCH to <see cref="OnRequest"/>.
/// </summary>
internal sealed class FakeCqlServer : IAsyncDisposable
{
    public static readonly ColumnSpec[] KeyValueColumns = { new("ks", "t", "k", CqlType.Int), new("ks", "t", "v", CqlType.Text) };

    private readonly TcpListener _listener;
    private readonly CancellationTokenSource _stop = new();
    private readonly List<TcpClient> _clients = new();
    private readonly X509Certificate2? _certificate;

    public FakeCqlServer(X509Certificate2? certificate = null)
    {
        _certificate = certificate;
        _listener = new TcpListener(IPAddress.Loopback, 0);
        _listener.Start();
        EndPoint = (IPEndPoint)_listener.LocalEndpoint;
        _ = AcceptLoopAsync();
    }

    public IPEndPoint EndPoint { get; }

    public string ContactPoint => $"127.0.0.1:{EndPoint.Port}";

    public string DataCenter { get; set; } = "dc1";

    public string Rack { get; set; } = "r1";

    /// <summary>The schema version this node reports in system.local (and its peers' rows in system.peers).</summary>
    public Guid SchemaVersion { get; set; } = new("11111111-1111-1111-1111-111111111111");

    /// <summary>
    /// What this node's system.peers says about another node's schema version (gossip can lag): by peer, overriding
    /// the peer's own <see cref="SchemaVersion"/>.
    /// </summary>
    public ConcurrentDictionary<FakeCqlServer, Guid> PeerSchemaVersions { get; } = new();

    /// <summary>Tables listed in system_schema.tables / system_schema.columns.</summary>
    public List<FakeTable> Tables { get; } = new();

    public Guid HostId { get; } = Guid.NewGuid();

    /// <summary>Indexes listed in system_schema.indexes.</summary>
    public List<FakeIndex> Indexes { get; } = new();

    /// <summary>False for a node without system_schema.indexes (it answers "unconfigured table").</summary>
    public bool HasIndexesTable { get; set; } = true;

    /// <summary>Keyspaces listed in system_schema.keyspaces, by name, with their replication maps.</summary>
    public Dictionary<string, Dictionary<string, string>> Keyspaces { get; } = new()
    {
        ["ks"] = new Dictionary<string, string> { ["class"] = "org.apache.cassandra.locator.SimpleStrategy", ["replication_factor"] = "1" },
    };

    public long[] Tokens { get; set; } = { 0 };

    /// <summary>Other fake nodes listed in system.peers_v2.</summary>
    public List<FakeCqlServer> Peers { get; } = new();

    public (string User, string Password)? RequiredCredentials { get; set; }

    /// <summary>False to behave like Cassandra 3.x: system.peers_v2 is an unknown table, peers are in system.peers.</summary>
    public bool HasPeersV2 { get; set; } = true;

    /// <summary>When set, every frame is answered with this version byte instead of 0x84 (a node that speaks another protocol).</summary>
    public byte? AnswerVersionByte { get; set; }

    /// <summary>Handles application requests; unset answers VOID.</summary>
    public Func<FakeRequest, Task>? OnRequest { get; set; }

    public ConcurrentQueue<FakeRequest> Requests { get; } = new();

    public ConcurrentQueue<FakeConnection> Connections { get; } = new();

    public ConcurrentQueue<byte[]> AuthTokens { get; } = new();

    public int OptionsCount;

    private async Task AcceptLoopAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            TcpClient client;
            try
            {
                client = await _listener.AcceptTcpClientAsync(_stop.Token);
            }
            catch (Exception)
            {
                return;
            }

            lock (_clients)
            {
                _clients.Add(client);
            }

            _ = ServeAsync(client);
        }
    }

    private async Task ServeAsync(TcpClient client)
    {
        try
        {
            Stream stream = client.GetStream();
            if (_certificate != null)
            {
                var ssl = new SslStream(stream);
                await ssl.AuthenticateAsServerAsync(_certificate);
                stream = ssl;
            }

            var connection = new FakeConnection(client, stream) { VersionByte = AnswerVersionByte };
            Connections.Enqueue(connection);
            var header = new byte[FrameHeader.Size];
            while (true)
            {
                await stream.ReadExactlyAsync(header, _stop.Token);
                var h = FrameHeader.ParseV4(header, expectResponse: false);
                var body = new byte[h.BodyLength];
                await stream.ReadExactlyAsync(body, _stop.Token);
                _ = HandleAsync(connection, h, body);
            }
        }
        catch (Exception)
        {
            client.Dispose();
        }
    }

    private async Task HandleAsync(FakeConnection connection, FrameHeader header, byte[] body)
    {
        var stream = header.StreamId;
        switch (header.Opcode)
        {
            case Opcode.Options:
                Interlocked.Increment(ref OptionsCount);
                await connection.SendAsync(stream, Opcode.Supported, w => w.WriteStringMultimap(new[]
                {
                    new KeyValuePair<string, IReadOnlyList<string>>(StartupOptions.CqlVersion, new[] { "3.4.5" }),
                }));
                return;
            case Opcode.Startup:
                if (RequiredCredentials != null)
                {
                    await connection.SendAsync(stream, Opcode.Authenticate, w => w.WriteString("org.apache.cassandra.auth.PasswordAuthenticator"));
                }
                else
                {
                    await connection.SendAsync(stream, Opcode.Ready, _ => { });
                }

                return;
            case Opcode.AuthResponse:
            {
                var token = new FrameReader(body).ReadBytes()!;
                AuthTokens.Enqueue(token);
                var expected = $"\0{RequiredCredentials!.Value.User}\0{RequiredCredentials.Value.Password}";
                if (Encoding.UTF8.GetString(token) == expected)
                {
                    await connection.SendAsync(stream, Opcode.AuthSuccess, w => w.WriteBytes((byte[]?)null));
                }
                else
                {
                    await connection.SendAsync(stream, Opcode.Error, new BadCredentialsException("Provided username and/or password are incorrect").WriteBody);
                }

                return;
            }

            case Opcode.Register:
                connection.Registered = true;
                await connection.SendAsync(stream, Opcode.Ready, _ => { });
                return;
        }

        var reader = new FrameReader(body);
        FakeRequest request;
        switch (header.Opcode)
        {
            case Opcode.Query:
                request = new FakeRequest { Header = header, Connection = connection, Query = reader.ReadLongString(), Parameters = QueryOptions.Read(ref reader) };
                break;
            case Opcode.Prepare:
                request = new FakeRequest { Header = header, Connection = connection, Query = reader.ReadLongString() };
                break;
            case Opcode.Execute:
                request = new FakeRequest { Header = header, Connection = connection, PreparedId = reader.ReadShortBytes(), Parameters = QueryOptions.Read(ref reader) };
                break;
            case Opcode.Batch:
                request = new FakeRequest { Header = header, Connection = connection, Batch = BatchRequest.Read(ref reader) };
                break;
            default:
                await connection.SendAsync(stream, Opcode.Error, new ProtocolErrorException($"unexpected {header.Opcode}").WriteBody);
                return;
        }

        if (await HandleSystemQueryAsync(request))
        {
            return;
        }

        Requests.Enqueue(request);
        if (OnRequest != null)
        {
            await OnRequest(request);
        }
        else
        {
            await request.ReplyVoidAsync();
        }
    }

    private async Task<bool> HandleSystemQueryAsync(FakeRequest request)
    {
        var query = request.Query;
        if (request.Header.Opcode != Opcode.Query || query == null)
        {
            return false;
        }

        if (query.StartsWith("USE ", StringComparison.Ordinal))
        {
            var keyspace = query.Substring(4).Trim('"');
            request.Connection.Keyspace = keyspace;
            await request.ReplyAsync(Opcode.Result, w =>
            {
                w.WriteInt((int)ResultKind.SetKeyspace);
                w.WriteString(keyspace);
            });
            return true;
        }

        if (query.StartsWith("SELECT * FROM system.local", StringComparison.Ordinal))
        {
            ColumnSpec[] columns =
            {
                new("system", "local", "key", CqlType.Text),
                new("system", "local", "data_center", CqlType.Text),
                new("system", "local", "rack", CqlType.Text),
                new("system", "local", "release_version", CqlType.Text),
                new("system", "local", "tokens", CqlType.Set(CqlType.Text)),
                new("system", "local", "host_id", CqlType.Uuid),
                new("system", "local", "schema_version", CqlType.Uuid),
            };
            await request.ReplyRowsAsync(columns, new[] { new object?[] { "local", DataCenter, Rack, "4.1.0", Array.ConvertAll(Tokens, t => (object)t.ToString(CultureInfo.InvariantCulture)), HostId, SchemaVersion } });
            return true;
        }

        if (query == "SELECT * FROM system.peers_v2" && !HasPeersV2)
        {
            await request.ReplyErrorAsync(new InvalidQueryException("unconfigured table peers_v2"));
            return true;
        }

        if (query == "SELECT * FROM system.peers")
        {
            ColumnSpec[] columns =
            {
                new("system", "peers", "peer", CqlType.Inet),
                new("system", "peers", "rpc_address", CqlType.Inet),
                new("system", "peers", "data_center", CqlType.Text),
                new("system", "peers", "rack", CqlType.Text),
                new("system", "peers", "tokens", CqlType.Set(CqlType.Text)),
                new("system", "peers", "host_id", CqlType.Uuid),
                new("system", "peers", "schema_version", CqlType.Uuid),
            };
            await request.ReplyRowsAsync(columns, Peers.ConvertAll(p => new object?[]
            {
                p.EndPoint.Address, IPAddress.Any, p.DataCenter, p.Rack, Array.ConvertAll(p.Tokens, t => (object)t.ToString(CultureInfo.InvariantCulture)), p.HostId, SchemaVersionOf(p),
            }));
            return true;
        }

        if (query == "SELECT * FROM system.peers_v2")
        {
            ColumnSpec[] columns =
            {
                new("system", "peers_v2", "peer", CqlType.Inet),
                new("system", "peers_v2", "native_address", CqlType.Inet),
                new("system", "peers_v2", "native_port", CqlType.Int),
                new("system", "peers_v2", "data_center", CqlType.Text),
                new("system", "peers_v2", "rack", CqlType.Text),
                new("system", "peers_v2", "tokens", CqlType.Set(CqlType.Text)),
                new("system", "peers_v2", "host_id", CqlType.Uuid),
                new("system", "peers_v2", "schema_version", CqlType.Uuid),
            };
            await request.ReplyRowsAsync(columns, Peers.ConvertAll(p => new object?[]
            {
                p.EndPoint.Address, p.EndPoint.Address, p.EndPoint.Port, p.DataCenter, p.Rack, Array.ConvertAll(p.Tokens, t => (object)t.ToString(CultureInfo.InvariantCulture)), p.HostId, SchemaVersionOf(p),
            }));
            return true;
        }

        if (query == "SELECT * FROM system_schema.keyspaces")
        {
            ColumnSpec[] columns =
            {
                new("system_schema", "keyspaces", "keyspace_name", CqlType.Text),
                new("system_schema", "keyspaces", "durable_writes", CqlType.Boolean),
                new("system_schema", "keyspaces", "replication", CqlType.Map(CqlType.Text, CqlType.Text)),
            };
            await request.ReplyRowsAsync(columns, Keyspaces.Select(k => new object?[] { k.Key, true, k.Value }).ToList());
            return true;
        }

        if (query == "SELECT * FROM system_schema.tables")
        {
            ColumnSpec[] columns =
            {
                new("system_schema", "tables", "keyspace_name", CqlType.Text),
                new("system_schema", "tables", "table_name", CqlType.Text),
            };
            await request.ReplyRowsAsync(columns, Tables.ConvertAll(t => new object?[] { t.Keyspace, t.Name }));
            return true;
        }

        if (query == "SELECT * FROM system_schema.columns")
        {
            ColumnSpec[] columns =
            {
                new("system_schema", "columns", "keyspace_name", CqlType.Text),
                new("system_schema", "columns", "table_name", CqlType.Text),
                new("system_schema", "columns", "column_name", CqlType.Text),
                new("system_schema", "columns", "clustering_order", CqlType.Text),
                new("system_schema", "columns", "kind", CqlType.Text),
                new("system_schema", "columns", "position", CqlType.Int),
                new("system_schema", "columns", "type", CqlType.Text),
            };
            await request.ReplyRowsAsync(columns, Tables.SelectMany(t => t.Columns.Select(c => new object?[]
            {
                t.Keyspace, t.Name, c.Name, c.Kind == "clustering" ? "asc" : "none", c.Kind, c.Position, c.Type,
            })).ToList());
            return true;
        }

        if (query == "SELECT * FROM system_schema.indexes")
        {
            if (!HasIndexesTable)
            {
                await request.ReplyErrorAsync(new InvalidQueryException("unconfigured table indexes"));
                return true;
            }

            ColumnSpec[] columns =
            {
                new("system_schema", "indexes", "keyspace_name", CqlType.Text),
                new("system_schema", "indexes", "table_name", CqlType.Text),
                new("system_schema", "indexes", "index_name", CqlType.Text),
                new("system_schema", "indexes", "kind", CqlType.Text),
                new("system_schema", "indexes", "options", CqlType.Map(CqlType.Text, CqlType.Text)),
            };
            await request.ReplyRowsAsync(columns, Indexes.ConvertAll(i => new object?[] { i.Keyspace, i.Table, i.Name, i.Kind, i.Options }));
            return true;
        }

        if (query == "SELECT * FROM system_schema.types")
        {
            ColumnSpec[] columns =
            {
                new("system_schema", "types", "keyspace_name", CqlType.Text),
                new("system_schema", "types", "type_name", CqlType.Text),
                new("system_schema", "types", "field_names", CqlType.List(CqlType.Text)),
                new("system_schema", "types", "field_types", CqlType.List(CqlType.Text)),
            };
            await request.ReplyRowsAsync(columns, Array.Empty<object?[]>());
            return true;
        }

        return false;
    }

    private Guid SchemaVersionOf(FakeCqlServer peer) => PeerSchemaVersions.TryGetValue(peer, out var version) ? version : peer.SchemaVersion;

    /// <summary>Stops the node as a crash would: no more connections accepted, the open ones dropped.</summary>
    public void Stop()
    {
        _stop.Cancel();
        _listener.Stop();
        DropAllConnections();
    }

    /// <summary>Drops every open connection.</summary>
    public void DropAllConnections()
    {
        // Only those open now: the client may reconnect while these are being dropped.
        var open = Connections.ToArray();
        foreach (var connection in open)
        {
            connection.Abort();
        }
    }

    public ValueTask DisposeAsync()
    {
        _stop.Cancel();
        _listener.Stop();
        lock (_clients)
        {
            foreach (var client in _clients)
            {
                client.Dispose();
            }
        }

        return default;
    }
}
