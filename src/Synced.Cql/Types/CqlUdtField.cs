namespace Synced.Cql.Types;

/// <summary>One field of a user-defined type: its name and type.</summary>
public sealed class CqlUdtField
{
    public CqlUdtField(string name, CqlType type)
    {
        Name = name;
        Type = type;
    }

    public string Name { get; }

    public CqlType Type { get; }

    public override string ToString() => CqlIdentifier.Quote(Name) + " " + Type;
}
