using System.Collections.Generic;

namespace Synced.Emulators.Cassandra.Cql;

/// <summary>A type as written in DDL, resolved against the keyspace's user types when executed.</summary>
internal sealed class RawType
{
    public RawType(string name, List<RawType> parameters, bool frozen, bool quoted, int? dimension = null)
    {
        Dimension = dimension;
        Name = name;
        Parameters = parameters;
        Frozen = frozen;
        Quoted = quoted;
    }

    public string Name { get; }
    public List<RawType> Parameters { get; }
    public bool Frozen { get; }
    public bool Quoted { get; }
    /// <summary>The n of vector&lt;type, n&gt;.</summary>
    public int? Dimension { get; }
}
