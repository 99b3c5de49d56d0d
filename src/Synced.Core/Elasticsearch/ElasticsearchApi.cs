using System;
using System.Threading;
using System.Threading.Tasks;
using Elasticsearch.Net;

namespace Synced.Core.Elasticsearch;

/// <summary>
/// The REST calls of the store through NEST's low-level client: raw bytes in and out, so bodies are written with
/// <see cref="System.Text.Json.Utf8JsonWriter"/> and read with <see cref="System.Text.Json.JsonDocument"/>.
/// </summary>
internal sealed class ElasticsearchApi
{
    private readonly IElasticLowLevelClient _client;
    private readonly string _nodes;
    private readonly TimeSpan _requestTimeout;

    public ElasticsearchApi(IElasticLowLevelClient client, string nodes, TimeSpan requestTimeout)
    {
        _client = client;
        _nodes = nodes;
        _requestTimeout = requestTimeout;
    }

    /// <summary>Sends a request; throws when no answer came at all (the node is unreachable or timed out).</summary>
    public async Task<ApiAnswer> SendAsync(HttpMethod method, string path, byte[]? body, CancellationToken cancellationToken)
    {
        // Relative to the node address, so a node behind a path prefix (https://proxy/es/) keeps it. The transport
        // wants query parameters apart from the path.
        var relative = path.Length > 1 && path[0] == '/' ? path.Substring(1) : path;
        QueryParameters? parameters = null;
        var question = relative.IndexOf('?');
        if (question >= 0)
        {
            parameters = new QueryParameters();
            foreach (var pair in relative.Substring(question + 1).Split('&'))
            {
                if (pair.Length == 0) continue;
                var equals = pair.IndexOf('=');
                parameters.QueryString[equals < 0 ? pair : pair.Substring(0, equals)] = equals < 0 ? "" : Uri.UnescapeDataString(pair.Substring(equals + 1));
            }
            relative = relative.Substring(0, question);
        }
        var response = await _client.DoRequestAsync<BytesResponse>(method, relative, cancellationToken, body is null ? null : PostData.Bytes(body), parameters)
            .ConfigureAwait(false);
        return ToAnswer(response, method, path, cancellationToken);
    }

    /// <summary>Sends an NDJSON <c>_bulk</c> body (with the bulk content type).</summary>
    public async Task<ApiAnswer> BulkAsync(byte[] body, CancellationToken cancellationToken)
    {
        var response = await _client.BulkAsync<BytesResponse>(PostData.Bytes(body), null, cancellationToken).ConfigureAwait(false);
        return ToAnswer(response, HttpMethod.POST, "/_bulk", cancellationToken);
    }

    /// <summary>Sends a request and throws <see cref="ElasticsearchStoreException"/> unless it succeeded.</summary>
    public async Task<byte[]> SendExpectingSuccessAsync(HttpMethod method, string path, byte[]? body, string what, CancellationToken cancellationToken)
    {
        var answer = await SendAsync(method, path, body, cancellationToken).ConfigureAwait(false);
        if (!answer.IsSuccess) throw Failure(answer, what);
        return answer.Body;
    }

    /// <summary>An exception for an error answer: what was attempted, the status and Elasticsearch's error.</summary>
    public static ElasticsearchStoreException Failure(ApiAnswer answer, string what)
    {
        var error = ElasticsearchError.Parse(answer.Body);
        var detail = error?.ToString() ?? "no Elasticsearch error in the answer";
        return new ElasticsearchStoreException($"{what} failed with HTTP {answer.Status}: {detail}", answer.Status, error?.Type);
    }

    private ApiAnswer ToAnswer(BytesResponse response, HttpMethod method, string path, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var status = response.ApiCall.HttpStatusCode;
        if (status is null)
        {
            if (ElasticsearchConnection.IsTimeout(response.ApiCall.OriginalException, cancellationToken))
                throw new ElasticsearchStoreException(
                    $"{method} {path}: no answer from Elasticsearch at {_nodes} within the request timeout of {ElasticsearchConnection.Seconds(_requestTimeout)} s: check that the cluster is healthy and not overloaded (GET _cluster/health), or raise the request timeout for large bulks and slow searches",
                    null, null, response.ApiCall.OriginalException);
            var cause = response.ApiCall.OriginalException;
            while (cause?.InnerException is not null) cause = cause.InnerException;
            throw new ElasticsearchStoreException(
                $"{method} {path}: no answer from Elasticsearch at {_nodes}: {cause?.Message ?? "no response"}",
                null, null, response.ApiCall.OriginalException);
        }
        return new ApiAnswer(status.Value, response.Body ?? Array.Empty<byte>());
    }
}
