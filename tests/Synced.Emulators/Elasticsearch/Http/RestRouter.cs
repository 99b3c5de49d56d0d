using System.Threading.Tasks;

namespace Synced.Emulators.Elasticsearch;

/// <summary>Maps a method and path to the REST handler ES has for it.</summary>
internal sealed class RestRouter
{
    private readonly ClusterApi _cluster;
    private readonly IndexApi _indices;
    private readonly AliasApi _aliases;
    private readonly DocumentApi _documents;
    private readonly BulkApi _bulk;
    private readonly SearchApi _search;
    private readonly DeleteByQueryApi _deleteByQuery;

    public RestRouter(Node node)
    {
        _cluster = new ClusterApi(node);
        _indices = new IndexApi(node);
        _aliases = new AliasApi(node);
        _documents = new DocumentApi(node);
        _bulk = new BulkApi(node, _documents);
        _search = new SearchApi(node);
        _deleteByQuery = new DeleteByQueryApi(node);
    }

    public Task<RestResponse> RouteAsync(RestRequest r)
    {
        var s = r.Segments;
        var m = r.Method;
        var get = m is "GET" or "HEAD";
        var post = m is "POST" or "PUT";
        if (s.Length == 0)
        {
            if (get) return Done(_cluster.Root(r));
            throw Errors.NoHandler(m, r.Path);
        }

        var first = s[0];
        if (first.StartsWith('_') && first != "_all")
        {
            switch (first)
            {
                case "_cluster" when s.Length >= 2 && s[1] == "health" && get:
                    return Done(_cluster.Health(r, s.Length > 2 ? s[2] : null));
                case "_cat" when s.Length >= 2 && s[1] == "indices" && get:
                    return Done(_cluster.CatIndices(r, s.Length > 2 ? s[2] : null));
                case "_nodes" when get:
                    return Done(_cluster.Nodes(r));
                case "_refresh" when s.Length == 1 && (get || post):
                    return Done(_indices.Refresh(r, null));
                case "_mapping" when s.Length == 1 && get:
                    return Done(_indices.GetMapping(r, null));
                case "_settings" when s.Length == 1 && get:
                    return Done(_indices.GetSettings(r, null));
                case "_settings" when s.Length == 1 && m == "PUT":
                    return Done(_indices.PutSettings(r, null));
                case "_alias" or "_aliases" when get && s.Length <= 2:
                    return Done(_aliases.Get(r, null, s.Length == 2 ? s[1] : null));
                case "_aliases" when m == "POST" && s.Length == 1:
                    return Done(_aliases.Update(r));
                case "_bulk" when post && s.Length == 1:
                    return _bulk.ExecuteAsync(r, null);
                case "_mget" when (get || post) && s.Length == 1:
                    return Done(_documents.MultiGet(r, null));
                case "_search" when s.Length == 1 && (get || post):
                    return Done(_search.Search(r, null));
                case "_search" when s.Length >= 2 && s[1] == "scroll":
                    if (m == "DELETE") return Done(_search.ClearScroll(r, s.Length > 2 ? s[2] : null));
                    if (get || post) return Done(_search.ContinueScroll(r, s.Length > 2 ? s[2] : null));
                    break;
                case "_count" when s.Length == 1 && (get || post):
                    return Done(_search.Count(r, null));
                case "_pit" when s.Length == 1 && m == "DELETE":
                    return Done(_search.ClosePointInTime(r));
            }
            throw Errors.NoHandler(m, r.Path);
        }

        var index = first;
        if (s.Length == 1)
        {
            switch (m)
            {
                case "PUT": return Done(_indices.Create(r, index));
                case "DELETE": return Done(_indices.Delete(r, index));
                case "HEAD": return Done(_indices.Exists(r, index));
                case "GET": return Done(_indices.Get(r, index));
            }
            throw Errors.NoHandler(m, r.Path);
        }

        var endpoint = s[1];
        switch (endpoint)
        {
            case "_doc" when s.Length == 2 && m == "POST":
                return _documents.IndexAsync(r, index, null, createEndpoint: false);
            case "_doc" when s.Length == 3:
                switch (m)
                {
                    case "PUT":
                    case "POST": return _documents.IndexAsync(r, index, s[2], createEndpoint: false);
                    case "GET":
                    case "HEAD": return Done(_documents.Get(r, index, s[2], sourceOnly: false));
                    case "DELETE": return _documents.DeleteAsync(r, index, s[2]);
                }
                break;
            case "_create" when s.Length == 3 && post:
                return _documents.IndexAsync(r, index, s[2], createEndpoint: true);
            case "_update" when s.Length == 3 && m == "POST":
                return _documents.UpdateAsync(r, index, s[2]);
            case "_source" when s.Length == 3 && get:
                return Done(_documents.Get(r, index, s[2], sourceOnly: true));
            case "_bulk" when s.Length == 2 && post:
                return _bulk.ExecuteAsync(r, index);
            case "_mget" when s.Length == 2 && (get || post):
                return Done(_documents.MultiGet(r, index));
            case "_search" when s.Length == 2 && (get || post):
                return Done(_search.Search(r, index));
            case "_count" when s.Length == 2 && (get || post):
                return Done(_search.Count(r, index));
            case "_refresh" when s.Length == 2 && (get || post):
                return Done(_indices.Refresh(r, index));
            case "_delete_by_query" when s.Length == 2 && m == "POST":
                return _deleteByQuery.ExecuteAsync(r, index);
            case "_pit" when s.Length == 2 && m == "POST":
                return Done(_search.OpenPointInTime(r, index));
            case "_mapping" when s.Length == 2 && get:
                return Done(_indices.GetMapping(r, index));
            case "_mapping" when s.Length == 2 && post:
                return Done(_indices.PutMapping(r, index));
            case "_settings" when s.Length == 2 && get:
                return Done(_indices.GetSettings(r, index));
            case "_settings" when s.Length == 2 && m == "PUT":
                return Done(_indices.PutSettings(r, index));
            case "_alias" or "_aliases" when s.Length == 2 && get:
                return Done(_aliases.Get(r, index, null));
            case "_alias" or "_aliases" when s.Length == 3:
                switch (m)
                {
                    case "PUT":
                    case "POST": return Done(_aliases.Put(r, index, s[2]));
                    case "DELETE": return Done(_aliases.Delete(r, index, s[2]));
                    case "GET":
                    case "HEAD": return Done(_aliases.Get(r, index, s[2]));
                }
                break;
        }
        throw Errors.NoHandler(m, r.Path);
    }

    private static Task<RestResponse> Done(RestResponse response) => Task.FromResult(response);
}
