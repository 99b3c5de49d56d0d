namespace Synced.Emulators.Cassandra.Cql;

/// <summary>What a DROP statement removes.</summary>
internal enum DropKind { Keyspace, Table, Type, Index }
