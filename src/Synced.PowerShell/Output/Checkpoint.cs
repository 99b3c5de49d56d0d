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
        CassandraHosts = c.CassandraHosts.ToArray();
        ElasticsearchUris = c.ElasticsearchUris.ToArray();
        Watermarks = checkpoint.Watermarks
            .OrderBy(p => p.Key.Table, StringComparer.Ordinal).ThenBy(p => p.Key.Direction).ThenBy(p => p.Key.Shard, StringComparer.Ordinal)
            .Select(p => new Watermark(Name, p.Key.Table, p.Key.Direction.ToString(), p.Key.Shard, p.Value, baseline: false))
            .Concat(checkpoint.Baselines.Select(b => new Watermark(Name, b.Tables.ToString(), b.Direction.ToString(), null, b.End, baseline: true)))
            .ToArray();
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

    /// <summary>Cassandra contact points (host:port).</summary>
    public string[] CassandraHosts { get; }

    /// <summary>Elasticsearch URIs.</summary>
    public string[] ElasticsearchUris { get; }

    /// <summary>One watermark per table and direction (and baselines for tables without one).</summary>
    public Watermark[] Watermarks { get; }

    /// <summary>The oldest watermark: everything of every table the checkpoint knows is synced before it. Null when it holds none.</summary>
    public DateTime? End { get; }

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
