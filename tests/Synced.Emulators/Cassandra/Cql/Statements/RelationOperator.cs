namespace Synced.Emulators.Cassandra.Cql;

/// <summary>Operators of WHERE relations and IF conditions.</summary>
internal enum RelationOperator { Eq, Lt, Lte, Gt, Gte, In, Neq, Contains, ContainsKey }
