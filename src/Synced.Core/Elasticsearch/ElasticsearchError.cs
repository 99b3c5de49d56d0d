using System.Text.Json;

namespace Synced.Core.Elasticsearch;

/// <summary>Elasticsearch's error object (<c>{"error":{"type":..,"reason":..}}</c> or a bulk item's <c>error</c>).</summary>
internal sealed class ElasticsearchError
{
    private ElasticsearchError(string type, string reason)
    {
        Type = type;
        Reason = reason;
    }

    /// <summary>The error type, e.g. <c>version_conflict_engine_exception</c>.</summary>
    public string Type { get; }

    /// <summary>Elasticsearch's explanation.</summary>
    public string Reason { get; }

    /// <summary>An error made by the store itself (e.g. after retries ran out).</summary>
    public static ElasticsearchError Create(string type, string reason) => new(type, reason);

    /// <summary>Reads a whole error answer; null when the body is not one.</summary>
    public static ElasticsearchError? Parse(byte[]? body)
    {
        if (body is null || body.Length == 0) return null;
        try
        {
            using var document = JsonDocument.Parse(body);
            if (document.RootElement.ValueKind != JsonValueKind.Object || !document.RootElement.TryGetProperty("error", out var error))
                return null;
            return FromElement(error);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    /// <summary>Reads an <c>error</c> value: an object with type and reason, or (old servers) a string.</summary>
    public static ElasticsearchError FromElement(JsonElement error)
    {
        if (error.ValueKind == JsonValueKind.String) return new ElasticsearchError("error", error.GetString() ?? "");
        if (error.ValueKind != JsonValueKind.Object) return new ElasticsearchError("error", error.GetRawText());
        var type = error.TryGetProperty("type", out var t) && t.ValueKind == JsonValueKind.String ? t.GetString()! : "error";
        var reason = error.TryGetProperty("reason", out var r) && r.ValueKind == JsonValueKind.String ? r.GetString()! : "";
        return new ElasticsearchError(type, reason);
    }

    /// <summary>True for the errors of a node that is overloaded for now: retry later.</summary>
    public bool IsRejection => Type == "es_rejected_execution_exception";

    /// <inheritdoc />
    public override string ToString() => string.IsNullOrEmpty(Reason) ? Type : $"{Type}: {Reason}";
}
