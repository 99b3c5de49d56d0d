using System;
using System.IO;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace Synced.Core.Elasticsearch;

/// <summary>
/// One JSON writer and its buffer, reused for many small JSON texts (the documents and action lines of a bulk
/// batch): each text costs only its own array. Not thread-safe: one per batch being written.
/// </summary>
internal sealed class JsonScratch : IDisposable
{
    // Request bodies are never embedded in HTML: keep non-ASCII text as UTF-8 instead of \u escapes.
    private static readonly JsonWriterOptions WriterOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private readonly MemoryStream _stream = new(512);
    private readonly Utf8JsonWriter _writer;

    public JsonScratch() => _writer = new Utf8JsonWriter(_stream, WriterOptions);

    /// <summary>A writer at the start of a new text (whatever an unfinished text left behind is dropped).</summary>
    public Utf8JsonWriter Begin()
    {
        _stream.SetLength(0);
        _writer.Reset(_stream);
        return _writer;
    }

    /// <summary>The UTF-8 bytes of the text written since <see cref="Begin"/>.</summary>
    public byte[] End()
    {
        _writer.Flush();
        return _stream.ToArray();
    }

    public void Dispose()
    {
        _writer.Dispose();
        _stream.Dispose();
    }
}
