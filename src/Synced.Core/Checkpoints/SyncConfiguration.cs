using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Security.Cryptography;
using System.Text;

namespace Synced.Core.Checkpoints;

/// <summary>
/// The identity of a sync configuration: what its checkpoint belongs to. Two runs share a checkpoint exactly
/// when their configurations are equal: Cassandra contact points, keyspace, Elasticsearch URIs and index — or,
/// when the user picked one, the same <see cref="Name"/>. Table selection and direction are not part of it:
/// they choose which of the checkpoint's watermarks a run uses. All parts are normalized (case, order,
/// default ports), so equivalent spellings meet.
/// </summary>
public sealed class SyncConfiguration
{
    /// <summary>Creates a configuration identity; null collections take the defaults.</summary>
    public SyncConfiguration(
        string keyspace,
        string index,
        IEnumerable<string>? cassandraHosts = null,
        int cassandraPort = ConfigurationDefaults.CassandraPort,
        IEnumerable<Uri>? elasticsearchUris = null,
        string? name = null)
    {
        if (string.IsNullOrWhiteSpace(keyspace) && name is null)
            throw new ArgumentException("a keyspace is required (or a configuration name)", nameof(keyspace));
        if (string.IsNullOrWhiteSpace(index) && name is null)
            throw new ArgumentException("an index is required (or a configuration name)", nameof(index));
        if (cassandraPort is < 1 or > 65535)
            throw new ArgumentOutOfRangeException(nameof(cassandraPort), cassandraPort, "a port is from 1 to 65535");
        if (name is not null && string.IsNullOrWhiteSpace(name))
            throw new ArgumentException("a checkpoint name cannot be empty", nameof(name));

        Keyspace = (keyspace ?? string.Empty).Trim().ToLowerInvariant();
        Index = (index ?? string.Empty).Trim().ToLowerInvariant();
        CassandraHosts = NormalizeHosts(cassandraHosts, cassandraPort);
        ElasticsearchUris = NormalizeUris(elasticsearchUris);
        Name = name?.Trim();
    }

    /// <summary>The name the user picked, or null for an identity made of the parameters.</summary>
    public string? Name { get; }

    /// <summary>Cassandra keyspace, lower case.</summary>
    public string Keyspace { get; }

    /// <summary>Elasticsearch index (or alias), lower case.</summary>
    public string Index { get; }

    /// <summary>Contact points as <c>host:port</c>, lower case, sorted.</summary>
    public IReadOnlyList<string> CassandraHosts { get; }

    /// <summary>Elasticsearch URIs, normalized, sorted.</summary>
    public IReadOnlyList<string> ElasticsearchUris { get; }

    /// <summary>The canonical text the identity hash is taken of.</summary>
    public string Key => Name is not null
        ? "name=" + Name.ToLowerInvariant()
        : string.Join("\n",
            "cassandra=" + string.Join(",", CassandraHosts),
            "keyspace=" + Keyspace,
            "elasticsearch=" + string.Join(",", ElasticsearchUris),
            "index=" + Index);

    /// <summary>A short hash of <see cref="Key"/> (10 hex digits) that makes file names unique per identity.</summary>
    public string Hash
    {
        get
        {
            using var sha = SHA256.Create();
            var digest = sha.ComputeHash(Encoding.UTF8.GetBytes(Key));
            var builder = new StringBuilder(10);
            for (var i = 0; i < 5; i++) builder.Append(digest[i].ToString("x2", CultureInfo.InvariantCulture));
            return builder.ToString();
        }
    }

    /// <summary>The name a checkpoint of this configuration is shown and addressed by.</summary>
    public string DisplayName => Name ?? $"{Keyspace}-{Index}-{Hash}";

    /// <summary>The file base name: a readable slug plus the hash.</summary>
    public string FileBaseName => Name is not null ? $"{Slug(Name)}-{Hash}" : $"{Slug(Keyspace)}-{Slug(Index)}-{Hash}";

    /// <summary>Lower-case letters, digits, '-' and '_' only; at most 40 characters.</summary>
    public static string Slug(string text)
    {
        var builder = new StringBuilder();
        foreach (var c in text.ToLowerInvariant())
        {
            if (builder.Length >= 40) break;
            if (c is >= 'a' and <= 'z' or >= '0' and <= '9' or '_' or '-') builder.Append(c);
            else if (builder.Length > 0 && builder[builder.Length - 1] != '_') builder.Append('_');
        }
        var slug = builder.ToString().Trim('_');
        return slug.Length == 0 ? "checkpoint" : slug;
    }

    /// <summary>Normalizes contact points to <c>host:port</c> (IPv6 in brackets), lower case, sorted, unique.</summary>
    /// <exception cref="ArgumentException">A contact point is malformed (<see cref="ArgumentException.ParamName"/> is <c>hosts</c>).</exception>
    public static IReadOnlyList<string> NormalizeHosts(IEnumerable<string>? hosts, int defaultPort)
    {
        var list = (hosts ?? new[] { ConfigurationDefaults.CassandraHost })
            .Where(h => !string.IsNullOrWhiteSpace(h))
            .Select(h => NormalizeHost(h.Trim(), defaultPort))
            .Distinct(StringComparer.Ordinal)
            .OrderBy(h => h, StringComparer.Ordinal)
            .ToList();
        if (list.Count == 0) list.Add(NormalizeHost(ConfigurationDefaults.CassandraHost, defaultPort));
        return list;

        static string NormalizeHost(string host, int defaultPort)
        {
            host = host.ToLowerInvariant();
            if (host.StartsWith("[", StringComparison.Ordinal))
            {
                var close = host.IndexOf(']');
                if (close < 0) throw new ArgumentException($"contact point '{host}' has no closing ']'", nameof(hosts));
                var rest = host.Substring(close + 1);
                var port = rest.StartsWith(":", StringComparison.Ordinal) ? ParsePort(rest.Substring(1), host) : defaultPort;
                return $"{host.Substring(0, close + 1)}:{port}";
            }
            var colons = host.Count(c => c == ':');
            if (colons == 1)
            {
                var at = host.IndexOf(':');
                return $"{host.Substring(0, at)}:{ParsePort(host.Substring(at + 1), host)}";
            }
            if (colons > 1) return $"[{host}]:{defaultPort}"; // bare IPv6 address
            return $"{host}:{defaultPort}";
        }

        static int ParsePort(string text, string host)
        {
            if (!int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var port) || port is < 1 or > 65535)
                throw new ArgumentException($"contact point '{host}' has an invalid port '{text}'; use host or host:port with a port from 1 to 65535", nameof(hosts));
            return port;
        }
    }

    /// <summary>Normalizes URIs: absolute http(s), lower-case scheme and host, explicit port, no trailing slash.</summary>
    /// <exception cref="ArgumentException">A URI is not an absolute http(s) address (<see cref="ArgumentException.ParamName"/> is <c>uris</c>).</exception>
    public static IReadOnlyList<string> NormalizeUris(IEnumerable<Uri>? uris)
    {
        var list = (uris ?? new[] { ConfigurationDefaults.ElasticsearchUri })
            .Where(u => u is not null)
            .Select(NormalizeUri)
            .Distinct(StringComparer.Ordinal)
            .OrderBy(u => u, StringComparer.Ordinal)
            .ToList();
        if (list.Count == 0) list.Add(NormalizeUri(ConfigurationDefaults.ElasticsearchUri));
        return list;

        static string NormalizeUri(Uri uri)
        {
            if (!uri.IsAbsoluteUri || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps))
                throw new ArgumentException($"Elasticsearch URI '{uri}' must be an absolute http:// or https:// address such as http://localhost:9200", nameof(uris));
            var path = uri.AbsolutePath.TrimEnd('/');
            return $"{uri.Scheme}://{uri.Host.ToLowerInvariant()}:{uri.Port}{path}";
        }
    }

    /// <inheritdoc />
    public override string ToString() => Name ?? $"{Keyspace} <-> {Index}";
}
