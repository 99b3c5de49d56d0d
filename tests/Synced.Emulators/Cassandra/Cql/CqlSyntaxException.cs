using System;

namespace Synced.Emulators.Cassandra.Cql;

/// <summary>CQL text that does not parse; answered with the protocol's Syntax error (0x2000).</summary>
internal sealed class CqlSyntaxException : Exception
{
    public CqlSyntaxException(string message) : base(message) { }
}
