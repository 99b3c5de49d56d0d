using System;
using System.IO;
using System.Text;
using System.Threading;

namespace Synced.Core.Metrics;

/// <summary>
/// A metrics file for node_exporter's textfile collector: written whole to a temporary file in the same
/// directory, flushed, then renamed over the old one, so a reader sees the previous file or the new one,
/// never a part. The temporary name does not end in <c>.prom</c>, so the collector never reads it.
/// </summary>
public sealed class MetricsFile
{
    private static readonly Encoding Utf8 = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false);

    /// <summary>Uses <paramref name="path"/> (its directory must exist).</summary>
    /// <exception cref="MetricsException">The path is a directory, or its directory does not exist.</exception>
    public MetricsFile(string path)
    {
        if (string.IsNullOrWhiteSpace(path)) throw new ArgumentException("a metrics file path is required", nameof(path));
        Path = System.IO.Path.GetFullPath(path);
        if (Directory.Exists(Path)) throw new MetricsException($"'{Path}' is a directory; give the metrics file's path, e.g. {System.IO.Path.Combine(Path, "synced.prom")}");
        var directory = System.IO.Path.GetDirectoryName(Path);
        if (directory is null || !Directory.Exists(directory))
            throw new MetricsException($"the directory of the metrics file '{Path}' does not exist: create it (node_exporter's --collector.textfile.directory), or give another path");
    }

    /// <summary>The file.</summary>
    public string Path { get; }

    /// <summary>Test seam: runs after the temporary file is written and flushed, before it replaces the file.</summary>
    internal Action<string>? BeforeCommit { get; set; }

    /// <summary>The file's text, or null when there is none or it cannot be read.</summary>
    public string? TryRead()
    {
        try
        {
            return File.Exists(Path) ? File.ReadAllText(Path, Utf8) : null;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    /// <summary>Replaces the file with <paramref name="text"/> atomically.</summary>
    /// <exception cref="MetricsException">The file cannot be written.</exception>
    public void Write(string text)
    {
        var directory = System.IO.Path.GetDirectoryName(Path)!;
        var temp = System.IO.Path.Combine(directory, "." + System.IO.Path.GetFileName(Path) + ".tmp-" + Guid.NewGuid().ToString("N"));
        try
        {
            var bytes = Utf8.GetBytes(text);
            using (var stream = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None))
            {
                stream.Write(bytes, 0, bytes.Length);
                stream.Flush(flushToDisk: true);
            }
            BeforeCommit?.Invoke(temp);
            Commit(temp);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new MetricsException($"the metrics file '{Path}' cannot be written: {ex.Message}", ex);
        }
        finally
        {
            try
            {
                if (File.Exists(temp)) File.Delete(temp);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                // A leftover temporary file is never read by the collector (its name does not end in .prom).
            }
        }
    }

    private void Commit(string temp)
    {
        // On Windows a reader holding the file open can make the replace fail for a moment: try a few times.
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                if (File.Exists(Path)) File.Replace(temp, Path, destinationBackupFileName: null, ignoreMetadataErrors: true);
                else File.Move(temp, Path);
                return;
            }
            catch (IOException) when (attempt < 5)
            {
                Thread.Sleep(50 * attempt);
            }
        }
    }
}
