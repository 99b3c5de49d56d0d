using System;

namespace Synced.Core.Elasticsearch;

/// <summary>A value has no JSON form for its target field; that entry fails with this message, the batch goes on.</summary>
internal sealed class ValueConversionException : Exception
{
    public ValueConversionException(string message) : base(message) { }
}
