using System;
using System.Collections.Generic;
using System.IO;
using System.IO.Compression;
using System.Linq;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;

namespace Synced.Emulators.Elasticsearch;

/// <summary>
/// An in-memory, single-node Elasticsearch serving the REST API over HTTP/1.1 (Kestrel) on loopback.
/// Searches see only refreshed documents (1 s periodic refresh by default), as in the real engine.
/// </summary>
public sealed class ElasticsearchEmulator : IAsyncDisposable
{
    private static readonly TimeSpan RefreshTick = TimeSpan.FromMilliseconds(50);

    private readonly WebApplication _app;
    private readonly Node _node;
    private readonly RestRouter _router;
    private readonly CancellationTokenSource _stop = new();
    private readonly string? _expectedAuthorization;
    private readonly string? _expectedApiKey;
    private Task _refreshLoop = Task.CompletedTask;

    private ElasticsearchEmulator(ElasticsearchEmulatorOptions options, WebApplication app)
    {
        Options = options;
        _app = app;
        _node = new Node(options, Faults);
        _router = new RestRouter(_node);
        if (options.User is not null && options.Password is not null)
            _expectedAuthorization = "Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes(options.User + ":" + options.Password));
        if (options.ApiKey is not null)
            _expectedApiKey = "ApiKey " + Convert.ToBase64String(Encoding.UTF8.GetBytes(options.ApiKey));
    }

    /// <summary>The options the node was started with.</summary>
    public ElasticsearchEmulatorOptions Options { get; }

    /// <summary>Base address of the node, e.g. http://127.0.0.1:19200/.</summary>
    public Uri Uri { get; private set; } = new Uri("http://127.0.0.1/");

    /// <summary>Fault injection and request hooks for tests.</summary>
    public ElasticsearchFaults Faults { get; } = new();

    /// <summary>Starts a node; returns once it accepts requests.</summary>
    public static async Task<ElasticsearchEmulator> StartAsync(ElasticsearchEmulatorOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        if ((options.User is null) != (options.Password is null))
            throw new ArgumentException("User and Password go together: give both or neither", nameof(options));

        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions());
        builder.WebHost.UseKestrelCore().ConfigureKestrel(kestrel =>
        {
            kestrel.Listen(options.Address, options.Port, listen =>
            {
                listen.Protocols = HttpProtocols.Http1;
                if (options.ServerCertificate is not null) listen.UseHttps(options.ServerCertificate);
            });
            kestrel.Limits.MaxRequestBodySize = null;
            kestrel.Limits.MinRequestBodyDataRate = null;
            kestrel.Limits.MinResponseDataRate = null;
            kestrel.Limits.MaxConcurrentConnections = null;
            kestrel.Limits.MaxRequestLineSize = 64 * 1024;
            kestrel.Limits.MaxRequestBufferSize = 4 * 1024 * 1024;
            kestrel.AddServerHeader = false;
        });
        var app = builder.Build();
        var emulator = new ElasticsearchEmulator(options, app);
        app.Run(emulator.HandleAsync);
        await app.StartAsync(cancellationToken).ConfigureAwait(false);

        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        emulator.Uri = new Uri(address.EndsWith('/') ? address : address + "/");
        emulator._node.PublishAddress = emulator.Uri.Authority;
        emulator._refreshLoop = emulator.RefreshLoopAsync();
        return emulator;
    }

    /// <summary>Refreshes every index now (what <c>POST /_refresh</c> does).</summary>
    public void RefreshAll()
    {
        foreach (var index in _node.Cluster.Indices) index.Refresh();
    }

    /// <summary>How many points in time are open (tests check that a scan closes its own).</summary>
    public int OpenPointsInTime => _node.Contexts.PointsInTime.Count;

    /// <summary>How many scrolls are open.</summary>
    public int OpenScrolls => _node.Contexts.Scrolls.Count;

    /// <summary>The names of the indices that exist, sorted.</summary>
    public IReadOnlyList<string> IndexNames => _node.Cluster.Indices.Select(i => i.Name).OrderBy(n => n, StringComparer.Ordinal).ToList();

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        if (_stop.IsCancellationRequested) return;
        _stop.Cancel();
        try
        {
            await _refreshLoop.ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
        }
        using (var grace = new CancellationTokenSource(TimeSpan.FromSeconds(2)))
            await _app.StopAsync(grace.Token).ConfigureAwait(false);
        await _app.DisposeAsync().ConfigureAwait(false);
        _stop.Dispose();
    }

    private async Task RefreshLoopAsync()
    {
        using var timer = new PeriodicTimer(RefreshTick);
        while (await timer.WaitForNextTickAsync(_stop.Token).ConfigureAwait(false))
        {
            try
            {
                _node.Cluster.RefreshDueIndices();
                _node.Contexts.ExpireOld();
            }
            catch (Exception e)
            {
                // Keep refreshing the other indices; an emulator defect must not freeze search visibility.
                Console.Error.WriteLine($"elasticsearch emulator: periodic refresh failed: {e}");
            }
        }
    }

    private async Task HandleAsync(HttpContext context)
    {
        var http = context.Request;
        var rawTarget = context.Features.Get<IHttpRequestFeature>()?.RawTarget ?? (http.PathBase + http.Path + http.QueryString);
        var queryStart = rawTarget.IndexOf('?');
        var path = queryStart < 0 ? rawTarget : rawTarget.Substring(0, queryStart);
        var query = ParseQuery(queryStart < 0 ? "" : rawTarget.Substring(queryStart + 1));
        var body = await ReadBodyAsync(http, Options.MaxContentLength, context.RequestAborted).ConfigureAwait(false);
        if (body is null)
        {
            // ES's HTTP layer (Netty's HttpObjectAggregator with http.max_content_length) answers before any handler:
            // 413 with an empty body and no product header; the connection stays usable.
            context.Response.StatusCode = 413;
            context.Response.ContentLength = 0;
            return;
        }
        var compatibleWith = CompatibleWith(http.Headers.Accept.ToString()) ?? CompatibleWith(http.Headers.ContentType.ToString());
        var versionProblem = CheckCompatibleVersions(http.Headers.Accept.ToString(), http.Headers.ContentType.ToString(), body.Value.Length > 0);
        var observed = new EmulatedRequest(http.Method, path, query, body.Value);

        var latency = Faults.LatencyFor(observed);
        if (latency > TimeSpan.Zero) await Task.Delay(latency, context.RequestAborted).ConfigureAwait(false);
        if (Faults.TakeDisconnect(observed))
        {
            context.Abort();
            return;
        }

        RestResponse response;
        var authorization = http.Headers.Authorization.ToString();
        if (!Authorized(authorization))
        {
            response = Unauthorized(path, authorization);
        }
        else if (Options.IsOpenSearch && (CompatibleWith(http.Headers.ContentType.ToString()) is not null || CompatibleWith(http.Headers.Accept.ToString()) is not null))
        {
            var header = CompatibleWith(http.Headers.ContentType.ToString()) is not null ? http.Headers.ContentType.ToString() : http.Headers.Accept.ToString();
            response = RestResponse.Json(406, w =>
            {
                w.WriteStartObject();
                w.WriteString("error", $"Content-Type header [{header}] is not supported");
                w.WriteNumber("status", 406);
                w.WriteEndObject();
            });
        }
        else if (versionProblem is not null)
        {
            response = RestResponse.Error(new EsException(400, "status_exception", versionProblem));
        }
        else if (Faults.TakeFailure(observed) is { } status)
        {
            response = RestResponse.Error(new EsException(status, status == 429 ? "es_rejected_execution_exception" : "emulated_fault_exception",
                $"fault injected by the emulator: {http.Method} {path} fails with {status}"));
        }
        else
        {
            foreach (var hook in Faults.TakeBeforeHooks(observed)) await hook(observed).ConfigureAwait(false);
            if (Faults.OnRequest is { } onRequest) await onRequest(observed, context.RequestAborted).ConfigureAwait(false);
            try
            {
                var request = new RestRequest(http.Method, path, query, body.Value, compatibleWith) { Accept = http.Headers.Accept.ToString(), Observed = observed };
                response = await _router.RouteAsync(request).ConfigureAwait(false);
            }
            catch (EsException e)
            {
                response = RestResponse.Error(e);
            }
            catch (Exception e) when (e is FormatException or InvalidOperationException or System.Text.Json.JsonException or ArgumentException or KeyNotFoundException or OverflowException)
            {
                // A request the emulator could not read: ES answers such requests with 400 too.
                response = RestResponse.Error(new EsException(400, "parse_exception", e.Message));
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                // An emulator defect: answer as ES answers an internal failure, with what went wrong and where.
                response = RestResponse.Error(new EsException(500, "exception", $"{e.GetType().Name}: {e.Message} at {e.StackTrace?.Split('\n')[0].Trim()}"));
            }
        }
        if (query.ContainsKey("pretty")) response = Pretty(response);
        try
        {
            await WriteAsync(context, response, compatibleWith).ConfigureAwait(false);
        }
        finally
        {
            response.ReleaseBody();
        }
    }

    /// <summary><c>?pretty</c>: the same JSON, indented (what people reading curl output ask for).</summary>
    private static RestResponse Pretty(RestResponse response)
    {
        if (response.Body.IsEmpty || response.Headers.Any(h => h.Name == "Content-Type")) return response;
        using var document = System.Text.Json.JsonDocument.Parse(response.Body);
        var buffer = new System.Buffers.ArrayBufferWriter<byte>(response.Body.Length * 2);
        using (var writer = new System.Text.Json.Utf8JsonWriter(buffer, new System.Text.Json.JsonWriterOptions
               { Indented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
            document.WriteTo(writer);
        System.Buffers.BuffersExtensions.Write(buffer, "\n"u8);
        return new RestResponse(response.Status, buffer.WrittenMemory) { Headers = response.Headers };
    }

    private bool Authorized(string authorization)
    {
        if (_expectedAuthorization is null && _expectedApiKey is null) return true;
        return (authorization.Length > 0) &&
               ((_expectedAuthorization is not null && string.Equals(authorization, _expectedAuthorization, StringComparison.Ordinal)) ||
                (_expectedApiKey is not null && string.Equals(authorization, _expectedApiKey, StringComparison.Ordinal)));
    }

    private static RestResponse Unauthorized(string path, string authorization)
    {
        string reason;
        if (authorization.Length == 0)
        {
            reason = $"missing authentication credentials for REST request [{path}]";
        }
        else if (authorization.StartsWith("Basic ", StringComparison.OrdinalIgnoreCase))
        {
            var user = "";
            try
            {
                var decoded = Encoding.UTF8.GetString(Convert.FromBase64String(authorization.Substring(6).Trim()));
                user = decoded.Split(':')[0];
            }
            catch (FormatException)
            {
            }
            reason = $"unable to authenticate user [{user}] for REST request [{path}]";
        }
        else
        {
            reason = $"unable to authenticate with provided credentials and anonymous access is not allowed for this request";
        }
        var body = RestResponse.Json(401, w =>
        {
            w.WriteStartObject();
            w.WritePropertyName("error");
            w.WriteStartObject();
            w.WritePropertyName("root_cause");
            w.WriteStartArray();
            w.WriteStartObject();
            WriteSecurityFields(w, reason);
            w.WriteEndObject();
            w.WriteEndArray();
            WriteSecurityFields(w, reason);
            w.WriteEndObject();
            w.WriteNumber("status", 401);
            w.WriteEndObject();
        });
        return new RestResponse(401, body.Body) { Headers = new[] { ("WWW-Authenticate", AuthenticateChallenge) } };
    }

    private const string AuthenticateChallenge = "Basic realm=\"security\" charset=\"UTF-8\"";

    private static void WriteSecurityFields(System.Text.Json.Utf8JsonWriter w, string reason)
    {
        w.WriteString("type", "security_exception");
        w.WriteString("reason", reason);
        w.WritePropertyName("header");
        w.WriteStartObject();
        w.WriteString("WWW-Authenticate", AuthenticateChallenge);
        w.WriteEndObject();
    }

    private async Task WriteAsync(HttpContext context, RestResponse response, int? compatibleWith)
    {
        var http = context.Response;
        http.StatusCode = response.Status;
        if (Options.SendProductHeader && !Options.IsOpenSearch) http.Headers["X-Elastic-Product"] = "Elasticsearch";
        // ES echoes the client's request id so clients can correlate.
        if (context.Request.Headers.TryGetValue("X-Opaque-Id", out var opaqueId)) http.Headers["X-Opaque-Id"] = opaqueId;
        var contentType = compatibleWith is { } v
            ? $"application/vnd.elasticsearch+json;compatible-with={v}"
            : "application/json; charset=UTF-8";
        foreach (var (name, value) in response.Headers)
        {
            if (string.Equals(name, "Content-Type", StringComparison.OrdinalIgnoreCase)) contentType = value;
            else http.Headers[name] = value;
        }
        http.ContentType = contentType;
        http.ContentLength = response.Body.Length;
        if (HttpMethods.IsHead(context.Request.Method) || response.Body.IsEmpty) return;
        await http.Body.WriteAsync(response.Body, context.RequestAborted).ConfigureAwait(false);
    }

    /// <summary>The request body; null when it is longer than <paramref name="limit"/> (then it was read and dropped).</summary>
    private static async Task<ReadOnlyMemory<byte>?> ReadBodyAsync(HttpRequest request, long limit, CancellationToken cancellationToken)
    {
        var length = request.ContentLength;
        if (length == 0) return ReadOnlyMemory<byte>.Empty;
        if (length > limit)
        {
            await DrainAsync(request.Body, cancellationToken).ConfigureAwait(false);
            return null;
        }
        var source = request.Body;
        var gzip = string.Equals(request.Headers.ContentEncoding.ToString(), "gzip", StringComparison.OrdinalIgnoreCase);
        if (gzip) source = new GZipStream(source, CompressionMode.Decompress);
        if (length is { } known && !gzip && known <= int.MaxValue)
        {
            var buffer = new byte[known];
            var read = 0;
            while (read < buffer.Length)
            {
                var n = await source.ReadAsync(buffer.AsMemory(read), cancellationToken).ConfigureAwait(false);
                if (n == 0) break;
                read += n;
            }
            return buffer.AsMemory(0, read);
        }
        using var copy = new MemoryStream();
        var chunk = new byte[81920];
        while (true)
        {
            var n = await source.ReadAsync(chunk, cancellationToken).ConfigureAwait(false);
            if (n == 0) break;
            if (copy.Length + n > limit)
            {
                await DrainAsync(source, cancellationToken).ConfigureAwait(false);
                return null;
            }
            copy.Write(chunk, 0, n);
        }
        return copy.GetBuffer().AsMemory(0, (int)copy.Length);
    }

    private static async Task DrainAsync(Stream body, CancellationToken cancellationToken)
    {
        var sink = new byte[81920];
        while (await body.ReadAsync(sink, cancellationToken).ConfigureAwait(false) > 0) { }
    }

    private static Dictionary<string, string> ParseQuery(string query)
    {
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var pair in query.Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            var eq = pair.IndexOf('=');
            var key = Uri.UnescapeDataString(eq < 0 ? pair : pair.Substring(0, eq));
            var value = eq < 0 ? "" : Uri.UnescapeDataString(pair.Substring(eq + 1).Replace('+', ' '));
            result[key] = value;
        }
        return result;
    }

    /// <summary>
    /// RestCompatibleVersionHelper: a requested REST API version must be the node's major or (8.x) the one before, and
    /// with a body Accept and Content-Type must both ask for the same one. Null when the headers are acceptable.
    /// </summary>
    private string? CheckCompatibleVersions(string accept, string contentType, bool hasContent)
    {
        // OpenSearch has no compatibility media types: its content negotiation refuses them (406, see HandleAsync).
        if (Options.IsOpenSearch) return null;
        var major = _node.Cluster.Major;
        var minimum = major >= 8 ? major - 1 : major;
        var acceptVersion = CompatibleWith(accept);
        var contentVersion = CompatibleWith(contentType);
        var a = acceptVersion ?? major;
        if (a > major || a < minimum)
            return $"Accept version must be either version {major} or {minimum}, but found {a}. Accept={accept}";
        if (!hasContent) return null;
        var c = contentVersion ?? major;
        if (c > major || c < minimum)
            return $"Content-Type version must be either version {major} or {minimum}, but found {c}. Content-Type={contentType}";
        if (c != a)
            return "A compatible version is required on both Content-Type and Accept headers if either one has requested a compatible version " +
                   $"and the compatible versions must match. Accept={accept}, Content-Type={contentType}";
        if ((acceptVersion is null) != (contentVersion is null))
            return $"A compatible version is required on both Content-Type and Accept headers if either one has requested a compatible version. Accept={accept}, Content-Type={contentType}";
        return null;
    }

    /// <summary>Reads N from <c>application/vnd.elasticsearch+json; compatible-with=N</c>.</summary>
    private static int? CompatibleWith(string header)
    {
        const string marker = "compatible-with=";
        var at = header.IndexOf(marker, StringComparison.OrdinalIgnoreCase);
        if (at < 0) return null;
        var start = at + marker.Length;
        var end = start;
        while (end < header.Length && char.IsAsciiDigit(header[end])) end++;
        return int.TryParse(header.AsSpan(start, end - start), out var v) ? v : null;
    }
}
