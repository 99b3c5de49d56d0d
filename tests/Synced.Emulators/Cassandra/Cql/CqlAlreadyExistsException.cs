using System;

namespace Synced.Emulators.Cassandra.Cql;

/// <summary>CREATE of a keyspace or table that exists; answered with AlreadyExists (0x2400) naming it.</summary>
internal sealed class CqlAlreadyExistsException : Exception
{
    public CqlAlreadyExistsException(string keyspace, string table, string message) : base(message)
    {
        Keyspace = keyspace;
        Table = table;
    }

    public string Keyspace { get; }
    /// <summary>Empty when the keyspace itself exists.</summary>
    public string Table { get; }
}
