using System;

namespace Synced.Emulators.Cassandra.Protocol;

/// <summary>A request the node cannot read: answered with ERROR ProtocolError (0x000A), as Cassandra's ProtocolException.</summary>
internal sealed class ProtocolException : Exception
{
    public ProtocolException(string message) : base(message) { }
}
