using System;
using System.IO;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Threading;
using System.Threading.Tasks;

namespace Synced.Core.Metrics;

/// <summary>
/// Serves the metrics on <c>http://address:port/metrics</c> for Prometheus to scrape: a small HTTP/1.1
/// server over a TCP listener (no HTTP stack to configure, no URL reservation on Windows), one request per
/// connection, GET and HEAD only.
/// </summary>
public sealed class MetricsServer : IDisposable
{
    /// <summary>The path the metrics are served on.</summary>
    public const string MetricsPath = "/metrics";

    private const string ContentType = "text/plain; version=0.0.4; charset=utf-8";
    private const int MaxRequestHead = 16 * 1024;
    private static readonly TimeSpan RequestTimeout = TimeSpan.FromSeconds(10);
    private static readonly Encoding Utf8 = new UTF8Encoding(false);
    private static readonly string[] LineBreak = { "\r\n" };

    private readonly TcpListener _listener;
    private readonly Func<string> _render;
    private readonly CancellationTokenSource _stopping = new();
    private readonly Task _accepting;

    /// <summary>Starts listening.</summary>
    /// <param name="address">The address to listen on (loopback keeps the metrics on this machine).</param>
    /// <param name="port">The TCP port; 0 picks a free one (see <see cref="EndPoint"/>).</param>
    /// <param name="render">Makes the metrics text for each scrape.</param>
    /// <exception cref="MetricsException">The port cannot be used (in use, not permitted).</exception>
    public MetricsServer(IPAddress address, int port, Func<string> render)
    {
        _render = render ?? throw new ArgumentNullException(nameof(render));
        _listener = new TcpListener(address ?? throw new ArgumentNullException(nameof(address)), port);
        try
        {
            _listener.Start();
        }
        catch (SocketException ex)
        {
            throw new MetricsException($"cannot serve metrics on {address}:{port}: {ex.Message}. Choose another port, or stop what uses it", ex);
        }
        EndPoint = (IPEndPoint)_listener.LocalEndpoint;
        _accepting = Task.Run(AcceptAsync);
    }

    /// <summary>Where it listens.</summary>
    public IPEndPoint EndPoint { get; }

    /// <summary>The URL to scrape.</summary>
    public Uri Url => new($"http://{(EndPoint.AddressFamily == AddressFamily.InterNetworkV6 ? $"[{EndPoint.Address}]" : EndPoint.Address.ToString())}:{EndPoint.Port}{MetricsPath}");

    private async Task AcceptAsync()
    {
        while (!_stopping.IsCancellationRequested)
        {
            TcpClient client;
            try
            {
                client = await _listener.AcceptTcpClientAsync().ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is SocketException or ObjectDisposedException or InvalidOperationException)
            {
                return; // stopped
            }
            _ = Task.Run(() => ServeAsync(client));
        }
    }

    private async Task ServeAsync(TcpClient client)
    {
        using (client)
        using (var timeout = CancellationTokenSource.CreateLinkedTokenSource(_stopping.Token))
        {
            timeout.CancelAfter(RequestTimeout);
            try
            {
                var stream = client.GetStream();
                var head = await ReadHeadAsync(stream, timeout.Token).ConfigureAwait(false);
                var response = head is null ? Respond(400, "Bad Request", "bad request\n", head: false) : Answer(head);
                await stream.WriteAsync(response, 0, response.Length, timeout.Token).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is IOException or SocketException or OperationCanceledException or ObjectDisposedException)
            {
                // The scraper went away or took too long; the next scrape gets a new connection.
            }
        }
    }

    private byte[] Answer(string head)
    {
        var requestLine = head.Split(LineBreak, 2, StringSplitOptions.None)[0].Split(' ');
        if (requestLine.Length != 3 || !requestLine[2].StartsWith("HTTP/1.", StringComparison.Ordinal)) return Respond(400, "Bad Request", "bad request\n", head: false);
        var method = requestLine[0];
        var target = requestLine[1];
        var query = target.IndexOf('?');
        var path = query >= 0 ? target.Substring(0, query) : target;
        var isHead = method == "HEAD";
        if (method != "GET" && !isHead) return Respond(405, "Method Not Allowed", "only GET and HEAD\n", head: false, extraHeaders: "Allow: GET, HEAD\r\n");
        if (path == MetricsPath) return Respond(200, "OK", _render(), isHead);
        if (path == "/") return Respond(200, "OK", "Synced: the metrics are at " + MetricsPath + "\n", isHead);
        return Respond(404, "Not Found", "not found: the metrics are at " + MetricsPath + "\n", isHead);
    }

    private static byte[] Respond(int status, string reason, string body, bool head, string extraHeaders = "")
    {
        var content = Utf8.GetBytes(body);
        var header = Utf8.GetBytes($"HTTP/1.1 {status} {reason}\r\nContent-Type: {ContentType}\r\nContent-Length: {content.Length}\r\n{extraHeaders}Connection: close\r\n\r\n");
        if (head) return header;
        var response = new byte[header.Length + content.Length];
        Buffer.BlockCopy(header, 0, response, 0, header.Length);
        Buffer.BlockCopy(content, 0, response, header.Length, content.Length);
        return response;
    }

    /// <summary>The request line and headers, or null when the request is too large or ends early.</summary>
    private static async Task<string?> ReadHeadAsync(NetworkStream stream, CancellationToken cancellationToken)
    {
        var buffer = new byte[MaxRequestHead];
        var length = 0;
        while (length < buffer.Length)
        {
            var read = await stream.ReadAsync(buffer, length, buffer.Length - length, cancellationToken).ConfigureAwait(false);
            if (read == 0) return null;
            length += read;
            var text = Encoding.ASCII.GetString(buffer, 0, length);
            var end = text.IndexOf("\r\n\r\n", StringComparison.Ordinal);
            if (end >= 0) return text.Substring(0, end);
        }
        return null;
    }

    /// <summary>Stops listening; scrapes under way are cut.</summary>
    public void Dispose()
    {
        _stopping.Cancel();
        _listener.Stop();
        try
        {
            _accepting.Wait(TimeSpan.FromSeconds(5));
        }
        catch (AggregateException)
        {
        }
        _stopping.Dispose();
    }
}
