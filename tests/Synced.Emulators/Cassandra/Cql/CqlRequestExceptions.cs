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

/// <summary>A statement the user may not run (e.g. writing a system keyspace); answered with Unauthorized (0x2100).</summary>
internal sealed class CqlUnauthorizedException : Exception
{
    public CqlUnauthorizedException(string message) : base(message) { }
}

/// <summary>Bad DDL options (e.g. replication without a class); answered with ConfigurationException (0x2300).</summary>
internal sealed class CqlConfigurationException : Exception
{
    public CqlConfigurationException(string message) : base(message) { }
}
