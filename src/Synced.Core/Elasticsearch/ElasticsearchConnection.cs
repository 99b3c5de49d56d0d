using System;
using System.Linq;
using System.Net.Security;
using System.Security.Cryptography.X509Certificates;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using Elasticsearch.Net;
using Nest;
using ConnectionFailureException = Synced.Core.Connections.ConnectionFailureException;
using ConnectionFailureKind = Synced.Core.Connections.ConnectionFailureKind;
using ConnectionRemedy = Synced.Core.Connections.ConnectionRemedy;
using StoreSide = Synced.Core.Connections.StoreSide;

namespace Synced.Core.Elasticsearch;

/// <summary>
/// A NEST client for one cluster, configured from <see cref="ElasticsearchConnectionOptions"/>, with the server
/// version detected by <c>GET /</c>. Against 8.x the client runs in compatibility mode (API versioning header).
/// </summary>
public sealed class ElasticsearchConnection : IDisposable
{
    private ElasticsearchConnection(ElasticClient client, Version serverVersion, ElasticsearchConnectionOptions options)
    {
        Client = client;
        ServerVersion = serverVersion;
        Options = options;
    }

    /// <summary>The NEST client; its <c>LowLevel</c> client carries the store's bulk and search traffic.</summary>
    public ElasticClient Client { get; }

    /// <summary>The version the server reported (major.minor.patch).</summary>
    public Version ServerVersion { get; }

    /// <summary>The options the connection was made with.</summary>
    public ElasticsearchConnectionOptions Options { get; }

    /// <summary>True when the server supports point-in-time with the <c>_shard_doc</c> tiebreaker (7.12+).</summary>
    public bool SupportsPointInTime => ServerVersion >= new Version(7, 12);

    /// <summary>True when the server has the <c>flattened</c> field type (Elasticsearch 7.3+), which Synced maps CQL maps to.</summary>
    public bool SupportsFlattened => ServerVersion >= new Version(7, 3);

    /// <summary>
    /// Connects: checks the options, asks the server for its version and product, and returns a client suited to
    /// it. Throws <see cref="ConnectionFailureException"/> when the nodes are unreachable, the credentials are
    /// rejected, the server is not Elasticsearch, or its version is not supported (7.x and 8.x are).
    /// </summary>
    public static async Task<ElasticsearchConnection> ConnectAsync(ElasticsearchConnectionOptions options, CancellationToken cancellationToken)
    {
        if (options is null) throw new ArgumentNullException(nameof(options));
        Validate(options);

        var probeSettings = CreateSettings(options, apiVersioning: false);
        var probe = new ElasticClient(probeSettings);
        Version version;
        // The first request opens the connection: it gets the connect timeout. NEST's product check runs before
        // it under the client-wide request timeout, so the limit is a cancellation of our own.
        using var connectLimit = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        connectLimit.CancelAfter(options.ConnectTimeout);
        try
        {
            version = await DetectVersionAsync(probe, options, connectLimit.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException ex) when (connectLimit.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            ((IDisposable)probeSettings).Dispose();
            throw Failure(ConnectionFailureKind.Unreachable,
                $"Elasticsearch at {options.DescribeNodes()} did not answer GET / within the connect timeout of {Seconds(options.ConnectTimeout)} s: check the address, port and TLS settings and that the cluster is up and not overloaded, or raise the connect timeout",
                ex, ConnectionRemedy.CheckAddress, ConnectionRemedy.RaiseConnectTimeout);
        }
        catch (ConnectionFailureException ex) when (ex.Failure.Kind == ConnectionFailureKind.WrongServer)
        {
            ((IDisposable)probeSettings).Dispose();
            // Say what it is when it is a known other product, rather than only what it is not.
            var openSearch = await OpenSearchVersionAsync(options, cancellationToken).ConfigureAwait(false);
            if (openSearch is null) throw;
            throw Failure(ConnectionFailureKind.WrongServer,
                $"the server at {options.DescribeNodes()} is OpenSearch {openSearch}, not Elasticsearch. Synced supports Elasticsearch 7.x and 8.x " +
                "only: OpenSearch has its own point-in-time API, no flattened field type, and the Elasticsearch client refuses it as " +
                "another product. Sync with an Elasticsearch cluster", ex, ConnectionRemedy.CheckAddress);
        }
        catch
        {
            ((IDisposable)probeSettings).Dispose();
            throw;
        }
        if (version.Major < 8) return new ElasticsearchConnection(probe, version, options);

        // 8.x: a client that sends the compatibility headers replaces the probe.
        ((IDisposable)probeSettings).Dispose();
        return new ElasticsearchConnection(new ElasticClient(CreateSettings(options, apiVersioning: true)), version, options);
    }

    /// <summary>Closes the client's HTTP connections.</summary>
    public void Dispose() => ((IDisposable)Client.ConnectionSettings).Dispose();

    private static void Validate(ElasticsearchConnectionOptions options)
    {
        if (options.Uris.Count == 0)
            throw new ArgumentException("give at least one Elasticsearch node address, e.g. http://localhost:9200");
        foreach (var uri in options.Uris)
        {
            if (!uri.IsAbsoluteUri || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps))
                throw new ArgumentException($"'{uri.Scheme}://{uri.Host}:{uri.Port}' is not an http(s) address of an Elasticsearch node");
            if (!string.IsNullOrEmpty(uri.UserInfo))
                throw new ArgumentException($"the address of node {uri.Host}:{uri.Port} carries user info; pass credentials as a credential or API key instead");
        }
        if (options.Credential is not null && options.ApiKey is not null)
            throw new ArgumentException("give either a credential or an API key, not both");
        if (options.RequestTimeout <= TimeSpan.Zero)
            throw new ArgumentException("the request timeout must be positive");
        if (options.ConnectTimeout <= TimeSpan.Zero)
            throw new ArgumentException("the connect timeout must be positive");
    }

    internal static ConnectionSettings CreateSettings(ElasticsearchConnectionOptions options, bool apiVersioning)
    {
        var uris = options.Uris.ToArray();
        IConnectionPool pool = uris.Length == 1
            ? new SingleNodeConnectionPool(uris[0])
            : options.EnableSniffing ? new SniffingConnectionPool(uris) : new StaticConnectionPool(uris);

        var settings = new ConnectionSettings(pool)
            .RequestTimeout(options.RequestTimeout)
            .SniffOnStartup(options.EnableSniffing)
            .SniffOnConnectionFault(options.EnableSniffing)
            .ThrowExceptions(false)
            // Request bodies are copied into memory streams (to send their length): pooled ones leave no large arrays behind.
            .MemoryStreamFactory(RecyclableMemoryStreamFactory.Default);
        if (apiVersioning) settings = settings.EnableApiVersioningHeader();

        if (options.Credential is not null)
            settings = settings.BasicAuthentication(options.Credential.UserName, options.Credential.SecurePassword);
        if (options.ApiKey is not null)
            settings = options.ApiKeyId is not null
                ? settings.ApiKeyAuthentication(options.ApiKeyId, options.ApiKey)
                : settings.ApiKeyAuthentication(new ApiKeyAuthenticationCredentials(options.ApiKey));

        var validation = CreateCertificateValidation(options);
        if (validation is not null) settings = settings.ServerCertificateValidationCallback(validation);
        return settings;
    }

    private static Func<object, X509Certificate, X509Chain, SslPolicyErrors, bool>? CreateCertificateValidation(ElasticsearchConnectionOptions options)
    {
        Func<object, X509Certificate, X509Chain, SslPolicyErrors, bool>? byAuthority = null;
        if (options.CertificateAuthorityPath is not null)
        {
            X509Certificate2 authority;
            try
            {
                authority = new X509Certificate2(options.CertificateAuthorityPath);
            }
            catch (Exception ex)
            {
                throw new ArgumentException($"cannot read the certificate authority file '{options.CertificateAuthorityPath}': {ex.Message}", ex);
            }
            byAuthority = CertificateValidations.AuthorityIsRoot(authority);
        }

        var fingerprint = options.CertificateFingerprint is null ? null : CertificateFingerprint.Parse(options.CertificateFingerprint);
        if (byAuthority is null && fingerprint is null) return null;

        return (sender, certificate, chain, errors) =>
        {
            if (errors == SslPolicyErrors.None) return true;
            if (fingerprint is not null && fingerprint.MatchesAny(certificate, chain)) return true;
            return byAuthority is not null && byAuthority(sender, certificate, chain, errors);
        };
    }

    private static async Task<Version> DetectVersionAsync(ElasticClient client, ElasticsearchConnectionOptions options, CancellationToken cancellationToken)
    {
        var nodes = options.DescribeNodes();
        BytesResponse response;
        try
        {
            response = await client.LowLevel.DoRequestAsync<BytesResponse>(HttpMethod.GET, "/", cancellationToken).ConfigureAwait(false);
        }
        catch (UnsupportedProductException ex)
        {
            throw NotElasticsearch(nodes, "it failed the Elasticsearch product check (no 'X-Elastic-Product: Elasticsearch' header or an unknown product)", ex);
        }
        cancellationToken.ThrowIfCancellationRequested();
        var call = response.ApiCall;
        var status = call.HttpStatusCode;

        var productCheckFailure = call.OriginalException as ElasticsearchClientException;
        var failedProductCheck = productCheckFailure?.FailureReason == PipelineFailure.FailedProductCheck;
        // The product check failed on an error status of a server that does say it is Elasticsearch (e.g. 503
        // while the cluster recovers): report that status, not "not Elasticsearch".
        var checkStatus = productCheckFailure?.Response?.HttpStatusCode;
        if (status is null && failedProductCheck && checkStatus is >= 400 and not 401 and not 403
            && string.Equals(productCheckFailure!.Response!.ProductName, "Elasticsearch", StringComparison.Ordinal))
            throw Failure(ConnectionFailureKind.ServerError,
                $"Elasticsearch at {nodes} answered GET / with HTTP {checkStatus}; the cluster may be starting, blocked or overloaded: check its health and retry");
        if (status is null && failedProductCheck && !HasTransportFailure(call.OriginalException))
            throw NotElasticsearch(nodes, "it failed the Elasticsearch product check (GET / is not an Elasticsearch root document)");
        if (status is null)
        {
            var cause = Innermost(call.OriginalException);
            // HttpClient reports its own timeout as a cancellation; say what it was.
            if (IsTimeout(call.OriginalException, cancellationToken))
                throw Failure(ConnectionFailureKind.Unreachable,
                    $"Elasticsearch at {nodes} did not answer GET / within the request timeout of {Seconds(options.RequestTimeout)} s: check the address, port and TLS settings and that the cluster is up and not overloaded, or raise the request timeout",
                    call.OriginalException, ConnectionRemedy.CheckAddress, ConnectionRemedy.RaiseRequestTimeout);
            throw Failure(ConnectionFailureKind.Unreachable,
                $"no Elasticsearch node answered at {nodes}: {cause?.Message ?? "no response"}. Check the address, port, TLS settings and that the cluster is up",
                call.OriginalException, ConnectionRemedy.CheckAddress, ConnectionRemedy.CheckCertificate);
        }
        if (failedProductCheck && status != 401 && status != 403)
            throw NotElasticsearch(nodes, "it failed the Elasticsearch product check (no 'X-Elastic-Product: Elasticsearch' header or an unknown product)");
        if (status == 401)
            throw Failure(ConnectionFailureKind.BadCredentials,
                $"Elasticsearch at {nodes} rejected the credentials (HTTP 401): check the user name and password or the API key", null, ConnectionRemedy.CheckCredential);
        if (status == 403)
            throw Failure(ConnectionFailureKind.Forbidden,
                $"Elasticsearch at {nodes} refused GET / (HTTP 403): the user needs the 'monitor' cluster privilege", null, ConnectionRemedy.CheckCredential);
        if (status != 200)
        {
            var error = ElasticsearchError.Parse(response.Body) ?? throw NotElasticsearch(nodes, $"GET / answered HTTP {status} without an Elasticsearch error body");
            throw Failure(ConnectionFailureKind.ServerError, $"Elasticsearch at {nodes} answered GET / with HTTP {status}: {error}");
        }

        if (call.ProductName is not null && !string.Equals(call.ProductName, "Elasticsearch", StringComparison.Ordinal))
            throw NotElasticsearch(nodes, $"it says it is '{call.ProductName}'");

        var version = ParseRootVersion(response.Body) ?? throw NotElasticsearch(nodes, "GET / did not answer with an Elasticsearch root document (version.number)");
        if (version.Major < 7 || version.Major > 8)
            throw Failure(ConnectionFailureKind.UnsupportedVersion,
                $"Elasticsearch at {nodes} is version {version}; Synced supports 7.x and 8.x", null, ConnectionRemedy.CheckAddress);
        return version;
    }

    private static ConnectionFailureException NotElasticsearch(string nodes, string why, Exception? inner = null)
        => Failure(ConnectionFailureKind.WrongServer, $"the server at {nodes} is not Elasticsearch: {why}", inner, ConnectionRemedy.CheckAddress);

    private static ConnectionFailureException Failure(ConnectionFailureKind kind, string message, Exception? inner = null, params ConnectionRemedy[] remedies)
        => new(kind, StoreSide.Elasticsearch, message, inner, remedies);

    /// <summary>True when the failure came from the network (refused, reset, TLS, timeout), not from what a server said.</summary>
    private static bool HasTransportFailure(Exception? exception)
    {
        for (var current = exception; current is not null; current = current.InnerException)
            if (current is System.Net.Http.HttpRequestException or System.Net.Sockets.SocketException or System.IO.IOException
                or System.Security.Authentication.AuthenticationException or TimeoutException or OperationCanceledException)
                return true;
        return false;
    }

    /// <summary>
    /// True when a request without an answer ran out of time: HttpClient's timeout (a cancellation carrying a
    /// <see cref="TimeoutException"/>) or the client's retry budget, not the caller's cancellation.
    /// </summary>
    internal static bool IsTimeout(Exception? failure, CancellationToken cancellationToken)
    {
        if (cancellationToken.IsCancellationRequested) return false;
        for (var current = failure; current is not null; current = current.InnerException)
            if (current is TimeoutException || current is ElasticsearchClientException { FailureReason: PipelineFailure.MaxTimeoutReached })
                return true;
        return false;
    }

    /// <summary>A limit in seconds for messages: 60, 2.5.</summary>
    internal static string Seconds(TimeSpan limit) => limit.TotalSeconds.ToString("0.###", System.Globalization.CultureInfo.InvariantCulture);

    private static Exception? Innermost(Exception? exception)
    {
        while (exception?.InnerException is not null) exception = exception.InnerException;
        return exception;
    }

    /// <summary>
    /// The version of an OpenSearch node (its root document says <c>distribution: opensearch</c>), or null when the
    /// nodes are something else or cannot be read. The client's product check is skipped for this one request.
    /// </summary>
    private static async Task<string?> OpenSearchVersionAsync(ElasticsearchConnectionOptions options, CancellationToken cancellationToken)
    {
        var settings = CreateSettings(options, apiVersioning: false);
        try
        {
            ((IConnectionPool)((IConnectionConfigurationValues)settings).ConnectionPool).ProductCheckStatus = ProductCheckStatus.ValidProduct;
            var response = await new ElasticClient(settings).LowLevel.DoRequestAsync<BytesResponse>(HttpMethod.GET, "/", cancellationToken).ConfigureAwait(false);
            if (response.ApiCall.HttpStatusCode != 200 || response.Body is null) return null;
            using var document = JsonDocument.Parse(response.Body);
            if (document.RootElement.ValueKind == JsonValueKind.Object
                && document.RootElement.TryGetProperty("version", out var version) && version.ValueKind == JsonValueKind.Object
                && version.TryGetProperty("distribution", out var distribution) && distribution.ValueKind == JsonValueKind.String
                && string.Equals(distribution.GetString(), "opensearch", StringComparison.OrdinalIgnoreCase)
                && version.TryGetProperty("number", out var number) && number.ValueKind == JsonValueKind.String)
                return number.GetString();
            return null;
        }
        catch (Exception ex) when (ex is JsonException or ElasticsearchClientException or UnsupportedProductException or System.Net.Http.HttpRequestException)
        {
            return null;
        }
        finally
        {
            ((IDisposable)settings).Dispose();
        }
    }

    /// <summary>The version of a <c>GET /</c> root document, or null when the body is not one.</summary>
    internal static Version? ParseRootVersion(byte[]? body)
    {
        if (body is null || body.Length == 0) return null;
        try
        {
            using var document = JsonDocument.Parse(body);
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object
                || !root.TryGetProperty("version", out var versionObject) || versionObject.ValueKind != JsonValueKind.Object
                || !versionObject.TryGetProperty("number", out var number) || number.ValueKind != JsonValueKind.String)
                return null;
            var text = number.GetString()!;
            var dash = text.IndexOf('-');
            if (dash >= 0) text = text.Substring(0, dash);
            return Version.TryParse(text, out var version) ? version : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
