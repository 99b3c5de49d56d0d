namespace Synced.Emulators.Elasticsearch;

/// <summary>How a write's version is checked and assigned (ES's VersionType).</summary>
internal enum VersionType
{
    Internal,
    External,
    ExternalGte,
}
