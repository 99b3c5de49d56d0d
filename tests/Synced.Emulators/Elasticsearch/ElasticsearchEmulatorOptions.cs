using System.Net;
using System.Security.Cryptography.X509Certificates;

namespace Synced.Emulators.Elasticsearch;

/// <summary>How an in-memory Elasticsearch node is started.</summary>
public sealed class ElasticsearchEmulatorOptions
{
    /// <summary>Address to listen on; loopback unless a test says otherwise.</summary>
    public IPAddress Address { get; set; } = IPAddress.Loopback;

    /// <summary>HTTP port; 0 picks a free one (read it back from <see cref="ElasticsearchEmulator.Uri"/>).</summary>
    public int Port { get; set; }

    /// <summary>The Elasticsearch version the node reports on <c>GET /</c> and whose behaviour it follows.</summary>
    public string Version { get; set; } = "7.17.5";

    /// <summary>
    /// <c>elasticsearch</c> (default) or <c>opensearch</c>: then the node poses as OpenSearch <see cref="Version"/>
    /// (e.g. 2.11.0): the 7.10 REST API, <c>distribution: opensearch</c> and OpenSearch's tagline on <c>GET /</c>, no
    /// product header, no <c>_type</c> (2.x), no Elasticsearch point in time, no REST API compatibility media types.
    /// </summary>
    public string Distribution { get; set; } = "elasticsearch";

    /// <summary>True when posing as OpenSearch.</summary>
    public bool IsOpenSearch => string.Equals(Distribution, "opensearch", System.StringComparison.OrdinalIgnoreCase);

    /// <summary>When set with <see cref="Password"/>, every request needs basic authentication.</summary>
    public string? User { get; set; }

    /// <summary>Password for <see cref="User"/>.</summary>
    public string? Password { get; set; }

    /// <summary>
    /// When set (as <c>id:api_key</c>), requests may also authenticate with <c>Authorization: ApiKey base64(id:api_key)</c>;
    /// then every request needs credentials.
    /// </summary>
    public string? ApiKey { get; set; }

    /// <summary>When set, the node serves HTTPS with this certificate (it must have a private key); <see cref="ElasticsearchEmulator.Uri"/> is then https.</summary>
    public X509Certificate2? ServerCertificate { get; set; }

    /// <summary>
    /// Whether responses carry <c>X-Elastic-Product: Elasticsearch</c>. Turn off to play a server that is not
    /// Elasticsearch (the clients' product check then refuses it).
    /// </summary>
    public bool SendProductHeader { get; set; } = true;

    /// <summary>
    /// <c>http.max_content_length</c>: a request body larger than this is answered 413 without being handled
    /// (100 MB by default, as Elasticsearch; tests set a small value to reach it cheaply).
    /// </summary>
    public long MaxContentLength { get; set; } = 100 * 1024 * 1024;
}
