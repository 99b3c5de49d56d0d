using System;
using System.Collections.Generic;
using System.Net;
using System.Net.Sockets;
using System.Threading.Tasks;
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
        var ex = await Assert.ThrowsAsync<ElasticsearchConnectionException>(() => ElasticsearchConnection.ConnectAsync(OptionsFor(server.Uri), default));
        Assert.Equal(ElasticsearchConnectionFailure.NotElasticsearch, ex.Failure);
        Assert.Contains("not Elasticsearch", ex.Message);
        Assert.Contains($"127.0.0.1:{server.Uri.Port}", ex.Message);
    }

    [Fact]
    public async Task A_json_server_claiming_a_recent_version_without_the_product_header_is_not_elasticsearch()
    {
        await using var server = new FakeHttpServer(200,
            "{\"name\":\"n\",\"cluster_name\":\"c\",\"version\":{\"number\":\"7.17.5\",\"build_flavor\":\"default\"},\"tagline\":\"You Know, for Search\"}");
        var ex = await Assert.ThrowsAsync<ElasticsearchConnectionException>(() => ElasticsearchConnection.ConnectAsync(OptionsFor(server.Uri), default));
        Assert.Equal(ElasticsearchConnectionFailure.NotElasticsearch, ex.Failure);
    }

    [Fact]
    public async Task A_server_answering_404_without_an_elasticsearch_body_is_not_elasticsearch()
    {
        await using var server = new FakeHttpServer(404, "not found", new Dictionary<string, string> { ["Content-Type"] = "text/plain" });
        var ex = await Assert.ThrowsAsync<ElasticsearchConnectionException>(() => ElasticsearchConnection.ConnectAsync(OptionsFor(server.Uri), default));
        Assert.Equal(ElasticsearchConnectionFailure.NotElasticsearch, ex.Failure);
    }

    [Fact]
    public async Task A_401_is_reported_as_bad_credentials_without_the_password()
    {
        await using var server = new FakeHttpServer(401,
            "{\"error\":{\"type\":\"security_exception\",\"reason\":\"unable to authenticate user [u]\"},\"status\":401}",
            new Dictionary<string, string> { ["Content-Type"] = "application/json", ["WWW-Authenticate"] = "Basic realm=\"security\"" });
        var options = OptionsFor(server.Uri);
        options.Credential = new NetworkCredential("u", "s3cret-Passw0rd");
        var ex = await Assert.ThrowsAsync<ElasticsearchConnectionException>(() => ElasticsearchConnection.ConnectAsync(options, default));
        Assert.Equal(ElasticsearchConnectionFailure.BadCredentials, ex.Failure);
        Assert.DoesNotContain("s3cret-Passw0rd", ex.ToString());
    }

    [Fact]
    public async Task An_unreachable_node_is_named_in_the_error()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();

        var ex = await Assert.ThrowsAsync<ElasticsearchConnectionException>(
            () => ElasticsearchConnection.ConnectAsync(OptionsFor(new Uri($"http://127.0.0.1:{port}")), default));
        Assert.Equal(ElasticsearchConnectionFailure.Unreachable, ex.Failure);
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
        var ex = await Assert.ThrowsAsync<ElasticsearchConnectionException>(() => ElasticsearchConnection.ConnectAsync(options, default));
        Assert.Equal(ElasticsearchConnectionFailure.Unreachable, ex.Failure);
        foreach (var port in ports) Assert.Contains($"127.0.0.1:{port}", ex.Message);
    }
}
