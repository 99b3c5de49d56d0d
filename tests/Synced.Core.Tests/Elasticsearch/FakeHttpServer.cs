using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Threading;
using System.Threading.Tasks;

namespace Synced.Core.Tests.Elasticsearch;

/// <summary>
/// A minimal HTTP/1.1 server on a free loopback port that answers every request the same way: stands in for
/// servers that are not Elasticsearch. One response per connection (Connection: close).
/// </summary>
internal sealed class FakeHttpServer : IAsyncDisposable
{
    private readonly TcpListener _listener;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;
    private readonly int _status;
    private readonly IReadOnlyDictionary<string, string> _headers;
    private readonly string _body;

    private readonly X509Certificate2? _certificate;

    public FakeHttpServer(int status, string body, IReadOnlyDictionary<string, string>? headers = null, X509Certificate2? certificate = null)
    {
        _certificate = certificate;
        _status = status;
        _body = body;
        _headers = headers ?? new Dictionary<string, string> { ["Content-Type"] = "application/json" };
        _listener = new TcpListener(IPAddress.Loopback, 0);
        _listener.Start();
        Uri = new Uri($"{(certificate is null ? "http" : "https")}://127.0.0.1:{((IPEndPoint)_listener.LocalEndpoint).Port}/");
        _loop = Task.Run(AcceptLoopAsync);
    }

    public Uri Uri { get; }

    public int RequestCount;

    private async Task AcceptLoopAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            TcpClient client;
            try
            {
                client = await _listener.AcceptTcpClientAsync(_stop.Token);
            }
            catch (Exception) when (_stop.IsCancellationRequested)
            {
                return;
            }
            _ = Task.Run(() => ServeAsync(client));
        }
    }

    private async Task ServeAsync(TcpClient client)
    {
        using (client)
        {
            Stream stream = client.GetStream();
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(_stop.Token);
            timeout.CancelAfter(TimeSpan.FromSeconds(10));
            try
            {
                if (_certificate is not null)
                {
                    var tls = new SslStream(stream);
                    await tls.AuthenticateAsServerAsync(new SslServerAuthenticationOptions { ServerCertificate = _certificate }, timeout.Token);
                    stream = tls;
                }
                var head = await ReadHeadAsync(stream, timeout.Token);
                var contentLength = 0;
                foreach (var line in head.Split("\r\n"))
                    if (line.StartsWith("Content-Length:", StringComparison.OrdinalIgnoreCase))
                        contentLength = int.Parse(line.AsSpan(15).Trim(), CultureInfo.InvariantCulture);
                var buffer = new byte[4096];
                while (contentLength > 0)
                {
                    var read = await stream.ReadAsync(buffer.AsMemory(0, Math.Min(buffer.Length, contentLength)), timeout.Token);
                    if (read == 0) break;
                    contentLength -= read;
                }
                Interlocked.Increment(ref RequestCount);
                var body = Encoding.UTF8.GetBytes(_body);
                var response = new StringBuilder();
                response.Append(CultureInfo.InvariantCulture, $"HTTP/1.1 {_status} {(_status == 200 ? "OK" : "Status")}\r\n");
                foreach (var header in _headers) response.Append(CultureInfo.InvariantCulture, $"{header.Key}: {header.Value}\r\n");
                response.Append(CultureInfo.InvariantCulture, $"Content-Length: {body.Length}\r\nConnection: close\r\n\r\n");
                await stream.WriteAsync(Encoding.ASCII.GetBytes(response.ToString()), timeout.Token);
                await stream.WriteAsync(body, timeout.Token);
                await stream.FlushAsync(timeout.Token);
            }
            catch (Exception) when (timeout.IsCancellationRequested)
            {
            }
            catch (IOException)
            {
                // The client went away; nothing to answer.
            }
            catch (System.Security.Authentication.AuthenticationException)
            {
                // The client refused our certificate: that is what TLS tests check.
            }
        }
    }

    private static async Task<string> ReadHeadAsync(Stream stream, CancellationToken cancellationToken)
    {
        var bytes = new List<byte>();
        var one = new byte[1];
        while (bytes.Count < 65536)
        {
            var read = await stream.ReadAsync(one.AsMemory(), cancellationToken);
            if (read == 0) break;
            bytes.Add(one[0]);
            var n = bytes.Count;
            if (n >= 4 && bytes[n - 4] == '\r' && bytes[n - 3] == '\n' && bytes[n - 2] == '\r' && bytes[n - 1] == '\n') break;
        }
        return Encoding.ASCII.GetString(bytes.ToArray());
    }

    public async ValueTask DisposeAsync()
    {
        _stop.Cancel();
        _listener.Stop();
        try
        {
            await _loop;
        }
        catch (OperationCanceledException)
        {
        }
        _stop.Dispose();
    }
}
