using System;
using System.Collections.Generic;

namespace Synced.Emulators.Elasticsearch;

/// <summary><c>ids</c>: documents with one of the given ids.</summary>
internal sealed class IdsQuery : Query
{
    private readonly HashSet<string> _ids;

    public IdsQuery(IEnumerable<string> ids) => _ids = new HashSet<string>(ids, StringComparer.Ordinal);

    public override bool Matches(in SearchDocument doc) => _ids.Contains(doc.Document.Id);
}
