using System;
using System.Collections.Generic;
using System.Net;
using System.Net.Sockets;
using System.Threading.Tasks;
using Synced.Core.Connections;
using Synced.Core.Elasticsearch;
using Xunit;

namespace Synced.Core.Tests.Elasticsearch;

/// <summary>Connecting to things that are not a healthy Elasticsearch gives a clear, specific error.</summary>
public class ConnectionFailureTests
{
    private static ElasticsearchConnectionOptions OptionsFor(Uri uri)
    {
        var options = new ElasticsearchConnectionOptions { RequestTimeout = TimeSpan.FromSeconds(5) };
        options.Uris.Add(uri);
        return options;
    }

    [Fact]
    public async Task A_web_server_that_is_not_elasticsearch_is_named_as_such()
    {
        await using var server = new FakeHttpServer(200, "<html><body>It works!</body></html>",
            new Dictionary<string, string> { ["Content-Type"] = "text/html" });
        var ex = await Assert.ThrowsAsync<ConnectionFailureException>(() => ElasticsearchConnection.ConnectAsync(OptionsFor(server.Uri), default));
        Assert.Equal(ConnectionFailureKind.WrongServer, ex.Failure.Kind);
        Assert.Contains("not Elasticsearch", ex.Message);
        Assert.Contains($"127.0.0.1:{server.Uri.Port}", ex.Message);
    }

    [Fact]
    public async Task A_json_server_claiming_a_recent_version_without_the_product_header_is_not_elasticsearch()
    {
        await using var server = new FakeHttpServer(200,
            "{\"name\":\"n\",\"cluster_name\":\"c\",\"version\":{\"number\":\"7.17.5\",\"build_flavor\":\"default\"},\"tagline\":\"You Know, for Search\"}");
        var ex = await Assert.ThrowsAsync<ConnectionFailureException>(() => ElasticsearchConnection.ConnectAsync(OptionsFor(server.Uri), default));
        Assert.Equal(ConnectionFailureKind.WrongServer, ex.Failure.Kind);
    }

    [Fact]
    public async Task A_server_answering_404_without_an_elasticsearch_body_is_not_elasticsearch()
    {
        await using var server = new FakeHttpServer(404, "not found", new Dictionary<string, string> { ["Content-Type"] = "text/plain" });
        var ex = await Assert.ThrowsAsync<ConnectionFailureException>(() => ElasticsearchConnection.ConnectAsync(OptionsFor(server.Uri), default));
        Assert.Equal(ConnectionFailureKind.WrongServer, ex.Failure.Kind);
    }

    [Fact]
    public async Task A_401_is_reported_as_bad_credentials_without_the_password()
    {
        await using var server = new FakeHttpServer(401,
            "{\"error\":{\"type\":\"security_exception\",\"reason\":\"unable to authenticate user [u]\"},\"status\":401}",
            new Dictionary<string, string> { ["Content-Type"] = "application/json", ["WWW-Authenticate"] = "Basic realm=\"security\"" });
        var options = OptionsFor(server.Uri);
        options.Credential = new NetworkCredential("u", "s3cret-Passw0rd");
        var ex = await Assert.ThrowsAsync<ConnectionFailureException>(() => ElasticsearchConnection.ConnectAsync(options, default));
        Assert.Equal(ConnectionFailureKind.BadCredentials, ex.Failure.Kind);
        Assert.DoesNotContain("s3cret-Passw0rd", ex.ToString());
    }

    [Fact]
    public async Task An_unreachable_node_is_named_in_the_error()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();

        var ex = await Assert.ThrowsAsync<ConnectionFailureException>(
            () => ElasticsearchConnection.ConnectAsync(OptionsFor(new Uri($"http://127.0.0.1:{port}")), default));
        Assert.Equal(ConnectionFailureKind.Unreachable, ex.Failure.Kind);
        Assert.Contains($"http://127.0.0.1:{port}", ex.Message);
    }

    [Fact]
    public async Task Several_unreachable_nodes_are_all_named()
    {
        var ports = new int[2];
        for (var i = 0; i < ports.Length; i++)
        {
            var listener = new TcpListener(IPAddress.Loopback, 0);
            listener.Start();
            ports[i] = ((IPEndPoint)listener.LocalEndpoint).Port;
            listener.Stop();
        }
        var options = new ElasticsearchConnectionOptions { RequestTimeout = TimeSpan.FromSeconds(5) };
        foreach (var port in ports) options.Uris.Add(new Uri($"http://127.0.0.1:{port}"));
        var ex = await Assert.ThrowsAsync<ConnectionFailureException>(() => ElasticsearchConnection.ConnectAsync(options, default));
        Assert.Equal(ConnectionFailureKind.Unreachable, ex.Failure.Kind);
        foreach (var port in ports) Assert.Contains($"127.0.0.1:{port}", ex.Message);
    }

    private static readonly Dictionary<string, string> ElasticHeaders = new()
    {
        ["Content-Type"] = "application/json",
        ["X-Elastic-Product"] = "Elasticsearch",
    };

    [Theory]
    [InlineData("6.8.23")]
    [InlineData("9.1.0")]
    public async Task Versions_other_than_7_and_8_are_unsupported(string version)
    {
        await using var server = new FakeHttpServer(200,
            "{\"name\":\"n\",\"cluster_name\":\"c\",\"version\":{\"number\":\"" + version + "\",\"build_flavor\":\"default\"},\"tagline\":\"You Know, for Search\"}",
            ElasticHeaders);

        var ex = await Assert.ThrowsAsync<ConnectionFailureException>(() => ElasticsearchConnection.ConnectAsync(OptionsFor(server.Uri), default));

        Assert.Equal(ConnectionFailureKind.UnsupportedVersion, ex.Failure.Kind);
        Assert.Contains(version, ex.Message);
    }

    [Fact]
    public async Task A_403_names_the_missing_privilege()
    {
        await using var server = new FakeHttpServer(403,
            "{\"error\":{\"type\":\"security_exception\",\"reason\":\"action [cluster:monitor/main] is unauthorized\"},\"status\":403}",
            ElasticHeaders);

        var ex = await Assert.ThrowsAsync<ConnectionFailureException>(() => ElasticsearchConnection.ConnectAsync(OptionsFor(server.Uri), default));

        Assert.Equal(ConnectionFailureKind.Forbidden, ex.Failure.Kind);
        Assert.Contains("monitor", ex.Message);
    }

    [Fact]
    public async Task An_elasticsearch_error_status_on_the_version_request_is_a_server_error_not_a_foreign_product()
    {
        await using var server = new FakeHttpServer(503,
            "{\"error\":{\"type\":\"cluster_block_exception\",\"reason\":\"blocked by: [SERVICE_UNAVAILABLE/1/state not recovered]\"},\"status\":503}",
            ElasticHeaders);

        var ex = await Assert.ThrowsAsync<ConnectionFailureException>(() => ElasticsearchConnection.ConnectAsync(OptionsFor(server.Uri), default));

        Assert.Equal(ConnectionFailureKind.ServerError, ex.Failure.Kind);
        Assert.Contains("HTTP 503", ex.Message);
    }
}
