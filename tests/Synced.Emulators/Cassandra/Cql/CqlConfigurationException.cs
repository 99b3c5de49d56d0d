using System;

namespace Synced.Emulators.Cassandra.Cql;

/// <summary>Bad DDL options (e.g. replication without a class); answered with ConfigurationException (0x2300).</summary>
internal sealed class CqlConfigurationException : Exception
{
    public CqlConfigurationException(string message) : base(message) { }
}
