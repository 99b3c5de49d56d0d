namespace Synced.Cql.Types;

/// <summary>
/// Bind this to a variable to leave it unset (written as length -2): the column keeps its value instead of
/// receiving a tombstone as with null.
/// </summary>
public sealed class CqlUnset
{
    private CqlUnset() { }

    /// <summary>The single unset marker.</summary>
    public static CqlUnset Value { get; } = new CqlUnset();

    public override string ToString() => "unset";
}
