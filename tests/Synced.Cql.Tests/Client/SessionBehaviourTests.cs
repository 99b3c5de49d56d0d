using System;
using System.Collections.Generic;
using System.Linq;
using System.Net;
using System.Net.Sockets;
using System.Threading;
using System.Threading.Tasks;
using Synced.Cql.Errors;
using Synced.Cql.Protocol;
using Synced.Cql.Types;
using Xunit;

namespace Synced.Cql.Tests.Client;

/// <summary>Client behaviour against a scripted node: multiplexing, timeouts, errors, retries, paging, auth.</summary>
public class SessionBehaviourTests
{
    private static CqlClusterOptions Options(FakeCqlServer server, Action<CqlClusterOptions>? configure = null)
    {
        var options = new CqlClusterOptions
        {
            ConnectionsPerHost = 1,
            HeartbeatInterval = TimeSpan.Zero,
            RequestTimeout = TimeSpan.FromSeconds(5),
            ReconnectBaseDelay = TimeSpan.FromMilliseconds(50),
            ReconnectMaxDelay = TimeSpan.FromMilliseconds(200),
        };
        options.ContactPoints.Add(server.ContactPoint);
        configure?.Invoke(options);
        return options;
    }

    private static int BoundInt(FakeRequest request, int index)
        => (int)TypeCodec.Deserialize(CqlType.Int, ((RawValue)request.Parameters!.Values![index]!).Bytes)!;

    [Fact]
    public async Task Many_requests_in_flight_on_one_connection_get_their_own_answers_even_out_of_order()
    {
        await using var server = new FakeCqlServer();
        var held = new List<FakeRequest>();
        var allArrived = new TaskCompletionSource();
        const int count = 200;
        server.OnRequest = request =>
        {
            lock (held)
            {
                held.Add(request);
                if (held.Count == count)
                {
                    allArrived.SetResult();
                }
            }

            return Task.CompletedTask;
        };
        await using var session = await CqlSession.ConnectAsync(Options(server));

        var calls = Enumerable.Range(0, count)
            .Select(i => session.ExecuteAsync(new SimpleStatement("SELECT v FROM t WHERE k = ?", i)))
            .ToArray();
        await allArrived.Task.WaitAsync(TimeSpan.FromSeconds(10));
        foreach (var request in Enumerable.Reverse(held))
        {
            var k = BoundInt(request, 0);
            await request.ReplyRowsAsync(FakeCqlServer.KeyValueColumns, new[] { new object?[] { k, "value " + k } });
        }

        var results = await Task.WhenAll(calls);

        for (var i = 0; i < count; i++)
        {
            Assert.Equal("value " + i, results[i].Rows![0].GetString("v"));
        }

        Assert.Single(held.Select(r => r.Connection).Distinct());
        Assert.True(held.Select(r => r.Header.StreamId).Distinct().Count() == count, "each in-flight request needs its own stream id");
    }

    [Fact]
    public async Task Unanswered_request_times_out_naming_statement_and_duration_and_a_late_answer_is_ignored()
    {
        await using var server = new FakeCqlServer();
        FakeRequest? slow = null;
        server.OnRequest = request =>
        {
            if (request.Query!.Contains("slow", StringComparison.Ordinal))
            {
                slow = request;
                return Task.CompletedTask;
            }

            return request.ReplyRowsAsync(FakeCqlServer.KeyValueColumns, new[] { new object?[] { 1, "fast" } });
        };
        await using var session = await CqlSession.ConnectAsync(Options(server, o => o.RetryPolicy = CqlRetryPolicy.Never));

        var error = await Assert.ThrowsAsync<CqlTimeoutException>(() =>
            session.ExecuteAsync(new SimpleStatement("SELECT * FROM slow") { Timeout = TimeSpan.FromMilliseconds(200) }));
        await slow!.ReplyRowsAsync(FakeCqlServer.KeyValueColumns, new[] { new object?[] { 2, "late" } });
        var next = await session.ExecuteAsync("SELECT * FROM fast");

        Assert.Contains("SELECT * FROM slow", error.Message);
        Assert.Contains("200 ms", error.Message);
        Assert.Equal(server.ContactPoint, error.Host);
        Assert.Equal("fast", next.Rows![0].GetString("v"));
    }

    [Fact]
    public async Task A_request_in_flight_ends_soon_after_its_caller_cancels_and_the_connection_keeps_serving()
    {
        await using var server = new FakeCqlServer();
        server.OnRequest = request => request.Query!.Contains("slow", StringComparison.Ordinal)
            ? Task.CompletedTask
            : request.ReplyRowsAsync(FakeCqlServer.KeyValueColumns, new[] { new object?[] { 1, "fast" } });
        await using var session = await CqlSession.ConnectAsync(Options(server, o => o.RetryPolicy = CqlRetryPolicy.Never));
        using var cancel = new CancellationTokenSource(TimeSpan.FromMilliseconds(100));
        var clock = System.Diagnostics.Stopwatch.StartNew();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() =>
            session.ExecuteAsync(new SimpleStatement("SELECT * FROM slow") { Timeout = TimeSpan.FromSeconds(30) }, cancel.Token));
        var waited = clock.Elapsed;
        var next = await session.ExecuteAsync("SELECT * FROM fast");

        Assert.True(waited < TimeSpan.FromSeconds(5), $"the cancelled request ended after {waited.TotalMilliseconds:0} ms");
        Assert.Equal("fast", next.Rows![0].GetString("v"));
    }

    [Fact]
    public async Task Connection_refused_names_host_and_port()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        var options = new CqlClusterOptions();
        options.ContactPoints.Add($"127.0.0.1:{port}");

        var error = await Assert.ThrowsAsync<NoHostAvailableException>(() => CqlSession.ConnectAsync(options));

        var inner = Assert.IsType<CqlConnectionException>(Assert.Single(error.Errors).Value);
        Assert.Contains($"127.0.0.1:{port}", inner.Message);
        Assert.Contains("connection refused", inner.Message);
    }

    [Fact]
    public async Task Password_authentication_sends_SASL_PLAIN_and_succeeds()
    {
        await using var server = new FakeCqlServer { RequiredCredentials = ("cassandra", "s3cret") };

        await using var session = await CqlSession.ConnectAsync(Options(server, o => o.Credentials = new CqlCredentials("cassandra", "s3cret")));
        await session.ExecuteAsync("INSERT INTO t (k) VALUES (1)");

        Assert.Equal("\0cassandra\0s3cret"u8.ToArray(), server.AuthTokens.First());
    }

    [Fact]
    public async Task Wrong_password_raises_bad_credentials_without_leaking_the_password()
    {
        await using var server = new FakeCqlServer { RequiredCredentials = ("cassandra", "s3cret") };

        var error = await Assert.ThrowsAsync<BadCredentialsException>(() =>
            CqlSession.ConnectAsync(Options(server, o => o.Credentials = new CqlCredentials("cassandra", "wrong-pw"))));

        Assert.DoesNotContain("wrong-pw", error.Message);
        Assert.Contains(server.ContactPoint, error.Message);
    }

    [Fact]
    public async Task Missing_credentials_for_an_authenticating_node_say_what_to_set()
    {
        await using var server = new FakeCqlServer { RequiredCredentials = ("u", "p") };

        var error = await Assert.ThrowsAsync<CqlAuthenticationException>(() => CqlSession.ConnectAsync(Options(server)));

        Assert.Contains("PasswordAuthenticator", error.Message);
        Assert.Contains("Credentials", error.Message);
    }

    [Fact]
    public async Task Server_error_is_thrown_as_its_own_type_with_payload_and_host()
    {
        await using var server = new FakeCqlServer
        {
            OnRequest = r => r.ReplyErrorAsync(new UnavailableException("Cannot achieve consistency level QUORUM", Consistency.Quorum, 2, 1)),
        };
        await using var session = await CqlSession.ConnectAsync(Options(server, o => o.RetryPolicy = CqlRetryPolicy.Never));

        var error = await Assert.ThrowsAsync<UnavailableException>(() => session.ExecuteAsync("INSERT INTO t (k) VALUES (1)"));

        Assert.Equal(2, error.Required);
        Assert.Equal(1, error.Alive);
        Assert.Equal(Consistency.Quorum, error.Consistency);
        Assert.Equal(server.ContactPoint, error.Host);
    }

    [Fact]
    public async Task Reads_retry_on_overloaded_until_success()
    {
        var attempts = 0;
        await using var server = new FakeCqlServer
        {
            OnRequest = r => Interlocked.Increment(ref attempts) <= 2
                ? r.ReplyErrorAsync(new OverloadedException("busy"))
                : r.ReplyRowsAsync(FakeCqlServer.KeyValueColumns, new[] { new object?[] { 1, "ok" } }),
        };
        await using var session = await CqlSession.ConnectAsync(Options(server));

        var result = await session.ExecuteAsync("SELECT * FROM t");

        Assert.Equal("ok", result.Rows![0].GetString(1));
        Assert.Equal(3, attempts);
    }

    [Fact]
    public async Task Non_idempotent_write_is_not_retried_but_an_idempotent_one_is()
    {
        var attempts = 0;
        await using var server = new FakeCqlServer
        {
            // Every write times out once: the plain one must give up, the idempotent one must succeed on its retry.
            OnRequest = r => Interlocked.Increment(ref attempts) <= 2
                ? r.ReplyErrorAsync(new WriteTimeoutException("timeout", Consistency.One, 0, 1, "SIMPLE"))
                : r.ReplyVoidAsync(),
        };
        await using var session = await CqlSession.ConnectAsync(Options(server));

        await Assert.ThrowsAsync<WriteTimeoutException>(() => session.ExecuteAsync("INSERT INTO once (k) VALUES (1)"));
        var afterPlainWrite = attempts;
        await session.ExecuteAsync(new SimpleStatement("INSERT INTO t (k) VALUES (1)") { IsIdempotent = true });

        Assert.Equal(1, afterPlainWrite);
        Assert.Equal(3, attempts);
    }

    [Fact]
    public async Task Retries_are_bounded_by_the_policy()
    {
        var attempts = 0;
        await using var server = new FakeCqlServer
        {
            OnRequest = r =>
            {
                Interlocked.Increment(ref attempts);
                return r.ReplyErrorAsync(new ReadTimeoutException("timeout", Consistency.One, 0, 1, false));
            },
        };
        await using var session = await CqlSession.ConnectAsync(Options(server, o => o.RetryPolicy = new CqlRetryPolicy { MaxRetries = 2, BaseDelay = TimeSpan.FromMilliseconds(1) }));

        await Assert.ThrowsAsync<ReadTimeoutException>(() => session.ExecuteAsync("SELECT * FROM t"));

        Assert.Equal(3, attempts);
    }

    [Fact]
    public async Task Unprepared_statement_is_prepared_again_and_retried_transparently()
    {
        var prepares = 0;
        var forgotten = true;
        var id = new byte[] { 0xab, 0xcd };
        await using var server = new FakeCqlServer();
        server.OnRequest = r =>
        {
            if (r.Header.Opcode == Opcode.Prepare)
            {
                Interlocked.Increment(ref prepares);
                return r.ReplyAsync(Opcode.Result, w => new PreparedResult(id,
                    new RowsMetadata(new[] { new ColumnSpec("ks", "t", "k", CqlType.Int) }, 1, null, new[] { 0 }),
                    new RowsMetadata(FakeCqlServer.KeyValueColumns)).WriteTo(w));
            }

            if (forgotten)
            {
                forgotten = false;
                return r.ReplyErrorAsync(new UnpreparedException("unknown", r.PreparedId!));
            }

            Assert.True(r.Parameters!.SkipMetadata);
            return r.ReplyAsync(Opcode.Result, w =>
            {
                w.WriteInt((int)ResultKind.Rows);
                new RowsMetadata(FakeCqlServer.KeyValueColumns).WriteTo(w, false, skipColumns: true);
                w.WriteInt(1);
                w.WriteValue(CqlType.Int, BoundInt(r, 0));
                w.WriteValue(CqlType.Text, "prepared");
            });
        };
        await using var session = await CqlSession.ConnectAsync(Options(server));

        var prepared = await session.PrepareAsync("SELECT k, v FROM t WHERE k = ?");
        var result = await session.ExecuteAsync(prepared.Bind(42));

        Assert.Equal(2, prepares);
        Assert.Equal(42, result.Rows![0].GetInt32("k"));
        Assert.Equal("prepared", result.Rows[0].GetString("v"));
        Assert.Same(prepared, await session.PrepareAsync("SELECT k, v FROM t WHERE k = ?"));
    }

    [Fact]
    public async Task Paging_streams_every_row_once_and_asks_for_the_next_page_ahead()
    {
        const int pages = 4;
        const int pageSize = 10;
        var secondPageAsked = new TaskCompletionSource();
        await using var server = new FakeCqlServer();
        server.OnRequest = r =>
        {
            var page = r.Parameters!.PagingState == null ? 0 : r.Parameters.PagingState[0];
            if (page == 1)
            {
                secondPageAsked.TrySetResult();
            }

            Assert.Equal(pageSize, r.Parameters.PageSize);
            var next = page + 1 < pages ? new[] { (byte)(page + 1) } : null;
            return r.ReplyRowsAsync(FakeCqlServer.KeyValueColumns,
                Enumerable.Range(page * pageSize, pageSize).Select(i => new object?[] { i, null }), next);
        };
        await using var session = await CqlSession.ConnectAsync(Options(server));

        var seen = new List<int>();
        await foreach (var row in session.QueryAsync(new SimpleStatement("SELECT k, v FROM t") { PageSize = pageSize }))
        {
            if (seen.Count == 0)
            {
                // Still on the first row of page 1: the request for page 2 must already be on its way.
                await secondPageAsked.Task.WaitAsync(TimeSpan.FromSeconds(5));
            }

            Assert.True(row.IsNull("v"));
            seen.Add(row.GetInt32("k"));
        }

        Assert.Equal(Enumerable.Range(0, pages * pageSize), seen);
    }

    [Fact]
    public async Task Lost_connection_fails_a_write_but_a_read_is_retried_on_a_new_connection()
    {
        await using var server = new FakeCqlServer();
        server.OnRequest = r =>
        {
            if (r.Query!.Contains("drop", StringComparison.Ordinal) && !r.Query.Contains("done", StringComparison.Ordinal))
            {
                r.Connection.Abort();
                return Task.CompletedTask;
            }

            return r.ReplyRowsAsync(FakeCqlServer.KeyValueColumns, new[] { new object?[] { 1, "after reconnect" } });
        };
        await using var session = await CqlSession.ConnectAsync(Options(server));

        var writeError = await Assert.ThrowsAsync<CqlConnectionException>(() => session.ExecuteAsync("INSERT INTO drop (k) VALUES (1)"));
        var readAttempts = 0;
        server.OnRequest = r =>
        {
            if (Interlocked.Increment(ref readAttempts) == 1)
            {
                r.Connection.Abort();
                return Task.CompletedTask;
            }

            return r.ReplyRowsAsync(FakeCqlServer.KeyValueColumns, new[] { new object?[] { 1, "after reconnect" } });
        };
        var read = await session.ExecuteAsync("SELECT * FROM t");

        Assert.Contains(server.ContactPoint, writeError.Message);
        Assert.Equal("after reconnect", read.Rows![0].GetString("v"));
        Assert.Equal(2, readAttempts);
    }

    [Fact]
    public async Task Idle_connection_sends_heartbeats()
    {
        await using var server = new FakeCqlServer();
        await using var session = await CqlSession.ConnectAsync(Options(server, o => o.HeartbeatInterval = TimeSpan.FromMilliseconds(100)));
        var afterConnect = Volatile.Read(ref server.OptionsCount);

        for (var i = 0; i < 50 && Volatile.Read(ref server.OptionsCount) < afterConnect + 2; i++)
        {
            await Task.Delay(100);
        }

        Assert.True(Volatile.Read(ref server.OptionsCount) >= afterConnect + 2, "an idle connection must send OPTIONS as a heartbeat");
    }

    [Fact]
    public async Task Warnings_custom_payload_and_tracing_id_are_read_from_the_response_prefix()
    {
        var tracing = Guid.NewGuid();
        await using var server = new FakeCqlServer
        {
            OnRequest = r => r.ReplyRowsAsync(FakeCqlServer.KeyValueColumns, new[] { new object?[] { 7, "x" } }, null,
                FrameFlags.Tracing | FrameFlags.Warning | FrameFlags.CustomPayload,
                w =>
                {
                    w.WriteUuid(tracing);
                    w.WriteStringList(new[] { "Batch too large" });
                    w.WriteBytesMap(new[] { new KeyValuePair<string, byte[]?>("key", new byte[] { 1 }) });
                }),
        };
        await using var session = await CqlSession.ConnectAsync(Options(server));

        var result = await session.ExecuteAsync(new SimpleStatement("SELECT * FROM t") { EnableTracing = true });

        Assert.Equal(tracing, result.TracingId);
        Assert.Equal(new[] { "Batch too large" }, result.Warnings);
        Assert.Equal(new byte[] { 1 }, result.CustomPayload!["key"]);
        Assert.Equal(7, result.Rows![0].GetInt32(0));
        Assert.Equal(FrameFlags.Tracing, server.Requests.Single().Header.Flags);
    }

    [Fact]
    public async Task Warnings_of_an_error_frame_come_with_the_error()
    {
        await using var server = new FakeCqlServer
        {
            OnRequest = r => r.ReplyAsync(Opcode.Error, w =>
            {
                w.WriteStringList(new[] { "Read 0 live rows and 100001 tombstone cells" });
                new ReadFailureException("Operation failed - received 0 responses and 1 failures", Consistency.One, 0, 1, 1, false).WriteBody(w);
            }, FrameFlags.Warning),
        };
        await using var session = await CqlSession.ConnectAsync(Options(server, o => o.RetryPolicy = CqlRetryPolicy.Never));

        var error = await Assert.ThrowsAsync<ReadFailureException>(() => session.ExecuteAsync("SELECT * FROM t"));

        Assert.Equal(new[] { "Read 0 live rows and 100001 tombstone cells" }, error.Warnings);
    }

    [Fact]
    public async Task Statement_options_reach_the_wire()
    {
        await using var server = new FakeCqlServer();
        await using var session = await CqlSession.ConnectAsync(Options(server));
        var when = new DateTimeOffset(2024, 1, 2, 3, 4, 5, 678, TimeSpan.Zero).AddTicks(9);

        await session.ExecuteAsync(SimpleStatement.WithNamedValues("UPDATE t SET v = :v WHERE k = :k IF EXISTS",
                new Dictionary<string, object?> { ["k"] = 1, ["v"] = "x" })
            .WithTimestamp(when) is SimpleStatement s ? Configure(s) : throw new InvalidOperationException());

        var request = server.Requests.Single();
        Assert.Equal(Consistency.Quorum, request.Parameters!.Consistency);
        Assert.Equal(Consistency.LocalSerial, request.Parameters.SerialConsistency);
        Assert.Equal(1704164645678000L, request.Parameters.DefaultTimestamp);
        Assert.Equal(new[] { "k", "v" }, request.Parameters.ValueNames);
        Assert.Equal(77, request.Parameters.PageSize);

        static SimpleStatement Configure(SimpleStatement statement)
        {
            statement.Consistency = Consistency.Quorum;
            statement.SerialConsistency = Consistency.LocalSerial;
            statement.PageSize = 77;
            return statement;
        }
    }

    [Fact]
    public async Task Batch_carries_type_entries_and_consistency()
    {
        await using var server = new FakeCqlServer();
        await using var session = await CqlSession.ConnectAsync(Options(server));

        var batch = new BatchStatement(BatchType.Unlogged) { Consistency = Consistency.Two };
        batch.Add(new SimpleStatement("INSERT INTO t (k, v) VALUES (?, ?)", 1, "a"))
            .Add(new SimpleStatement("INSERT INTO t (k, v) VALUES (?, ?)", 2, "b"));
        await session.ExecuteAsync(batch);

        var sent = server.Requests.Single().Batch!;
        Assert.Equal(BatchType.Unlogged, sent.Type);
        Assert.Equal(2, sent.Entries.Count);
        Assert.Equal(Consistency.Two, sent.Consistency);
        Assert.Equal("b", TypeCodec.Deserialize(CqlType.Text, ((RawValue)sent.Entries[1].Values[1]!).Bytes));
    }

    [Fact]
    public async Task Use_keyspace_switches_every_connection_before_its_next_request()
    {
        await using var server = new FakeCqlServer();
        await using var session = await CqlSession.ConnectAsync(Options(server, o => o.ConnectionsPerHost = 1));

        var use = await session.ExecuteAsync("USE ks");
        server.DropAllConnections();
        await session.ExecuteAsync(new SimpleStatement("SELECT * FROM t"));

        Assert.Equal(ResultKind.SetKeyspace, use.Kind);
        Assert.Equal("ks", session.Keyspace);
        Assert.Equal("ks", server.Requests.Last().Connection.Keyspace);
    }

    [Fact]
    public async Task Server_events_reach_the_handler()
    {
        var received = new TaskCompletionSource<ServerEvent>();
        await using var server = new FakeCqlServer();
        await using var session = await CqlSession.ConnectAsync(Options(server, o => o.OnEvent = e => received.TrySetResult(e)));

        var control = server.Connections.First(c => c.Registered);
        await control.SendAsync(-1, Opcode.Event, ServerEvent.Schema(new SchemaChange(SchemaChangeType.Created, SchemaChangeTarget.Table, "ks", "t")).WriteTo);
        var e = await received.Task.WaitAsync(TimeSpan.FromSeconds(5));

        Assert.Equal(EventType.SchemaChange, e.Type);
        Assert.Equal("t", e.SchemaChange!.Name);
    }

    [Fact]
    public async Task Answer_on_a_stream_nobody_waits_on_closes_the_connection_with_a_protocol_error()
    {
        await using var server = new FakeCqlServer();
        server.OnRequest = async r =>
        {
            await r.Connection.SendAsync(4000, Opcode.Result, w => w.WriteInt((int)ResultKind.Void));
        };
        await using var session = await CqlSession.ConnectAsync(Options(server, o => o.RetryPolicy = CqlRetryPolicy.Never));

        var error = await Assert.ThrowsAsync<CqlConnectionException>(() => session.ExecuteAsync("INSERT INTO t (k) VALUES (1)"));

        Assert.Contains("stream 4000", error.Message);
    }

    [Fact]
    public async Task Token_aware_and_dc_aware_routing_send_each_key_to_its_owner_in_the_local_dc()
    {
        await using var remote = new FakeCqlServer { DataCenter = "dc1", Tokens = new[] { long.MaxValue / 2 } };
        await using var contact = new FakeCqlServer { DataCenter = "dc1", Tokens = new[] { long.MinValue / 2 } };
        contact.Peers.Add(remote);
        var preparedResult = new PreparedResult(new byte[] { 1 },
            new RowsMetadata(new[] { new ColumnSpec("ks", "t", "k", CqlType.Int) }, 1, null, new[] { 0 }),
            new RowsMetadata(Array.Empty<ColumnSpec>()));
        Func<FakeRequest, Task> handler = r => r.Header.Opcode == Opcode.Prepare
            ? r.ReplyAsync(Opcode.Result, preparedResult.WriteTo)
            : r.ReplyVoidAsync();
        contact.OnRequest = handler;
        remote.OnRequest = handler;
        await using var session = await CqlSession.ConnectAsync(Options(contact));
        var insert = await session.PrepareAsync("INSERT INTO t (k) VALUES (?)");

        var expected = new Dictionary<int, FakeCqlServer>();
        for (var k = 0; k < 40; k++)
        {
            var token = Synced.Cql.Tokens.Murmur3Partitioner.GetToken(TypeCodec.Serialize(CqlType.Int, k));
            expected[k] = token > long.MinValue / 2 && token <= long.MaxValue / 2 ? remote : contact;
            await session.ExecuteAsync(insert.Bind(k));
        }

        Assert.Equal(2, session.Hosts.Count);
        foreach (var (server, k) in contact.Requests.Concat(remote.Requests)
                     .Where(r => r.Header.Opcode == Opcode.Execute)
                     .Select(r => (contact.Requests.Contains(r) ? contact : remote, BoundInt(r, 0))))
        {
            Assert.Same(expected[k], server);
        }
    }

    [Fact]
    public async Task Remote_data_center_nodes_are_used_only_after_local_ones()
    {
        await using var remote = new FakeCqlServer { DataCenter = "dc2", Tokens = new[] { 100L } };
        await using var contact = new FakeCqlServer { DataCenter = "dc1", Tokens = new[] { 0L } };
        contact.Peers.Add(remote);
        await using var session = await CqlSession.ConnectAsync(Options(contact));

        for (var i = 0; i < 10; i++)
        {
            await session.ExecuteAsync("INSERT INTO t (k) VALUES (1)");
        }

        Assert.Equal("dc1", session.LocalDataCenter);
        Assert.Equal(10, contact.Requests.Count);
        Assert.Empty(remote.Requests);
    }

    [Fact]
    public async Task Peers_come_from_system_peers_when_peers_v2_does_not_exist()
    {
        await using var other = new FakeCqlServer { Tokens = new[] { 100L } };
        await using var contact = new FakeCqlServer { HasPeersV2 = false, Tokens = new[] { 0L } };
        contact.Peers.Add(other);

        // system.peers has no port: peers are reached on the configured port, so give the peer's.
        await using var session = await CqlSession.ConnectAsync(Options(contact, o => o.Port = other.EndPoint.Port));

        Assert.Equal(2, session.Hosts.Count);
        Assert.Contains(session.Hosts, h => h.EndPoint.Equals(other.EndPoint) && h.Tokens.SequenceEqual(new[] { 100L }));
    }

    [Fact]
    public async Task Node_answering_with_another_protocol_version_is_reported_as_such()
    {
        await using var server = new FakeCqlServer { AnswerVersionByte = 0x83 };

        var error = await Assert.ThrowsAsync<NoHostAvailableException>(() => CqlSession.ConnectAsync(Options(server)));

        Assert.Contains("protocol version 3", error.Message);
        Assert.Contains("only v4 is supported", error.Message);
    }

    [Fact]
    public async Task When_a_connection_dies_requests_on_it_fail_and_requests_waiting_for_a_stream_id_go_to_a_new_one()
    {
        var held = new TaskCompletionSource();
        var arrived = 0;
        await using var server = new FakeCqlServer
        {
            OnRequest = r =>
            {
                var n = Interlocked.Increment(ref arrived);
                if (n == 2)
                {
                    held.SetResult();
                }

                // The first two are held until their connection dies; later ones are answered.
                return n <= 2 ? Task.CompletedTask : r.ReplyVoidAsync();
            },
        };
        await using var session = await CqlSession.ConnectAsync(Options(server, o =>
        {
            o.MaxRequestsPerConnection = 2;
            o.RetryPolicy = CqlRetryPolicy.Never;
        }));

        var calls = Enumerable.Range(0, 3).Select(i => (Task)session.ExecuteAsync($"INSERT INTO t (k) VALUES ({i})")).ToArray();
        await held.Task.WaitAsync(TimeSpan.FromSeconds(5));
        server.DropAllConnections();

        await Assert.ThrowsAsync<CqlConnectionException>(() => calls[0].WaitAsync(TimeSpan.FromSeconds(5)));
        await Assert.ThrowsAsync<CqlConnectionException>(() => calls[1].WaitAsync(TimeSpan.FromSeconds(5)));
        await calls[2].WaitAsync(TimeSpan.FromSeconds(5));
        Assert.Equal(3, arrived);
    }

    [Fact]
    public async Task After_every_connection_is_dropped_the_next_statement_runs_on_fresh_connections_in_the_session_keyspace()
    {
        // Repeated because the client may or may not have seen the drop when the next statement starts; both must work.
        for (var round = 0; round < 20; round++)
        {
            await using var server = new FakeCqlServer();
            await using var session = await CqlSession.ConnectAsync(Options(server));
            await session.ExecuteAsync("USE ks");

            server.DropAllConnections();
            await session.ExecuteAsync(new SimpleStatement("SELECT * FROM t"));

            Assert.Equal("ks", server.Requests.Last().Connection.Keyspace);
        }
    }

    [Fact]
    public async Task Control_connection_is_reopened_and_registers_for_events_again()
    {
        var received = new TaskCompletionSource<ServerEvent>();
        await using var server = new FakeCqlServer();
        await using var session = await CqlSession.ConnectAsync(Options(server, o => o.OnEvent = e => received.TrySetResult(e)));
        var first = server.Connections.First(c => c.Registered);

        server.DropAllConnections();
        FakeConnection? second = null;
        for (var i = 0; i < 100 && second == null; i++)
        {
            await Task.Delay(50);
            second = server.Connections.FirstOrDefault(c => c.Registered && !ReferenceEquals(c, first));
        }

        Assert.NotNull(second);
        await second!.SendAsync(-1, Opcode.Event, ServerEvent.Status("UP", server.EndPoint).WriteTo);
        var e = await received.Task.WaitAsync(TimeSpan.FromSeconds(5));
        Assert.Equal(EventType.StatusChange, e.Type);
    }

    [Fact]
    public async Task Connection_with_too_many_unanswered_requests_is_replaced()
    {
        await using var server = new FakeCqlServer();
        server.OnRequest = r => r.Query!.Contains("stuck", StringComparison.Ordinal) ? Task.CompletedTask : r.ReplyVoidAsync();
        await using var session = await CqlSession.ConnectAsync(Options(server, o =>
        {
            o.MaxRequestsPerConnection = 4;
            o.RetryPolicy = CqlRetryPolicy.Never;
        }));
        var firstPool = server.Connections.Last();

        for (var i = 0; i < 3; i++)
        {
            await Assert.ThrowsAsync<CqlTimeoutException>(() =>
                session.ExecuteAsync(new SimpleStatement("INSERT INTO stuck (k) VALUES (1)") { Timeout = TimeSpan.FromMilliseconds(100) }));
        }

        await session.ExecuteAsync("INSERT INTO t (k) VALUES (1)");

        Assert.NotSame(firstPool, server.Requests.Last().Connection);
    }

    [Fact]
    public async Task Disposed_session_refuses_statements_and_fails_those_in_flight()
    {
        await using var server = new FakeCqlServer { OnRequest = _ => Task.CompletedTask };
        var session = await CqlSession.ConnectAsync(Options(server));
        var inFlight = session.ExecuteAsync("INSERT INTO t (k) VALUES (1)");
        for (var i = 0; i < 500 && server.Requests.IsEmpty; i++)
        {
            await Task.Delay(10);
        }

        Assert.False(server.Requests.IsEmpty);
        await session.DisposeAsync();

        await Assert.ThrowsAsync<CqlConnectionException>(() => inFlight.WaitAsync(TimeSpan.FromSeconds(5)));
        await Assert.ThrowsAsync<ObjectDisposedException>(() => session.ExecuteAsync("INSERT INTO t (k) VALUES (2)"));
    }
}
