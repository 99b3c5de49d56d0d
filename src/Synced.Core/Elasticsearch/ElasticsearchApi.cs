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
        var (relative, parameters) = Split(path, pooled: false);
        var response = await _client.DoRequestAsync<BytesResponse>(method, relative, cancellationToken, body is null ? null : PostData.Bytes(body), parameters)
            .ConfigureAwait(false);
        Check(response.ApiCall, method, path, cancellationToken);
        return new ApiAnswer(response.ApiCall.HttpStatusCode!.Value, response.Body ?? Array.Empty<byte>());
    }

    /// <summary>
    /// Sends a request whose answer is read into a pooled buffer (scan pages, stored versions): the caller disposes the
    /// answer after reading it. Throws when no answer came at all.
    /// </summary>
    public async Task<PooledAnswer> SendPooledAsync(HttpMethod method, string path, byte[]? body, CancellationToken cancellationToken)
    {
        var (relative, parameters) = Split(path, pooled: true);
        var response = await _client.DoRequestAsync<PooledBody.Response>(method, relative, cancellationToken, body is null ? null : PostData.Bytes(body), parameters)
            .ConfigureAwait(false);
        return ToPooledAnswer(response, method, path, cancellationToken);
    }

    /// <summary>
    /// Sends an NDJSON <c>_bulk</c> body (with the bulk content type): the first <paramref name="length"/> bytes of
    /// <paramref name="body"/>, which may be a pooled buffer (it is written to the request as it is, and not kept). The
    /// answer is read into a pooled buffer: the caller disposes it.
    /// </summary>
    public async Task<PooledAnswer> BulkAsync(byte[] body, int length, CancellationToken cancellationToken)
    {
        var data = PostData.StreamHandler((Body: body, Length: length),
            static (state, stream) => stream.Write(state.Body, 0, state.Length),
            static (state, stream, token) => stream.WriteAsync(state.Body, 0, state.Length, token));
        var parameters = new BulkRequestParameters { CustomResponseBuilder = PooledBody.Builder.Instance };
        var response = await _client.BulkAsync<PooledBody.Response>(data, parameters, cancellationToken).ConfigureAwait(false);
        return ToPooledAnswer(response, HttpMethod.POST, "/_bulk", cancellationToken);
    }

    /// <summary>
    /// The path relative to the node address, so a node behind a path prefix (https://proxy/es/) keeps it, and its query
    /// parameters apart (as the transport wants them).
    /// </summary>
    private static (string Relative, QueryParameters? Parameters) Split(string path, bool pooled)
    {
        var relative = path.Length > 1 && path[0] == '/' ? path.Substring(1) : path;
        var parameters = pooled ? new QueryParameters { CustomResponseBuilder = PooledBody.Builder.Instance } : null;
        var question = relative.IndexOf('?');
        if (question >= 0)
        {
            parameters ??= new QueryParameters();
            foreach (var pair in relative.Substring(question + 1).Split('&'))
            {
                if (pair.Length == 0) continue;
                var equals = pair.IndexOf('=');
                parameters.QueryString[equals < 0 ? pair : pair.Substring(0, equals)] = equals < 0 ? "" : Uri.UnescapeDataString(pair.Substring(equals + 1));
            }
            relative = relative.Substring(0, question);
        }
        return (relative, parameters);
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

    private PooledAnswer ToPooledAnswer(PooledBody.Response response, HttpMethod method, string path, CancellationToken cancellationToken)
    {
        try
        {
            Check(response.ApiCall, method, path, cancellationToken);
        }
        catch
        {
            response.Body?.Dispose();
            throw;
        }
        return new PooledAnswer(response.ApiCall.HttpStatusCode!.Value, response.Body);
    }

    /// <summary>Throws when no answer came at all: the request timed out, or the node could not be reached.</summary>
    private void Check(IApiCallDetails call, HttpMethod method, string path, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        if (call.HttpStatusCode is not null) return;
        if (ElasticsearchConnection.IsTimeout(call.OriginalException, cancellationToken))
            throw new ElasticsearchStoreException(
                $"{method} {path}: no answer from Elasticsearch at {_nodes} within the request timeout of {ElasticsearchConnection.Seconds(_requestTimeout)} s: check that the cluster is healthy and not overloaded (GET _cluster/health), or raise the request timeout for large bulks and slow searches",
                null, null, call.OriginalException);
        var cause = call.OriginalException;
        while (cause?.InnerException is not null) cause = cause.InnerException;
        throw new ElasticsearchStoreException(
            $"{method} {path}: no answer from Elasticsearch at {_nodes}: {cause?.Message ?? "no response"}",
            null, null, call.OriginalException);
    }
}
