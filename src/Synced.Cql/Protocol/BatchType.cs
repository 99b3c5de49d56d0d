namespace Synced.Cql.Protocol;

/// <summary>The [byte] type of a BATCH message.</summary>
public enum BatchType : byte
{
    Logged = 0,
    Unlogged = 1,
    Counter = 2,
}
