namespace Synced.Emulators.Cassandra.Cql;

/// <summary>BATCH types; values are the protocol's batch type bytes.</summary>
internal enum BatchKind { Logged = 0, Unlogged = 1, Counter = 2 }
