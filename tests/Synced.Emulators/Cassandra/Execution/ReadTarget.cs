using System.Collections.Generic;

namespace Synced.Emulators.Cassandra.Execution;

/// <summary>What a read covers: the tokens of its partitions (EQ/IN on the partition key), or an inclusive token range.</summary>
internal readonly record struct ReadTarget(IReadOnlyList<long>? Tokens, long From, long To)
{
    public bool Intersects(long from, long to)
    {
        if (Tokens is not null)
        {
            foreach (var t in Tokens) if (t >= from && t <= to) return true;
            return false;
        }
        return From <= to && from <= To;
    }
}
