using System;
using System.Collections.Generic;
using System.Net;

namespace Synced.Core.Elasticsearch;

/// <summary>Where and how to reach an Elasticsearch cluster.</summary>
public sealed class ElasticsearchConnectionOptions
{
    /// <summary>One or more node addresses, e.g. <c>https://es1:9200</c>. One address uses a single-node pool, several a static pool.</summary>
    public IList<Uri> Uris { get; } = new List<Uri>();

    /// <summary>Basic authentication (user name + password); the cmdlets pass a PSCredential's NetworkCredential. Null for none.</summary>
    public NetworkCredential? Credential { get; set; }

    /// <summary>
    /// API key. With <see cref="ApiKeyId"/> it is the key's secret; without, the base64 encoded <c>id:api_key</c>
    /// as Elasticsearch returns it in <c>encoded</c>. Null for none.
    /// </summary>
    public string? ApiKey { get; set; }

    /// <summary>The API key's id when <see cref="ApiKey"/> is the bare secret.</summary>
    public string? ApiKeyId { get; set; }

    /// <summary>PEM or DER file of the certificate authority that signed the cluster's HTTP certificate (TLS with a private CA).</summary>
    public string? CertificateAuthorityPath { get; set; }

    /// <summary>
    /// Hex SHA-256 fingerprint (colons and case ignored) of the server certificate or of a certificate in its chain,
    /// e.g. the CA fingerprint Elasticsearch 8 prints on first start. The server is trusted when any matches.
    /// </summary>
    public string? CertificateFingerprint { get; set; }

    /// <summary>Time the first request (<c>GET /</c>, which opens the connection) may take.</summary>
    public TimeSpan ConnectTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Timeout of one request.</summary>
    public TimeSpan RequestTimeout { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>Discover further nodes from the cluster on start and on failures. Off by default: behind proxies and in containers the published addresses are often unreachable.</summary>
    public bool EnableSniffing { get; set; }

    /// <summary>Text naming the configured nodes for messages; never contains credentials.</summary>
    public string DescribeNodes()
    {
        var names = new List<string>();
        // Scheme, host and port only: user info in a URI would leak credentials into messages.
        foreach (var uri in Uris) names.Add($"{uri.Scheme}://{uri.Host}:{uri.Port}");
        return string.Join(", ", names);
    }
}
