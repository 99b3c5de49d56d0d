using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;

namespace Synced.Emulators.Tests.Vectors;

/// <summary>Reads the TSV files of tests/vectors (found above the test binaries, next to Synced.PowerShell.sln).</summary>
internal static class VectorFile
{
    private static readonly Lazy<string> Folder = new(() =>
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Synced.PowerShell.sln"))) dir = dir.Parent;
        if (dir is null) throw new InvalidOperationException($"No Synced.PowerShell.sln above {AppContext.BaseDirectory}: the test vectors cannot be found.");
        var vectors = Path.Combine(dir.FullName, "tests", "vectors");
        return Directory.Exists(vectors) ? vectors : throw new InvalidOperationException($"The test vectors folder {vectors} is missing.");
    });

    /// <summary>Data rows (not blank, not # comments), split on tabs; a file without rows is an error.</summary>
    public static IReadOnlyList<string[]> Rows(string fileName)
    {
        var path = Path.Combine(Folder.Value, fileName);
        var rows = File.ReadAllLines(path).Where(l => l.Length > 0 && !l.StartsWith('#')).Select(l => l.Split('\t')).ToList();
        return rows.Count > 0 ? rows : throw new InvalidOperationException($"{path} has no data rows.");
    }

    /// <summary>Comment lines starting with <paramref name="prefix"/> (rules and derived rows kept as comments), split on tabs.</summary>
    public static IReadOnlyList<string[]> CommentRows(string fileName, string prefix)
        => File.ReadAllLines(Path.Combine(Folder.Value, fileName)).Where(l => l.StartsWith(prefix, StringComparison.Ordinal)).Select(l => l.Split('\t')).ToList();

    /// <summary>The rows as xUnit theory data.</summary>
    public static IEnumerable<object[]> Data(string fileName) => Rows(fileName).Select(r => r.Cast<object>().ToArray());

    public static string Hex(ReadOnlySpan<byte> bytes) => Convert.ToHexString(bytes).ToLowerInvariant();
}
