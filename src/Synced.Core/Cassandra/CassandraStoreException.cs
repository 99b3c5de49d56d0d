using System;

namespace Synced.Core.Cassandra;

/// <summary>A request of the Cassandra store failed as a whole (a scan, a schema change), not one entry of a batch.</summary>
public sealed class CassandraStoreException : Exception
{
    /// <summary>Creates the exception.</summary>
    public CassandraStoreException(string message, Exception? innerException = null)
        : base(message, innerException)
    {
    }
}
