using System;
using System.Collections.Generic;
using System.Text.Json;

namespace Synced.Emulators.Elasticsearch;

/// <summary>
/// An Elasticsearch error: rendered as <c>{"error":{...},"status":N}</c> for a request, or as the
/// <c>error</c> object of a bulk item.
/// </summary>
internal sealed class EsException : Exception
{
    public EsException(int status, string type, string reason, string? index = null, EsException? causedBy = null)
        : base(reason)
    {
        Status = status;
        Type = type;
        Reason = reason;
        Index = index;
        CausedBy = causedBy;
    }

    public int Status { get; }
    public string Type { get; }
    public string Reason { get; }
    public string? Index { get; }
    public string? IndexUuid { get; init; }
    public string? Shard { get; init; }
    public EsException? CausedBy { get; }

    /// <summary>Extra fields ES prints between reason and index (resource.type, line, col, ...).</summary>
    public List<KeyValuePair<string, object>> Extra { get; } = new();

    /// <summary>What <c>root_cause</c> lists; defaults to this error without its cause.</summary>
    public EsException? RootCause { get; init; }

    /// <summary>Extra top-level fields of the error object (e.g. phase, grouped, failed_shards).</summary>
    public Action<Utf8JsonWriter>? WriteDetails { get; init; }

    public EsException With(string key, object value)
    {
        Extra.Add(new KeyValuePair<string, object>(key, value));
        return this;
    }

    /// <summary>Writes the whole response body of a failed request.</summary>
    public void WriteResponse(Utf8JsonWriter w)
    {
        w.WriteStartObject();
        w.WritePropertyName("error");
        w.WriteStartObject();
        w.WritePropertyName("root_cause");
        w.WriteStartArray();
        (RootCause ?? this).WriteFields(w, withCause: false, wrap: true);
        w.WriteEndArray();
        WriteFields(w, withCause: true, wrap: false);
        w.WriteEndObject();
        w.WriteNumber("status", Status);
        w.WriteEndObject();
    }

    /// <summary>Writes the error object as bulk items and mget docs carry it (no root_cause).</summary>
    public void WriteItemError(Utf8JsonWriter w) => WriteFields(w, withCause: true, wrap: true);

    private void WriteFields(Utf8JsonWriter w, bool withCause, bool wrap)
    {
        if (wrap) w.WriteStartObject();
        w.WriteString("type", Type);
        w.WriteString("reason", Reason);
        foreach (var (key, value) in Extra)
        {
            switch (value)
            {
                case int i: w.WriteNumber(key, i); break;
                case long l: w.WriteNumber(key, l); break;
                case bool b: w.WriteBoolean(key, b); break;
                default: w.WriteString(key, value.ToString()); break;
            }
        }
        if (Index is not null)
        {
            if (IndexUuid is not null) w.WriteString("index_uuid", IndexUuid);
            if (Shard is not null) w.WriteString("shard", Shard);
            w.WriteString("index", Index);
        }
        if (withCause)
        {
            WriteDetails?.Invoke(w);
            if (CausedBy is not null)
            {
                w.WritePropertyName("caused_by");
                CausedBy.WriteFields(w, withCause: true, wrap: true);
            }
        }
        if (wrap) w.WriteEndObject();
    }
}
