using System.Collections.Generic;
using System.Linq;
using Synced.Emulators.Cassandra.Cql;
using Synced.Emulators.Cassandra.Protocol;

namespace Synced.Emulators.Cassandra.Cluster;

/// <summary>
/// Cassandra's consistency rules: which levels a read or a write may use (ConsistencyLevel.validateForRead /
/// validateForWrite / validateCounterForWrite), how many replicas a level blocks for (ConsistencyLevel.blockFor) and
/// whether the live replicas can meet it (ReplicaPlans.assureSufficientLiveReplicas, which answers Unavailable).
/// </summary>
internal static class ConsistencyRules
{
    public static string Name(ConsistencyLevel level) => level switch
    {
        ConsistencyLevel.Any => "ANY",
        ConsistencyLevel.One => "ONE",
        ConsistencyLevel.Two => "TWO",
        ConsistencyLevel.Three => "THREE",
        ConsistencyLevel.Quorum => "QUORUM",
        ConsistencyLevel.All => "ALL",
        ConsistencyLevel.LocalQuorum => "LOCAL_QUORUM",
        ConsistencyLevel.EachQuorum => "EACH_QUORUM",
        ConsistencyLevel.Serial => "SERIAL",
        ConsistencyLevel.LocalSerial => "LOCAL_SERIAL",
        _ => "LOCAL_ONE",
    };

    /// <summary>ConsistencyLevel.validateForRead: ANY is for writes only.</summary>
    public static void ValidateForRead(ConsistencyLevel level)
    {
        if (level == ConsistencyLevel.Any) throw new CqlInvalidException("ANY ConsistencyLevel is only supported for writes");
    }

    /// <summary>ConsistencyLevel.validateForWrite (and validateCounterForWrite for counter tables).</summary>
    public static void ValidateForWrite(ConsistencyLevel level, bool counter, string table)
    {
        if (counter)
        {
            if (level == ConsistencyLevel.Any) throw new CqlInvalidException("Consistency level ANY is not yet supported for counter table " + table);
            if (level is ConsistencyLevel.Serial or ConsistencyLevel.LocalSerial) throw new CqlInvalidException("Counter operations are inherently non-serializable");
        }
        if (level is ConsistencyLevel.Serial or ConsistencyLevel.LocalSerial)
            throw new CqlInvalidException("You must use conditional updates for serializable writes");
    }

    private static int Quorum(int factor) => factor / 2 + 1;

    /// <summary>ConsistencyLevel.blockFor for a keyspace's strategy, seen from a coordinator in <paramref name="localDc"/>.</summary>
    public static int BlockFor(ConsistencyLevel level, ReplicationStrategy strategy, string localDc) => level switch
    {
        ConsistencyLevel.Any or ConsistencyLevel.One or ConsistencyLevel.LocalOne => 1,
        ConsistencyLevel.Two => 2,
        ConsistencyLevel.Three => 3,
        ConsistencyLevel.Quorum or ConsistencyLevel.Serial => Quorum(strategy.Factor),
        ConsistencyLevel.All => strategy.Factor,
        ConsistencyLevel.LocalQuorum or ConsistencyLevel.LocalSerial => strategy.IsNetworkTopology ? Quorum(strategy.FactorIn(localDc)) : Quorum(strategy.Factor),
        ConsistencyLevel.EachQuorum => strategy.IsNetworkTopology ? strategy.PerDataCenter.Values.Sum(Quorum) : Quorum(strategy.Factor),
        _ => 1,
    };

    /// <summary>
    /// Throws Cassandra's Unavailable (consistency, required, alive) when the live replicas of one token or range
    /// cannot meet the level. <paramref name="replicas"/> are the natural replicas, with their data center and liveness.
    /// </summary>
    public static void AssureSufficientLiveReplicas(ConsistencyLevel level, ReplicationStrategy strategy, string localDc,
        IReadOnlyList<(string DataCenter, bool Alive)> replicas, bool isWrite)
    {
        if (level == ConsistencyLevel.Any && isWrite) return; // a hint on the coordinator is enough
        var blockFor = BlockFor(level, strategy, localDc);
        switch (level)
        {
            case ConsistencyLevel.LocalOne:
            case ConsistencyLevel.LocalQuorum:
            case ConsistencyLevel.LocalSerial:
            {
                var localLive = replicas.Count(r => r.Alive && r.DataCenter == localDc);
                if (localLive < blockFor) throw Unavailable(level, null, blockFor, localLive);
                return;
            }
            case ConsistencyLevel.EachQuorum when strategy.IsNetworkTopology:
                foreach (var (dc, rf) in strategy.PerDataCenter)
                {
                    var required = Quorum(rf);
                    var live = replicas.Count(r => r.Alive && r.DataCenter == dc);
                    if (live < required) throw Unavailable(level, dc, required, live);
                }
                return;
            default:
            {
                var live = replicas.Count(r => r.Alive);
                if (live < blockFor) throw Unavailable(level, null, blockFor, live);
                return;
            }
        }
    }

    /// <summary>UnavailableException.create: "Cannot achieve consistency level X" (with " in DC dc" for one data center).</summary>
    public static NodeError Unavailable(ConsistencyLevel level, string? dc, int required, int alive)
        => new(CqlErrorCode.Unavailable, "Cannot achieve consistency level " + Name(level) + (dc is null ? "" : " in DC " + dc))
        {
            Consistency = level,
            Required = required,
            Received = alive,
        };
}
