namespace Synced.Core.Tests.EndToEnd;

/// <summary>
/// The Elasticsearch versions the end-to-end suite runs against: each end-to-end test class runs in 7.17 mode and,
/// through a class derived from it that overrides its version, in 8.x mode.
/// </summary>
internal static class SandboxVersions
{
    public const string Elasticsearch7 = "7.17.5";

    public const string Elasticsearch8 = "8.15.0";
}
