namespace Synced.Emulators.Cassandra.Schema;

/// <summary>Column kinds as system_schema.columns names them.</summary>
internal enum ColumnKind { PartitionKey, Clustering, Regular, Static }
