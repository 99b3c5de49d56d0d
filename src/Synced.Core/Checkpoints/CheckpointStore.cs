using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;

namespace Synced.Core.Checkpoints;

/// <summary>
/// Checkpoints as one JSON file per configuration in a state directory. Writes are atomic (temp file, flush
/// to disk, rename), so a crash mid-write leaves the previous checkpoint intact. A file that cannot be read is
/// an error, never "no checkpoint".
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

    /// <summary>The checkpoint of <paramref name="configuration"/>, or null when it has none.</summary>
    /// <exception cref="CheckpointCorruptException">The file exists but cannot be used.</exception>
    public Checkpoint? TryRead(SyncConfiguration configuration)
    {
        var path = PathFor(configuration);
        var checkpoint = ReadFile(path);
        if (checkpoint is null) return null;
        if (!string.Equals(checkpoint.Configuration.Key, configuration.Key, StringComparison.Ordinal))
            throw new CheckpointCorruptException(path, $"it belongs to another configuration ('{checkpoint.Configuration}') although its name says '{configuration}'");
        return checkpoint;
    }

    /// <summary>Every checkpoint in the directory, sorted by name.</summary>
    /// <exception cref="CheckpointCorruptException">A file cannot be used.</exception>
    public IReadOnlyList<Checkpoint> List()
    {
        if (!System.IO.Directory.Exists(Directory)) return Array.Empty<Checkpoint>();
        return System.IO.Directory.EnumerateFiles(Directory, "*" + Extension)
            .Where(f => !Path.GetFileName(f).Contains(TempMarker))
            .Select(ReadFile)
            .Where(c => c is not null)
            .Select(c => c!)
            .OrderBy(c => c.Name, StringComparer.OrdinalIgnoreCase)
            .ToList();
    }

    /// <summary>Writes (creates or replaces) a checkpoint atomically and returns it with its path.</summary>
    public Checkpoint Write(Checkpoint checkpoint)
    {
        System.IO.Directory.CreateDirectory(Directory);
        var path = PathFor(checkpoint.Configuration);
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
        finally
        {
            TryDelete(temp);
        }
        return new Checkpoint(checkpoint.Configuration, checkpoint.End, checkpoint.UpdatedAt, checkpoint.LastRun, path);
    }

    /// <summary>Deletes the checkpoint file of <paramref name="checkpoint"/>; true when there was one.</summary>
    public bool Remove(Checkpoint checkpoint)
    {
        var path = checkpoint.Path ?? PathFor(checkpoint.Configuration);
        if (!File.Exists(path)) return false;
        File.Delete(path);
        return true;
    }

    /// <summary>Takes the run lock of <paramref name="configuration"/>; dispose the result to release it.</summary>
    /// <param name="configuration">The configuration about to run.</param>
    /// <param name="onStaleLockTakenOver">Told when a lock of a dead process on this host was taken over.</param>
    /// <exception cref="CheckpointLockedException">Another run holds the lock.</exception>
    public RunLock AcquireLock(SyncConfiguration configuration, Action<string>? onStaleLockTakenOver = null)
    {
        System.IO.Directory.CreateDirectory(Directory);
        var lockPath = Path.Combine(Directory, configuration.FileBaseName + ".lock");
        return RunLock.Acquire(lockPath, configuration.ToString(), onStaleLockTakenOver);
    }

    private static Checkpoint? ReadFile(string path)
    {
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
        return CheckpointFile.Deserialize(bytes, path);
    }

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
