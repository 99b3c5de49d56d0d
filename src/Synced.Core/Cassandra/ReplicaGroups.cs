using System;
using System.Collections.Generic;
using Synced.Cql;
using Synced.Cql.Cluster;
using Synced.Cql.Tokens;

namespace Synced.Core.Cassandra;

/// <summary>
/// Ids grouped by the node that is their primary replica, so one request per group is served by a node that holds
/// every partition it names (the request is routed to it by the token of its first id).
/// </summary>
internal static class ReplicaGroups
{
    /// <summary>
    /// The positions of <paramref name="ids"/> in groups of one primary replica, in the order of the ids, each at most
    /// <paramref name="maxCount"/> long and, with <paramref name="bytesOf"/>, at most <paramref name="maxBytes"/> big
    /// (a position bigger than that on its own is a group of its own).
    /// </summary>
    public static List<List<int>> Of(CqlSession session, string keyspace, IReadOnlyList<Guid> ids, int maxCount, Func<int, int>? bytesOf = null, int maxBytes = int.MaxValue)
    {
        // CqlHost has reference equality: one group being filled per node, and one for ids of no known node.
        var open = new Dictionary<CqlHost, Filling>();
        Filling? unplaced = null;
        var groups = new List<List<int>>();
        for (var i = 0; i < ids.Count; i++)
        {
            var bytes = bytesOf?.Invoke(i) ?? 0;
            if (bytes > maxBytes)
            {
                groups.Add(new List<int>(1) { i });
                continue;
            }
            var replicas = session.GetReplicas(keyspace, Murmur3Partitioner.GetToken(ids[i]));
            var replica = replicas.Count > 0 ? replicas[0] : null;
            var filling = replica is null ? unplaced : open.TryGetValue(replica, out var found) ? found : null;
            if (filling is null || filling.Positions.Count >= maxCount || filling.Bytes + bytes > maxBytes)
            {
                filling = new Filling(new List<int>(Math.Min(maxCount, ids.Count - i)));
                groups.Add(filling.Positions);
                if (replica is null) unplaced = filling;
                else open[replica] = filling;
            }
            filling.Positions.Add(i);
            filling.Bytes += bytes;
        }
        return groups;
    }

    private sealed class Filling
    {
        public Filling(List<int> positions) => Positions = positions;

        public List<int> Positions { get; }

        public int Bytes { get; set; }
    }
}
