using System;

namespace Synced.Core.Cassandra;

/// <summary>A value cannot be held by the CQL type of its column; the message says what and why.</summary>
internal sealed class CqlValueConversionException : Exception
{
    public CqlValueConversionException(string message, Exception? innerException = null)
        : base(message, innerException)
    {
    }
}
