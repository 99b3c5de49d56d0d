using System;

namespace Synced.Cql.Types;

/// <summary>A value that cannot be converted to or from its CQL type (wrong .NET type, out of range, bad bytes).</summary>
public class CqlCodecException : CqlException
{
    public CqlCodecException(string message) : base(message) { }

    public CqlCodecException(string message, Exception? innerException) : base(message, innerException) { }
}
