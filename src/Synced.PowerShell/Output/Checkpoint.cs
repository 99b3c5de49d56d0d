using System;
using System.Linq;
using Synced.Core.Checkpoints;
using CoreCheckpoint = Synced.Core.Checkpoints.Checkpoint;

// Output types live in the short "Synced" namespace: their full names (Synced.Checkpoint) are what users see
// in Get-Member and what the format file keys on.
namespace Synced;

/// <summary>A sync configuration's checkpoint as the cmdlets show it.</summary>
public sealed class Checkpoint
{
    internal Checkpoint(CoreCheckpoint checkpoint, string statePath)
    {
        var c = checkpoint.Configuration;
        Name = checkpoint.Name;
        Keyspace = c.Keyspace;
        Index = c.Index;
        Tables = c.Tables.Include.ToArray();
        ExcludeTables = c.Tables.Exclude.ToArray();
        Direction = c.Direction.ToString();
        CassandraHosts = c.CassandraHosts.ToArray();
        ElasticsearchUris = c.ElasticsearchUris.ToArray();
        End = checkpoint.End;
        UpdatedAt = checkpoint.UpdatedAt;
        LastRun = checkpoint.LastRun;
        Path = checkpoint.Path ?? string.Empty;
        StatePath = statePath;
    }

    /// <summary>The name it is addressed by (-Name): the user's, or keyspace-index-hash.</summary>
    public string Name { get; }

    /// <summary>Cassandra keyspace.</summary>
    public string Keyspace { get; }

    /// <summary>Elasticsearch index.</summary>
    public string Index { get; }

    /// <summary>Table patterns included.</summary>
    public string[] Tables { get; }

    /// <summary>Table patterns excluded.</summary>
    public string[] ExcludeTables { get; }

    /// <summary>Both, CassandraToElasticsearch or ElasticsearchToCassandra.</summary>
    public string Direction { get; }

    /// <summary>Cassandra contact points (host:port).</summary>
    public string[] CassandraHosts { get; }

    /// <summary>Elasticsearch URIs.</summary>
    public string[] ElasticsearchUris { get; }

    /// <summary>Everything before this instant (UTC) has been synced.</summary>
    public DateTime End { get; }

    /// <summary>When the checkpoint was last written (UTC).</summary>
    public DateTime UpdatedAt { get; }

    /// <summary>Summary of the last run that wrote the checkpoint.</summary>
    public RunSummary? LastRun { get; }

    /// <summary>The checkpoint file.</summary>
    public string Path { get; }

    /// <summary>The state directory it lives in (binds to -StatePath down the pipeline).</summary>
    public string StatePath { get; }

    /// <inheritdoc />
    public override string ToString() => Name;
}
