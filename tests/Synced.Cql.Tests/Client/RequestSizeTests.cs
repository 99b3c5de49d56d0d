using System;
using System.Linq;
using System.Threading.Tasks;
using Synced.Cql.Errors;
using Xunit;

namespace Synced.Cql.Tests.Client;

public sealed class RequestSizeTests
{
    [Fact]
    public async Task A_request_over_the_frame_limit_fails_alone_before_it_is_sent_and_the_connection_stays_up()
    {
        await using var server = new FakeCqlServer();
        var options = new CqlClusterOptions { ConnectionsPerHost = 1, HeartbeatInterval = TimeSpan.Zero, MaxRequestSize = 4096 };
        options.ContactPoints.Add(server.ContactPoint);
        await using var session = await CqlSession.ConnectAsync(options);
        var statement = new SimpleStatement("INSERT INTO ks.t (k, v) VALUES (1, ?)", new string('x', 5000)) { IsIdempotent = true };

        var error = await Assert.ThrowsAsync<CqlRequestTooLargeException>(() => session.ExecuteAsync(statement));
        await session.ExecuteAsync("INSERT INTO ks.t (k, v) VALUES (2, 'small')");

        Assert.Equal(4096, error.Limit);
        Assert.True(error.Size > 5000);
        Assert.Contains("native_transport_max_frame_size", error.Message);
        Assert.Contains("INSERT INTO ks.t (k, v) VALUES (1, ?)", error.Message);
        var sent = Assert.Single(server.Requests);
        Assert.Contains("'small'", sent.Query);
        Assert.Single(server.Connections.Skip(1)); // the control connection and one pool connection: none was replaced
    }

    [Fact]
    public void A_limit_below_a_kilobyte_or_above_the_protocol_maximum_is_refused()
    {
        var options = new CqlClusterOptions { MaxRequestSize = 100 };
        options.ContactPoints.Add("127.0.0.1");

        var error = Assert.Throws<ArgumentException>(() => options.Validate());

        Assert.Equal(nameof(CqlClusterOptions.MaxRequestSize), error.ParamName);
    }
}
