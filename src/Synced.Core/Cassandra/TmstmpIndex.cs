using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using Synced.Core.Model;
using Synced.Cql.Metadata;
using Synced.Cql.Types;

namespace Synced.Core.Cassandra;

/// <summary>
/// The storage-attached index (SAI, Cassandra 5.0+) on a table's tmstmp column, and the scan it allows. With it,
/// Cassandra 5.0's restriction rules let <c>token(id) &gt; ? AND token(id) &lt;= ? AND tmstmp &gt;= ? AND tmstmp &lt; ?</c>
/// run without ALLOW FILTERING: the index serves the range on tmstmp (a clustering column read across partitions
/// needs filtering otherwise), so the nodes read the entries of the range instead of every row of the table.
/// Without it the scan is the ALLOW FILTERING one, as before. Only SAI counts: a legacy index serves equality only,
/// and SASI is experimental and off by default.
/// </summary>
internal static class TmstmpIndex
{
    /// <summary>The first release whose SAI can index a clustering column.</summary>
    public static readonly Version FirstSupportingRelease = new(5, 0);

    /// <summary>The SAI index on tmstmp of a table, or null.</summary>
    public static IndexMetadata? Find(TableMetadata table)
        => table.Indexes.FirstOrDefault(i => i.IsStorageAttached && i.TargetColumn == DataContract.TmstmpName);

    /// <summary>The name <see cref="CreateStatement"/> gives the index: <c>&lt;table&gt;_tmstmp_sai</c>.</summary>
    public static string NameFor(TableMetadata table) => table.Name + "_" + DataContract.TmstmpName + "_sai";

    /// <summary>The one statement that creates the index: <c>CREATE INDEX t_tmstmp_sai ON ks.t (tmstmp) USING 'sai'</c>.</summary>
    public static string CreateStatement(TableMetadata table)
        => $"CREATE INDEX {CqlIdentifier.Quote(NameFor(table))} ON {CqlIdentifier.Quote(table.Keyspace)}.{CqlIdentifier.Quote(table.Name)} " +
           $"({DataContract.TmstmpName}) USING 'sai'";

    /// <summary>The scan of a time range of the table: through the index when it has one, else the ALLOW FILTERING one.</summary>
    public static string ScanQuery(TableMetadata table, bool throughIndex)
        => $"SELECT * FROM {CqlIdentifier.Quote(table.Keyspace)}.{CqlIdentifier.Quote(table.Name)} " +
           $"WHERE token({DataContract.IdName}) > ? AND token({DataContract.IdName}) <= ? " +
           $"AND {DataContract.TmstmpName} >= ? AND {DataContract.TmstmpName} < ?" +
           (throughIndex ? string.Empty : " ALLOW FILTERING");

    /// <summary>
    /// The statement of a comparison's version scan (id and tmstmp of every row): the two token bounds, then, with
    /// <paramref name="notBefore"/>, <c>tmstmp &gt;= ?</c>, which needs ALLOW FILTERING unless the index serves it.
    /// </summary>
    public static string VersionScanQuery(TableMetadata table, bool notBefore, bool throughIndex)
        => $"SELECT {DataContract.IdName}, {DataContract.TmstmpName} FROM {CqlIdentifier.Quote(table.Keyspace)}.{CqlIdentifier.Quote(table.Name)} " +
           $"WHERE token({DataContract.IdName}) > ? AND token({DataContract.IdName}) <= ?" +
           (notBefore ? $" AND {DataContract.TmstmpName} >= ?" + (throughIndex ? string.Empty : " ALLOW FILTERING") : string.Empty);

    /// <summary>
    /// Why the cluster cannot have the index, from the release versions its nodes report: null when every node that
    /// says runs 5.0 or later (or none says).
    /// </summary>
    public static string? WhyUnsupported(IEnumerable<string?> releaseVersions)
    {
        var older = releaseVersions
            .Where(v => v is not null && ParseRelease(v) is { } release && release < FirstSupportingRelease)
            .Select(v => v!)
            .Distinct(StringComparer.Ordinal)
            .OrderBy(v => v, StringComparer.Ordinal)
            .ToList();
        return older.Count == 0
            ? null
            : $"an index on tmstmp needs a storage-attached index, which Cassandra supports on a clustering column from {FirstSupportingRelease.Major}.{FirstSupportingRelease.Minor} " +
              $"(the cluster runs {string.Join(", ", older)}); upgrade to 5.0 to make runs read only what changed";
    }

    /// <summary>How a run reads a time range of the table, on a cluster whose nodes report <paramref name="releaseVersions"/>.</summary>
    public static TableScan Describe(TableMetadata table, IEnumerable<string?> releaseVersions)
    {
        if (Find(table) is { } index) return new TableScan(TableScanKind.IndexOnTmstmp, index.Name);
        var unsupported = WhyUnsupported(releaseVersions);
        return unsupported is null
            ? new TableScan(TableScanKind.FullScan, createIndexStatement: CreateStatement(table))
            : new TableScan(TableScanKind.FullScan, indexUnavailableReason: unsupported);
    }

    /// <summary>Major and minor of a release version such as <c>5.0.2</c>, <c>4.1-SNAPSHOT</c> or <c>5.1-beta1</c>; null when it does not start so.</summary>
    internal static Version? ParseRelease(string version)
    {
        var parts = version.Split('.', '-');
        return parts.Length >= 2
               && int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var major)
               && int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var minor)
            ? new Version(major, minor)
            : null;
    }
}
