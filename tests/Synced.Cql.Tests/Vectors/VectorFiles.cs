using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;

namespace Synced.Cql.Tests.Vectors;

/// <summary>Finds the repository's tests/vectors folder and reads its TSV files.</summary>
public static class VectorFiles
{
    private static readonly Lazy<string> Folder = new(Locate);

    public static string Directory => Folder.Value;

    private static string Locate()
    {
        DirectoryInfo? dir = new(AppContext.BaseDirectory);
        while (dir != null && !File.Exists(Path.Combine(dir.FullName, "Synced.PowerShell.sln")))
        {
            dir = dir.Parent;
        }

        if (dir == null)
        {
            throw new InvalidOperationException(
                $"Cannot find the repository root (a folder holding Synced.PowerShell.sln) above {AppContext.BaseDirectory}, so the test vectors cannot be located.");
        }

        var vectors = Path.GetFullPath(Path.Combine(dir.FullName, "tests", "vectors"));
        if (!System.IO.Directory.Exists(vectors))
        {
            throw new InvalidOperationException(
                $"The test vectors folder {vectors} does not exist. It must sit at tests/vectors under the repository root {dir.FullName}.");
        }

        return vectors;
    }

    /// <summary>Every data row (not blank, not starting with #), split on tabs.</summary>
    public static IReadOnlyList<string[]> Rows(string fileName)
    {
        var path = Path.Combine(Directory, fileName);
        if (!File.Exists(path))
        {
            throw new InvalidOperationException($"The vector file {path} is missing.");
        }

        var rows = File.ReadAllLines(path)
            .Where(line => line.Length > 0 && !line.StartsWith('#'))
            .Select(line => line.Split('\t'))
            .ToList();
        if (rows.Count == 0)
        {
            throw new InvalidOperationException($"The vector file {path} has no data rows.");
        }

        return rows;
    }

    /// <summary>All lines starting with the given prefix (for rules kept in comment lines).</summary>
    public static IReadOnlyList<string[]> CommentRows(string fileName, string prefix)
        => File.ReadAllLines(Path.Combine(Directory, fileName))
            .Where(line => line.StartsWith(prefix, StringComparison.Ordinal))
            .Select(line => line.Split('\t'))
            .ToList();

    public static byte[] Hex(string hex) => Convert.FromHexString(hex.Trim());

    public static string ToHex(ReadOnlySpan<byte> bytes) => Convert.ToHexString(bytes).ToLowerInvariant();
}
