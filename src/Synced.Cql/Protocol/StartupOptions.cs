namespace Synced.Cql.Protocol;

/// <summary>Keys of the STARTUP [string map] and of the SUPPORTED [string multimap].</summary>
internal static class StartupOptions
{
    public const string CqlVersion = "CQL_VERSION";
    public const string Compression = "COMPRESSION";
    public const string DriverName = "DRIVER_NAME";
    public const string DriverVersion = "DRIVER_VERSION";
    public const string ProtocolVersions = "PROTOCOL_VERSIONS";

    /// <summary>The CQL version every v4 server accepts.</summary>
    public const string DefaultCqlVersion = "3.0.0";
}
