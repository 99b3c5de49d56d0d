using System;

namespace Synced.Emulators.Cassandra.Cql;

/// <summary>A statement the user may not run (e.g. writing a system keyspace); answered with Unauthorized (0x2100).</summary>
internal sealed class CqlUnauthorizedException : Exception
{
    public CqlUnauthorizedException(string message) : base(message) { }
}
