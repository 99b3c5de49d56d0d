using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using Synced.Core.Checkpoints;
using Xunit;

namespace Synced.Core.Tests.Checkpoints;

public class RunLockTests
{
    private static void WriteLock(string path, int pid, string host, DateTime? processStartedAt = null)
        => File.WriteAllText(path, $"{{\"pid\":{pid},\"host\":\"{host}\",\"startedAt\":\"2026-11-24T10:00:00.0000000Z\""
            + (processStartedAt is null ? "" : $",\"processStartedAt\":\"{processStartedAt.Value:O}\"") + "}");

    [Fact]
    public void A_second_run_of_the_same_configuration_fails_fast_naming_the_holder()
    {
        using var dir = new TempDirectory();
        var store = new CheckpointStore(dir.Path);
        var configuration = new SyncConfiguration("app", "app");
        using var first = store.AcquireLock(configuration);

        var error = Assert.Throws<CheckpointLockedException>(() => store.AcquireLock(configuration));
        Assert.Equal(Environment.ProcessId, error.Holder!.ProcessId);
        Assert.Contains(Environment.MachineName, error.Message);
        Assert.Contains($"process {Environment.ProcessId}", error.Message);
    }

    [Fact]
    public void Releasing_the_lock_lets_the_next_run_in()
    {
        using var dir = new TempDirectory();
        var store = new CheckpointStore(dir.Path);
        var configuration = new SyncConfiguration("app", "app");
        store.AcquireLock(configuration).Dispose();
        using var again = store.AcquireLock(configuration);
        Assert.True(File.Exists(again.Path));
    }

    [Fact]
    public void Different_configurations_lock_independently()
    {
        using var dir = new TempDirectory();
        var store = new CheckpointStore(dir.Path);
        using var first = store.AcquireLock(new SyncConfiguration("app", "app"));
        using var second = store.AcquireLock(new SyncConfiguration("app", "other"));
        Assert.NotEqual(first.Path, second.Path);
    }

    [Fact]
    public void A_stale_lock_of_a_dead_process_on_this_host_is_taken_over_with_a_warning()
    {
        using var dir = new TempDirectory();
        var store = new CheckpointStore(dir.Path);
        var configuration = new SyncConfiguration("app", "app");
        using (var held = store.AcquireLock(configuration)) { }
        var lockPath = Path.Combine(dir.Path, configuration.FileBaseName + ".lock");
        WriteLock(lockPath, DeadProcessId(), Environment.MachineName);

        var warnings = new List<string>();
        using var taken = store.AcquireLock(configuration, warnings.Add);
        var warning = Assert.Single(warnings);
        Assert.Contains("no longer running", warning);
        Assert.Equal(Environment.ProcessId, RunLock.ReadHolder(lockPath, out _)!.ProcessId);
    }

    [Fact]
    public void A_reused_process_id_does_not_keep_a_stale_lock_alive()
    {
        using var dir = new TempDirectory();
        var store = new CheckpointStore(dir.Path);
        var configuration = new SyncConfiguration("app", "app");
        var lockPath = Path.Combine(dir.Path, configuration.FileBaseName + ".lock");
        // Our own pid, but a process start time that is not ours: the pid was reused.
        WriteLock(lockPath, Environment.ProcessId, Environment.MachineName, new DateTime(2001, 1, 1, 0, 0, 0, DateTimeKind.Utc));

        var warnings = new List<string>();
        using var taken = store.AcquireLock(configuration, warnings.Add);
        Assert.Single(warnings);
    }

    [Fact]
    public void A_lock_held_on_another_host_is_never_taken_over()
    {
        using var dir = new TempDirectory();
        var store = new CheckpointStore(dir.Path);
        var configuration = new SyncConfiguration("app", "app");
        WriteLock(Path.Combine(dir.Path, configuration.FileBaseName + ".lock"), DeadProcessId(), "some-other-host");

        var error = Assert.Throws<CheckpointLockedException>(() => store.AcquireLock(configuration));
        Assert.Contains("some-other-host", error.Message);
    }

    [Fact]
    public void A_freshly_created_empty_lock_counts_as_held()
    {
        using var dir = new TempDirectory();
        var store = new CheckpointStore(dir.Path);
        var configuration = new SyncConfiguration("app", "app");
        File.WriteAllText(Path.Combine(dir.Path, configuration.FileBaseName + ".lock"), "");
        Assert.Throws<CheckpointLockedException>(() => store.AcquireLock(configuration));
    }

    [Fact]
    public void An_old_unreadable_lock_is_taken_over()
    {
        using var dir = new TempDirectory();
        var store = new CheckpointStore(dir.Path);
        var configuration = new SyncConfiguration("app", "app");
        var lockPath = Path.Combine(dir.Path, configuration.FileBaseName + ".lock");
        File.WriteAllText(lockPath, "garbage");
        File.SetLastWriteTimeUtc(lockPath, DateTime.UtcNow.AddMinutes(-5));

        var warnings = new List<string>();
        using var taken = store.AcquireLock(configuration, warnings.Add);
        Assert.Contains("unreadable", Assert.Single(warnings));
    }

    private static int DeadProcessId()
    {
        using var process = Process.Start(new ProcessStartInfo("true") { UseShellExecute = false })!;
        process.WaitForExit();
        return process.Id;
    }
}
