using System;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Text;
using System.Text.Json;

namespace Synced.Core.Checkpoints;

/// <summary>
/// The lock that keeps two runs of one configuration apart: a file created exclusively, holding the pid,
/// host and start time of its holder. A lock left by a dead process on this host is taken over (the caller
/// is told, to warn); a live holder, or one on another host, makes the second run fail fast.
/// </summary>
public sealed class RunLock : IDisposable
{
    // A lock file that exists but is still empty was just created by another run that is about to write it.
    private static readonly TimeSpan UnwrittenLockGrace = TimeSpan.FromSeconds(30);
    private bool _released;

    private RunLock(string path) => Path = path;

    /// <summary>The lock file.</summary>
    public string Path { get; }

    internal static RunLock Acquire(string path, string configuration, Action<string>? onStaleLockTakenOver)
    {
        for (var attempt = 0; attempt < 3; attempt++)
        {
            if (TryCreate(path)) return new RunLock(path);

            var holder = ReadHolder(path, out var unreadable);
            if (holder is null)
            {
                if (!unreadable) continue; // gone meanwhile: try again
                var age = DateTime.UtcNow - SafeLastWrite(path);
                if (age < UnwrittenLockGrace) throw new CheckpointLockedException(configuration, path, null);
                TakeOver(path, onStaleLockTakenOver, $"Took over the unreadable lock file '{path}' left {age.TotalSeconds:F0} s ago by a run that did not finish writing it.");
                continue;
            }

            if (!string.Equals(holder.Host, Environment.MachineName, StringComparison.OrdinalIgnoreCase) || IsAlive(holder))
                throw new CheckpointLockedException(configuration, path, holder);

            TakeOver(path, onStaleLockTakenOver,
                $"Took over the lock of '{configuration}' left by process {holder.ProcessId}, which is no longer running (it started the run at {holder.StartedAt:yyyy-MM-ddTHH:mm:ssZ}); that run did not finish, so its range is synced again.");
        }
        throw new CheckpointLockedException(configuration, path, ReadHolder(path, out _));
    }

    /// <summary>Releases the lock.</summary>
    public void Dispose()
    {
        if (_released) return;
        _released = true;
        try
        {
            File.Delete(Path);
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }
    }

    private static bool TryCreate(string path)
    {
        FileStream stream;
        try
        {
            stream = new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.Read);
        }
        catch (IOException) when (File.Exists(path))
        {
            return false;
        }
        using (stream)
        {
            var bytes = Serialize();
            stream.Write(bytes, 0, bytes.Length);
            stream.Flush(flushToDisk: true);
        }
        return true;
    }

    private static byte[] Serialize()
    {
        using var process = Process.GetCurrentProcess();
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteNumber("pid", process.Id);
            writer.WriteString("host", Environment.MachineName);
            writer.WriteString("startedAt", DateTime.UtcNow.ToString("O", CultureInfo.InvariantCulture));
            writer.WriteString("processStartedAt", process.StartTime.ToUniversalTime().ToString("O", CultureInfo.InvariantCulture));
            writer.WriteEndObject();
        }
        return buffer.ToArray();
    }

    internal static LockHolder? ReadHolder(string path, out bool unreadable)
    {
        unreadable = false;
        string text;
        try
        {
            text = File.ReadAllText(path, Encoding.UTF8);
        }
        catch (FileNotFoundException)
        {
            return null;
        }
        catch (IOException)
        {
            unreadable = true;
            return null;
        }
        try
        {
            using var document = JsonDocument.Parse(text);
            var root = document.RootElement;
            var pid = root.GetProperty("pid").GetInt32();
            var host = root.GetProperty("host").GetString() ?? string.Empty;
            var startedAt = DateTime.Parse(root.GetProperty("startedAt").GetString()!, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal);
            DateTime? processStartedAt = root.TryGetProperty("processStartedAt", out var ps) && ps.ValueKind == JsonValueKind.String
                ? DateTime.Parse(ps.GetString()!, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal)
                : null;
            return new LockHolder(pid, host, startedAt, processStartedAt);
        }
        catch (Exception ex) when (ex is JsonException or FormatException or InvalidOperationException or System.Collections.Generic.KeyNotFoundException)
        {
            unreadable = true;
            return null;
        }
    }

    private static bool IsAlive(LockHolder holder)
    {
        try
        {
            using var process = Process.GetProcessById(holder.ProcessId);
            if (process.HasExited) return false;
            if (holder.ProcessStartedAt is { } recorded)
            {
                // A reused pid belongs to a process that started after the lock was written.
                var started = process.StartTime.ToUniversalTime();
                return Math.Abs((started - recorded).TotalSeconds) < 2;
            }
            return true;
        }
        catch (ArgumentException)
        {
            return false;
        }
        catch (InvalidOperationException)
        {
            return false;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return true; // exists but not ours to inspect: assume alive
        }
    }

    private static void TakeOver(string path, Action<string>? onStaleLockTakenOver, string message)
    {
        try
        {
            File.Delete(path);
        }
        catch (FileNotFoundException)
        {
        }
        onStaleLockTakenOver?.Invoke(message);
    }

    private static DateTime SafeLastWrite(string path)
    {
        try
        {
            return File.GetLastWriteTimeUtc(path);
        }
        catch (IOException)
        {
            return DateTime.UtcNow;
        }
    }
}
