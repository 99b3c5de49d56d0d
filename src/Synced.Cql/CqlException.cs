using System;

namespace Synced.Cql;

/// <summary>Base of every error raised by Synced.Cql.</summary>
public class CqlException : Exception
{
    public CqlException(string message) : base(message) { }

    public CqlException(string message, Exception? innerException) : base(message, innerException) { }
}
