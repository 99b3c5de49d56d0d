using Elasticsearch.Net;

namespace Synced.Core.Elasticsearch;

/// <summary>Query string parameters of a request sent through <see cref="IElasticLowLevelClient.DoRequestAsync{TResponse}"/>.</summary>
internal sealed class QueryParameters : RequestParameters<QueryParameters>
{
    public override HttpMethod DefaultHttpMethod => HttpMethod.GET;

    public override bool SupportsBody => true;
}
