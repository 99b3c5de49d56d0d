using System;

namespace Synced.Emulators.Cassandra.Cql;

/// <summary>A request that breaks the protocol; answered with ProtocolError (0x000A).</summary>
internal sealed class CqlProtocolException : Exception
{
    public CqlProtocolException(string message) : base(message) { }
}
