using System;
using System.Buffers;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace Synced.Emulators.Elasticsearch;

/// <summary>A status code and a JSON body (empty for HEAD-style answers).</summary>
internal sealed class RestResponse
{
    private static readonly JsonWriterOptions WriterOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping, SkipValidation = true };

    public RestResponse(int status, ReadOnlyMemory<byte> body)
    {
        Status = status;
        Body = body;
    }

    private byte[]? _pooled;

    public int Status { get; }
    public ReadOnlyMemory<byte> Body { get; }

    /// <summary>Extra response headers (e.g. WWW-Authenticate).</summary>
    public (string Name, string Value)[] Headers { get; init; } = Array.Empty<(string, string)>();

    public static RestResponse Json(int status, Action<Utf8JsonWriter> write)
    {
        var buffer = new PooledBody();
        using (var w = new Utf8JsonWriter(buffer, WriterOptions)) write(w);
        return new RestResponse(status, buffer.Buffer.AsMemory(0, buffer.Written)) { _pooled = buffer.Buffer };
    }

    /// <summary>
    /// Gives a pooled body back once it is sent; the response must not be read afterwards. Without this call the
    /// array is simply collected.
    /// </summary>
    public void ReleaseBody()
    {
        if (System.Threading.Interlocked.Exchange(ref _pooled, null) is { } array) ArrayPool<byte>.Shared.Return(array);
    }

    public static RestResponse Ok(Action<Utf8JsonWriter> write) => Json(200, write);

    public static RestResponse Empty(int status) => new(status, ReadOnlyMemory<byte>.Empty);

    public static RestResponse Acknowledged() => Ok(w =>
    {
        w.WriteStartObject();
        w.WriteBoolean("acknowledged", true);
        w.WriteEndObject();
    });

    public static RestResponse Error(EsException error) => Json(error.Status, error.WriteResponse);
}
