namespace Synced.Emulators.Cassandra.Cql;

/// <summary>What a SELECT selector is: a column, COUNT(*), writetime/ttl, a function call or a constant.</summary>
internal enum SelectorKind { Column, CountStar, Writetime, Ttl, Function, Term }
