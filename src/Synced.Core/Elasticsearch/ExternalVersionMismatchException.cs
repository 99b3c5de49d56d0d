using System;

namespace Synced.Core.Elasticsearch;

/// <summary>
/// An index whose documents do not carry external versions equal to their tmstmp in microseconds, so
/// <see cref="ConflictMode.ExternalVersion"/> cannot write to it safely. Thrown from the upsert path before anything
/// is written: the engine fails the table (its watermark stays) instead of counting failed entries.
/// </summary>
public sealed class ExternalVersionMismatchException : Exception
{
    /// <summary>Creates the exception.</summary>
    public ExternalVersionMismatchException(string index, string message)
        : base(message)
    {
        Index = index;
    }

    /// <summary>The index that was refused.</summary>
    public string Index { get; }
}
