namespace Synced.Emulators.Elasticsearch;

/// <summary>One field's extracted values in a document's cache.</summary>
internal sealed record FieldValueCacheEntry(string Field, FieldValue[] Values);
