using System;

namespace Synced.Emulators.Cassandra.Cql;

/// <summary>A well-formed statement the node refuses; answered with the protocol's Invalid error (0x2200).</summary>
internal sealed class CqlInvalidException : Exception
{
    public CqlInvalidException(string message) : base(message) { }
}
