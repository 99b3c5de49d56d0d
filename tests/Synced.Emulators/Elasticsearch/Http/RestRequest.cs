using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text.Json;

namespace Synced.Emulators.Elasticsearch;

/// <summary>One REST call as the handlers see it: method, decoded path segments, query string and body.</summary>
internal sealed class RestRequest
{
    public RestRequest(string method, string path, IReadOnlyDictionary<string, string> query, ReadOnlyMemory<byte> body, int? compatibleWith)
    {
        Method = method;
        Path = path;
        Query = query;
        Body = body;
        CompatibleWith = compatibleWith;
        var parts = path.Split('/', StringSplitOptions.RemoveEmptyEntries);
        for (var i = 0; i < parts.Length; i++) parts[i] = Uri.UnescapeDataString(parts[i]);
        Segments = parts;
    }

    public string Method { get; }
    public string Path { get; }
    public string[] Segments { get; }
    public IReadOnlyDictionary<string, string> Query { get; }
    public ReadOnlyMemory<byte> Body { get; }

    /// <summary>The Accept header ("" when absent); the cat APIs answer JSON when it asks for JSON.</summary>
    public string Accept { get; init; } = "";

    /// <summary>The request as fault rules see it (null for requests made inside the emulator).</summary>
    public EmulatedRequest? Observed { get; init; }

    /// <summary>The major version of a <c>compatible-with=N</c> media type the client sent, if any.</summary>
    public int? CompatibleWith { get; }

    public bool HasBody => !Body.IsEmpty && !IsBlank(Body.Span);

    public string? Param(string name) => Query.TryGetValue(name, out var v) ? v : null;

    public bool Flag(string name, bool whenAbsent = false)
    {
        if (!Query.TryGetValue(name, out var v)) return whenAbsent;
        if (v.Length == 0 || v == "true") return true;
        if (v == "false") return false;
        throw Errors.IllegalArgument($"Failed to parse value [{v}] as only [true] or [false] are allowed.");
    }

    public int? IntParam(string name)
    {
        if (!Query.TryGetValue(name, out var v)) return null;
        if (int.TryParse(v, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var n)) return n;
        throw Errors.IllegalArgument($"Failed to parse int parameter [{name}] with value [{v}]");
    }

    public long? LongParam(string name)
    {
        if (!Query.TryGetValue(name, out var v)) return null;
        if (long.TryParse(v, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var n)) return n;
        throw Errors.IllegalArgument($"Failed to parse long parameter [{name}] with value [{v}]");
    }

    /// <summary>Parses the body as one JSON document; an empty body gives null.</summary>
    public JsonDocument? JsonBody()
    {
        if (!HasBody) return null;
        try
        {
            return JsonDocument.Parse(Body, new JsonDocumentOptions { AllowTrailingCommas = false, CommentHandling = JsonCommentHandling.Skip });
        }
        catch (JsonException ex)
        {
            throw Errors.BodyParse($"Failed to parse request body: {ex.Message}");
        }
    }

    private static bool IsBlank(ReadOnlySpan<byte> span)
    {
        foreach (var b in span) if (b != ' ' && b != '\n' && b != '\r' && b != '\t') return false;
        return true;
    }
}
