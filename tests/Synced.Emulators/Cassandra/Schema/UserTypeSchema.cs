using System.Collections.Generic;

namespace Synced.Emulators.Cassandra.Schema;

/// <summary>A user-defined type of a keyspace.</summary>
internal sealed class UserTypeSchema
{
    public UserTypeSchema(string keyspace, string name, IReadOnlyList<string> fieldNames, IReadOnlyList<ColumnType> fieldTypes)
    {
        Keyspace = keyspace;
        Name = name;
        FieldNames = fieldNames;
        FieldTypes = fieldTypes;
    }

    public string Keyspace { get; }
    public string Name { get; }
    public IReadOnlyList<string> FieldNames { get; }
    public IReadOnlyList<ColumnType> FieldTypes { get; }

    public ColumnType AsType(bool frozen) => ColumnType.UserType(Keyspace, Name, FieldNames, FieldTypes, frozen);
}
