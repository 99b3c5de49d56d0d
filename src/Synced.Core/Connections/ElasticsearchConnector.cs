using System;
using System.Threading;
using System.Threading.Tasks;
using Synced.Core.Elasticsearch;

namespace Synced.Core.Connections;

/// <summary>Opens the Elasticsearch side from <see cref="ConnectionSettings"/>, turning its failures into <see cref="SyncConnectionException"/>.</summary>
internal static class ElasticsearchConnector
{
    public const string Side = "Elasticsearch";

    public static ElasticsearchConnectionOptions Options(ConnectionSettings settings)
    {
        var options = new ElasticsearchConnectionOptions
        {
            Credential = settings.ElasticsearchCredential,
            ApiKey = settings.ElasticsearchApiKey,
            ConnectTimeout = settings.ConnectTimeout,
            RequestTimeout = settings.RequestTimeout,
            CertificateAuthorityPath = settings.ElasticsearchCertificateAuthorityPath,
            CertificateFingerprint = settings.ElasticsearchCertificateFingerprint,
        };
        foreach (var uri in settings.EffectiveElasticsearchUris) options.Uris.Add(uri);
        return options;
    }

    public static async Task<ElasticsearchConnection> ConnectAsync(ConnectionSettings settings, CancellationToken cancellationToken)
    {
        try
        {
            return await ElasticsearchConnection.ConnectAsync(Options(settings), cancellationToken).ConfigureAwait(false);
        }
        catch (ElasticsearchConnectionException ex)
        {
            throw new SyncConnectionException(Side, Map(ex.Failure), ex.Message, ex);
        }
    }

    /// <summary>Whether the index or alias exists (HEAD, which answers for aliases too).</summary>
    public static async Task<bool> IndexExistsAsync(ElasticsearchConnection connection, string index, CancellationToken cancellationToken)
    {
        var answer = await connection.Client.Indices.ExistsAsync(index, ct: cancellationToken).ConfigureAwait(false);
        if (answer.ApiCall.HttpStatusCode is 200) return true;
        if (answer.ApiCall.HttpStatusCode is 404) return false;
        if (answer.ApiCall.HttpStatusCode is null && ElasticsearchConnection.IsTimeout(answer.OriginalException, cancellationToken))
            throw new SyncConnectionException(Side, ConnectionFailure.Unreachable,
                $"Elasticsearch at {connection.Options.DescribeNodes()} did not answer HEAD /{index} within the request timeout of {ElasticsearchConnection.Seconds(connection.Options.RequestTimeout)} s: check that the cluster is healthy and not overloaded, or raise -RequestTimeout.",
                answer.OriginalException);
        throw new SyncConnectionException(Side, ConnectionFailure.Other,
            $"Elasticsearch at {connection.Options.DescribeNodes()} did not say whether index '{index}' exists (HTTP {answer.ApiCall.HttpStatusCode?.ToString() ?? "no answer"}).",
            answer.OriginalException);
    }

    private static ConnectionFailure Map(ElasticsearchConnectionFailure failure) => failure switch
    {
        ElasticsearchConnectionFailure.Unreachable => ConnectionFailure.Unreachable,
        ElasticsearchConnectionFailure.BadCredentials => ConnectionFailure.BadCredentials,
        ElasticsearchConnectionFailure.Forbidden => ConnectionFailure.BadCredentials,
        ElasticsearchConnectionFailure.NotElasticsearch => ConnectionFailure.WrongServer,
        ElasticsearchConnectionFailure.UnsupportedVersion => ConnectionFailure.WrongServer,
        _ => ConnectionFailure.Other,
    };
}
