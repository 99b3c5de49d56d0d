using System;
using System.Collections.Generic;
using System.Text;

namespace Synced.Emulators.Elasticsearch;

/// <summary>A request as fault predicates and hooks see it.</summary>
public sealed class EmulatedRequest
{
    internal EmulatedRequest(string method, string path, IReadOnlyDictionary<string, string> query, ReadOnlyMemory<byte> body)
    {
        Method = method;
        Path = path;
        Query = query;
        Body = body;
    }

    /// <summary>HTTP method, e.g. POST.</summary>
    public string Method { get; }

    /// <summary>Path without the query string, e.g. /orders/_bulk.</summary>
    public string Path { get; }

    /// <summary>Query string parameters.</summary>
    public IReadOnlyDictionary<string, string> Query { get; }

    /// <summary>The request body as sent.</summary>
    public ReadOnlyMemory<byte> Body { get; }

    /// <summary>The body decoded as UTF-8.</summary>
    public string BodyText => Encoding.UTF8.GetString(Body.Span);

    /// <summary>True when the path's last segment is the given endpoint, e.g. <c>IsEndpoint("_bulk")</c>.</summary>
    public bool IsEndpoint(string endpoint) =>
        Path.EndsWith("/" + endpoint, StringComparison.Ordinal) || Path.Contains("/" + endpoint + "/", StringComparison.Ordinal);

    /// <inheritdoc />
    public override string ToString() => $"{Method} {Path}";
}
