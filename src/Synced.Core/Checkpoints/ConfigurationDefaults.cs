using System;

namespace Synced.Core.Checkpoints;

/// <summary>
/// Defaults shared by every cmdlet, so that the same parameters address the same checkpoint everywhere.
/// </summary>
public static class ConfigurationDefaults
{
    /// <summary>Cassandra contact point when none is given.</summary>
    public const string CassandraHost = "localhost";

    /// <summary>CQL native protocol port.</summary>
    public const int CassandraPort = 9042;

    /// <summary>Elasticsearch URI when none is given.</summary>
    public static readonly Uri ElasticsearchUri = new("http://localhost:9200");
}
