using System.Collections.Generic;
using System.Threading;

namespace Synced.Cql.Cluster;

/// <summary>
/// Orders the nodes to try for a statement: replicas of its partition key first when known (token-aware, rotated
/// from one statement to the next), then the nodes of the local data center in round-robin order, then the
/// other data centers; nodes down go last.
/// </summary>
internal sealed class LoadBalancer
{
    private int _counter;

    public string? LocalDataCenter { get; set; }

    public List<CqlHost> Plan(IReadOnlyList<CqlHost> hosts, IReadOnlyList<CqlHost>? replicas)
    {
        var plan = new List<CqlHost>(hosts.Count);
        var turn = (uint)Interlocked.Increment(ref _counter);
        if (replicas != null && replicas.Count > 0)
        {
            // Rotated, so the replicas of a partition share its load; the others follow as fallbacks.
            var first = (int)(turn % (uint)replicas.Count);
            for (var i = 0; i < replicas.Count; i++)
            {
                var replica = replicas[(first + i) % replicas.Count];
                if (replica.IsUp && IsLocal(replica))
                {
                    plan.Add(replica);
                }
            }
        }

        var start = hosts.Count == 0 ? 0 : (int)(turn % (uint)hosts.Count);
        AddRotated(plan, hosts, start, up: true, local: true);
        AddRotated(plan, hosts, start, up: true, local: false);
        AddRotated(plan, hosts, start, up: false, local: null);
        return plan;
    }

    private bool IsLocal(CqlHost host) => LocalDataCenter == null || host.DataCenter == null || host.DataCenter == LocalDataCenter;

    private void AddRotated(List<CqlHost> plan, IReadOnlyList<CqlHost> hosts, int start, bool up, bool? local)
    {
        for (var i = 0; i < hosts.Count; i++)
        {
            var host = hosts[(start + i) % hosts.Count];
            if (host.IsUp == up && (local == null || IsLocal(host) == local) && !plan.Contains(host))
            {
                plan.Add(host);
            }
        }
    }
}
