using System;
using Synced.Cql.Types;

namespace Synced.Core.Tests.Cassandra;

/// <summary>CQL types written as text in tests.</summary>
internal static class CqlTypeText
{
    /// <summary>
    /// The type of <paramref name="text"/>, read by Synced.Cql's parser; a name that is no CQL type is a user-defined
    /// type without fields (what Synced does with a UDT column does not depend on its fields).
    /// </summary>
    public static CqlType Parse(string text)
        => CqlType.Parse(text, (keyspace, name) => CqlType.Udt(keyspace, name, Array.Empty<CqlUdtField>()));
}
