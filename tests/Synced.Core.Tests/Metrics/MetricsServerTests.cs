using System;
using System.Net;
using System.Net.Http;
using System.Net.Sockets;
using System.Text;
using System.Threading.Tasks;
using Synced.Core.Metrics;
using Xunit;

namespace Synced.Core.Tests.Metrics;

public sealed class MetricsServerTests
{
    private const string Body = "# HELP synced_x A gauge.\n# TYPE synced_x gauge\nsynced_x 1\n";

    [Fact]
    public async Task Get_metrics_answers_the_rendered_text_in_the_exposition_format()
    {
        var renders = 0;
        using var server = new MetricsServer(IPAddress.Loopback, 0, () => { renders++; return Body; });
        using var http = new HttpClient();

        var response = await http.GetAsync(server.Url);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/plain; version=0.0.4; charset=utf-8", response.Content.Headers.ContentType!.ToString());
        Assert.Equal(Body, await response.Content.ReadAsStringAsync());
        Assert.Equal(1, renders);
        Assert.Equal($"http://127.0.0.1:{server.EndPoint.Port}/metrics", server.Url.ToString());
    }

    [Fact]
    public async Task Other_paths_and_methods_are_refused()
    {
        using var server = new MetricsServer(IPAddress.Loopback, 0, () => Body);
        using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{server.EndPoint.Port}") };

        Assert.Equal(HttpStatusCode.NotFound, (await http.GetAsync("/other")).StatusCode);
        var post = await http.PostAsync("/metrics", new StringContent("x"));
        Assert.Equal(HttpStatusCode.MethodNotAllowed, post.StatusCode);
        var head = await http.SendAsync(new HttpRequestMessage(HttpMethod.Head, "/metrics"));
        Assert.Equal(HttpStatusCode.OK, head.StatusCode);
        Assert.Equal(Encoding.UTF8.GetByteCount(Body), head.Content.Headers.ContentLength);
    }

    [Fact]
    public void A_port_in_use_is_refused_with_what_to_do()
    {
        var taken = new TcpListener(IPAddress.Loopback, 0);
        taken.Start();
        try
        {
            var error = Assert.Throws<MetricsException>(() => new MetricsServer(IPAddress.Loopback, ((IPEndPoint)taken.LocalEndpoint).Port, () => Body));
            Assert.Contains("Choose another port", error.Message);
        }
        finally
        {
            taken.Stop();
        }
    }

    [Fact]
    public async Task A_garbage_request_gets_a_bad_request_and_the_server_keeps_serving()
    {
        using var server = new MetricsServer(IPAddress.Loopback, 0, () => Body);
        using (var client = new TcpClient())
        {
            await client.ConnectAsync(IPAddress.Loopback, server.EndPoint.Port);
            var stream = client.GetStream();
            var bytes = Encoding.ASCII.GetBytes("NONSENSE\r\n\r\n");
            await stream.WriteAsync(bytes);
            var buffer = new byte[256];
            var read = await stream.ReadAsync(buffer);
            Assert.StartsWith("HTTP/1.1 400", Encoding.ASCII.GetString(buffer, 0, read));
        }
        using var http = new HttpClient();
        Assert.Equal(Body, await http.GetStringAsync(server.Url));
    }
}
