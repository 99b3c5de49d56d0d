using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;

namespace Synced.Core.Checkpoints;

/// <summary>
/// Checkpoints as one JSON file per configuration in a state directory. Writes are atomic (temp file, flush
/// to disk, rename), so a crash mid-write leaves the previous checkpoint intact. A file that cannot be read is
/// an error, never "no checkpoint", and it never hides the other files. Files of the first format are
/// migrated in place (see <see cref="WatermarkBaseline"/>); a file of a newer format is never overwritten.
/// </summary>
public sealed class CheckpointStore
{
    private const string Extension = ".json";
    private const string TempMarker = ".tmp-";

    /// <summary>Opens the store at <paramref name="directory"/> (created on first write).</summary>
    public CheckpointStore(string directory)
    {
        if (string.IsNullOrWhiteSpace(directory)) throw new ArgumentException("a state directory is required", nameof(directory));
        Directory = Path.GetFullPath(directory);
    }

    /// <summary>The state directory.</summary>
    public string Directory { get; }

    /// <summary>Test seam: runs after the temp file is written and flushed, before it replaces the checkpoint.</summary>
    internal Action<string>? BeforeCommit { get; set; }

    /// <summary>The file that holds the checkpoint of <paramref name="configuration"/>.</summary>
    public string PathFor(SyncConfiguration configuration) => Path.Combine(Directory, configuration.FileBaseName + Extension);

    /// <summary>
    /// The checkpoint of <paramref name="configuration"/>, or null when it has none. Files of the first format
    /// that belong to it are migrated on the way (hold its lock when calling this with intent to write).
    /// </summary>
    /// <exception cref="CheckpointCorruptException">The file exists but cannot be used.</exception>
    /// <exception cref="StatePathException">The state directory cannot be read.</exception>
    public Checkpoint? TryRead(SyncConfiguration configuration)
    {
        EnsureNotAFile();
        var path = PathFor(configuration);
        var current = ReadFile(path, out var version);
        if (current is not null && !string.Equals(current.Configuration.Key, configuration.Key, StringComparison.Ordinal))
            throw new CheckpointCorruptException(path, $"it belongs to another configuration ('{current.Configuration}') although its name says '{configuration}'");
        if (version == CheckpointFile.LegacyFormatVersion) current = null; // found again below, as a file to migrate

        var legacy = FindLegacyFiles(configuration);
        return legacy.Count == 0 ? current : Merge(configuration, current, legacy, write: true);
    }

    /// <summary>Every checkpoint in the directory, sorted by name, and one error per file that cannot be used.</summary>
    /// <exception cref="StatePathException">The state directory cannot be read.</exception>
    public CheckpointListing List()
    {
        EnsureNotAFile();
        if (!System.IO.Directory.Exists(Directory)) return new CheckpointListing(Array.Empty<Checkpoint>(), Array.Empty<CheckpointCorruptException>());
        var problems = new List<CheckpointCorruptException>();
        var read = new List<(Checkpoint Checkpoint, int Version)>();
        foreach (var file in CheckpointFiles())
        {
            try
            {
                var checkpoint = ReadFile(file, out var version);
                if (checkpoint is not null) read.Add((checkpoint, version));
            }
            catch (CheckpointCorruptException ex)
            {
                problems.Add(ex);
            }
        }

        var result = new List<Checkpoint>();
        foreach (var group in read.GroupBy(r => r.Checkpoint.Configuration.Key, StringComparer.Ordinal))
        {
            var configuration = group.First().Checkpoint.Configuration;
            var path = PathFor(configuration);
            var current = group.FirstOrDefault(r => r.Version == CheckpointFile.FormatVersion && SamePath(r.Checkpoint.Path, path)).Checkpoint;
            var legacy = group.Where(r => r.Version == CheckpointFile.LegacyFormatVersion).Select(r => r.Checkpoint).ToList();
            if (legacy.Count == 0)
            {
                if (current is not null) result.Add(current);
                continue;
            }
            // Migrate under the configuration's lock; while a run holds it, show the migrated form without writing.
            RunLock? runLock = null;
            try
            {
                runLock = AcquireLock(configuration);
            }
            catch (CheckpointLockedException)
            {
            }
            using (runLock)
            {
                result.Add(Merge(configuration, current, legacy, write: runLock is not null));
            }
        }
        result.Sort((a, b) => StringComparer.OrdinalIgnoreCase.Compare(a.Name, b.Name));
        return new CheckpointListing(result, problems);
    }

    /// <summary>Writes (creates or replaces) a checkpoint atomically and returns it with its path.</summary>
    /// <exception cref="CheckpointCorruptException">The file there was written by a newer Synced: it is not replaced.</exception>
    /// <exception cref="StatePathException">The state directory cannot be written.</exception>
    public Checkpoint Write(Checkpoint checkpoint)
    {
        EnsureDirectory();
        var path = PathFor(checkpoint.Configuration);
        RefuseNewerFormat(path);
        var bytes = CheckpointFile.Serialize(checkpoint);
        var temp = path + TempMarker + Guid.NewGuid().ToString("N");
        try
        {
            using (var stream = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None, 4096, FileOptions.WriteThrough))
            {
                stream.Write(bytes, 0, bytes.Length);
                stream.Flush(flushToDisk: true);
            }
            BeforeCommit?.Invoke(temp);
            if (File.Exists(path)) File.Replace(temp, path, destinationBackupFileName: null, ignoreMetadataErrors: true);
            else File.Move(temp, path);
        }
        catch (Exception ex) when (ex is UnauthorizedAccessException or IOException)
        {
            throw new StatePathException(Directory, $"the checkpoint file '{path}' cannot be written ({ex.Message})", ex);
        }
        finally
        {
            TryDelete(temp);
        }
        return checkpoint.At(path);
    }

    /// <summary>Deletes the checkpoint file of <paramref name="checkpoint"/>; true when there was one.</summary>
    public bool Remove(Checkpoint checkpoint) => RemoveFile(checkpoint.Path ?? PathFor(checkpoint.Configuration));

    /// <summary>Deletes a checkpoint file by path (for a file that cannot be read); true when there was one.</summary>
    public bool RemoveFile(string path)
    {
        try
        {
            if (!File.Exists(path)) return false;
            File.Delete(path);
            return true;
        }
        catch (Exception ex) when (ex is UnauthorizedAccessException or IOException)
        {
            throw new StatePathException(Directory, $"the checkpoint file '{path}' cannot be deleted ({ex.Message})", ex);
        }
    }

    /// <summary>The name a file that cannot be read is addressed by: its file name without the extension.</summary>
    public static string NameOfFile(string path) => Path.GetFileNameWithoutExtension(path);

    /// <summary>Takes the run lock of <paramref name="configuration"/>; dispose the result to release it.</summary>
    /// <param name="configuration">The configuration about to run.</param>
    /// <param name="onStaleLockTakenOver">Told when a lock of a dead process on this host was taken over.</param>
    /// <exception cref="CheckpointLockedException">Another run holds the lock.</exception>
    /// <exception cref="StatePathException">The state directory cannot be written.</exception>
    public RunLock AcquireLock(SyncConfiguration configuration, Action<string>? onStaleLockTakenOver = null)
    {
        EnsureDirectory();
        var lockPath = Path.Combine(Directory, configuration.FileBaseName + ".lock");
        try
        {
            return RunLock.Acquire(lockPath, configuration.ToString(), onStaleLockTakenOver);
        }
        catch (Exception ex) when (ex is UnauthorizedAccessException or IOException)
        {
            throw new StatePathException(Directory, $"the lock file '{lockPath}' cannot be created ({ex.Message})", ex);
        }
    }

    private Checkpoint Merge(SyncConfiguration configuration, Checkpoint? current, IReadOnlyList<Checkpoint> legacy, bool write)
    {
        // Baselines of every legacy file join what the current file holds; the newest last run wins.
        var newestLegacy = legacy.OrderByDescending(c => c.UpdatedAt).FirstOrDefault();
        var baselines = (current?.Baselines ?? Array.Empty<WatermarkBaseline>()).Concat(legacy.SelectMany(c => c.Baselines)).ToList();
        var updatedAt = new[] { current?.UpdatedAt, newestLegacy?.UpdatedAt }.Where(t => t is not null).Max()!.Value;
        var lastRun = current?.LastRun ?? newestLegacy?.LastRun;
        var merged = new Checkpoint(configuration, current?.Watermarks, baselines, updatedAt, lastRun, PathFor(configuration));
        if (!write) return merged;

        var written = Write(merged);
        foreach (var old in legacy)
            if (old.Path is not null && !SamePath(old.Path, written.Path)) RemoveFile(old.Path);
        return written;
    }

    private List<Checkpoint> FindLegacyFiles(SyncConfiguration configuration)
    {
        var found = new List<Checkpoint>();
        if (!System.IO.Directory.Exists(Directory)) return found;
        foreach (var file in CheckpointFiles())
        {
            Checkpoint? checkpoint;
            int version;
            try
            {
                checkpoint = ReadFile(file, out version);
            }
            catch (CheckpointCorruptException)
            {
                continue; // another configuration's problem: reported by List, not here
            }
            if (checkpoint is not null && version == CheckpointFile.LegacyFormatVersion
                && string.Equals(checkpoint.Configuration.Key, configuration.Key, StringComparison.Ordinal))
                found.Add(checkpoint);
        }
        return found;
    }

    private List<string> CheckpointFiles()
    {
        try
        {
            return System.IO.Directory.EnumerateFiles(Directory, "*" + Extension)
                .Where(f => !Path.GetFileName(f).Contains(TempMarker))
                .OrderBy(f => f, StringComparer.Ordinal)
                .ToList();
        }
        catch (Exception ex) when (ex is UnauthorizedAccessException or IOException)
        {
            throw new StatePathException(Directory, $"it cannot be read ({ex.Message})", ex);
        }
    }

    private static void RefuseNewerFormat(string path)
    {
        try
        {
            ReadFile(path, out _);
        }
        catch (CheckpointCorruptException ex) when (ex.IsNewerFormat)
        {
            throw;
        }
        catch (CheckpointCorruptException)
        {
            // A damaged file is replaced: that is what writing a new checkpoint over it means.
        }
    }

    private void EnsureNotAFile()
    {
        if (File.Exists(Directory)) throw new StatePathException(Directory, "it is a file, not a directory");
    }

    private void EnsureDirectory()
    {
        EnsureNotAFile();
        try
        {
            System.IO.Directory.CreateDirectory(Directory);
        }
        catch (Exception ex) when (ex is UnauthorizedAccessException or IOException or NotSupportedException)
        {
            throw new StatePathException(Directory, $"it cannot be created ({ex.Message})", ex);
        }
    }

    private static Checkpoint? ReadFile(string path, out int version)
    {
        version = 0;
        byte[] bytes;
        try
        {
            if (!File.Exists(path)) return null;
            bytes = File.ReadAllBytes(path);
        }
        catch (FileNotFoundException)
        {
            return null;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new CheckpointCorruptException(path, "it cannot be read: " + ex.Message, ex);
        }
        return CheckpointFile.Deserialize(bytes, path, out version);
    }

    private static bool SamePath(string? a, string? b) => a is not null && b is not null && string.Equals(Path.GetFullPath(a), Path.GetFullPath(b), StringComparison.Ordinal);

    private static void TryDelete(string path)
    {
        try
        {
            if (File.Exists(path)) File.Delete(path);
        }
        catch (IOException)
        {
            // A leftover temp file is harmless: it is never read as a checkpoint.
        }
        catch (UnauthorizedAccessException)
        {
        }
    }
}
