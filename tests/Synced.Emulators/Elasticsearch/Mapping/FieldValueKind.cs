namespace Synced.Emulators.Elasticsearch;

/// <summary>How a field value is compared: as a whole number, a floating-point number or a string.</summary>
internal enum FieldValueKind : byte
{
    Missing,
    Long,
    Double,
    String,
}
