namespace Synced.Emulators.Cassandra.Cql;

/// <summary>How an UPDATE assignment changes its column: set, add/prepend/remove (collections, counters), set an element or a UDT field.</summary>
internal enum AssignmentKind { Set, Add, Prepend, Remove, SetElement, SetField }
