using System;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Text.Json;
using System.Threading.Tasks;

namespace Synced.Run.Bench;

/// <summary>
/// One Invoke-SyncedRun in a pwsh process of its own. The script measures inside that process, around the run
/// only (module import and start-up excluded): wall time, CPU time of the process, and its peak working set.
/// </summary>
internal sealed class PwshRun
{
    public bool Succeeded { get; private init; }
    public long Read { get; private init; }
    public long Written { get; private init; }
    public double Seconds { get; private init; }
    public double CpuSeconds { get; private init; }

    /// <summary>CPU time of the emulator host while the pwsh process ran (it is idle otherwise): the emulators' share.</summary>
    public double EmulatorCpuSeconds { get; private init; }
    public long PeakWorkingSet { get; private init; }

    /// <summary>Bytes the pwsh process allocated during the run.</summary>
    public long Allocated { get; private init; }

    /// <summary>Time the garbage collector paused the process during the run, and its collections per generation.</summary>
    public double GcPauseSeconds { get; private init; }

    public string Collections { get; private init; } = "";
    public string StatePath { get; private init; } = "";

    private static string PwshDll()
    {
        var packages = Environment.GetEnvironmentVariable("NUGET_PACKAGES") ?? Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".nuget", "packages");
        var found = Directory.Exists(Path.Combine(packages, "powershell"))
            ? Directory.GetFiles(Path.Combine(packages, "powershell"), "pwsh.dll", SearchOption.AllDirectories).FirstOrDefault(p => p.Contains($"{Path.DirectorySeparatorChar}unix{Path.DirectorySeparatorChar}"))
            : null;
        return found ?? throw new InvalidOperationException($"pwsh.dll of the PowerShell dotnet tool is not under {packages}/powershell (dotnet tool restore)");
    }

    public static async Task<PwshRun> InvokeAsync(BenchOptions options, EmulatorHost host, string keyspace, string extra, string? statePath = null)
    {
        statePath ??= Directory.CreateDirectory(Path.Combine(Path.GetTempPath(), "synced-runbench-" + Guid.NewGuid().ToString("N"))).FullName;
        var script = $$"""
            $ErrorActionPreference = 'Stop'
            Import-Module '{{options.Module}}'
            $process = [System.Diagnostics.Process]::GetCurrentProcess()
            [GC]::Collect()
            $cpu = $process.TotalProcessorTime
            $allocated = [GC]::GetTotalAllocatedBytes($false)
            $paused = [GC]::GetTotalPauseDuration()
            $gcs = 0..2 | ForEach-Object { [GC]::CollectionCount($_) }
            $clock = [System.Diagnostics.Stopwatch]::StartNew()
            $r = Invoke-SyncedRun -Keyspace {{keyspace}} -Index {{keyspace}} -CassandraHost {{host.CassandraHost}} -CassandraPort {{host.CassandraPort}} -ElasticsearchUri {{host.ElasticsearchUri}} -Consistency One -StatePath '{{statePath}}' {{extra}} {{options.RunArguments}} -ErrorAction Continue
            $clock.Stop()
            $process.Refresh()
            @{ status = "$($r.Status)"; read = $r.Read; written = $r.Written; seconds = $clock.Elapsed.TotalSeconds
               cpu = ($process.TotalProcessorTime - $cpu).TotalSeconds; peak = $process.PeakWorkingSet64
               allocated = [GC]::GetTotalAllocatedBytes($false) - $allocated; paused = ([GC]::GetTotalPauseDuration() - $paused).TotalSeconds
               collections = @(0..2 | ForEach-Object { [GC]::CollectionCount($_) - $gcs[$_] })
               tables = @($r.Tables | ForEach-Object { '{0} {1}: {2} read, {3} written, {4} not newer in {5:F1} s' -f $_.Direction, $_.Table, $_.Read, $_.Written, $_.SkippedNotNewer, $_.Duration.TotalSeconds }) } | ConvertTo-Json -Compress
            """;
        var info = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false, WorkingDirectory = options.RepositoryRoot };
        if (options.TraceDirectory is { } traces)
        {
            // Traced: pwsh itself (the dotnet tool's launcher runs it in a child process, which a trace would miss).
            Directory.CreateDirectory(traces);
            info.FileName = "dotnet-trace";
            foreach (var a in new[] { "collect", "--show-child-io", "--profile", "dotnet-sampled-thread-time", "-o", Path.Combine(traces, $"{keyspace}-{DateTime.UtcNow:HHmmss}.nettrace"), "--", "dotnet", PwshDll() })
                info.ArgumentList.Add(a);
            foreach (var a in new[] { "-NoProfile", "-NonInteractive", "-Command", script }) info.ArgumentList.Add(a);
        }
        else
        {
            foreach (var a in new[] { "pwsh", "-NoProfile", "-NonInteractive", "-Command", script }) info.ArgumentList.Add(a);
        }
        info.Environment["NO_COLOR"] = "1";
        info.Environment["POWERSHELL_TELEMETRY_OPTOUT"] = "1"; // no telemetry threads in the measured process
        var emulatorCpu = host.CpuTime;
        using var process = Process.Start(info) ?? throw new InvalidOperationException("pwsh did not start");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        var emulatorSeconds = (host.CpuTime - emulatorCpu).TotalSeconds;
        var output = (await stdout).Trim();
        // The result is the last line that is a JSON object (dotnet-trace, when tracing, prints its own lines too).
        var json = output.Split('\n').Select(l => l.Trim()).LastOrDefault(l => l.StartsWith("{\"", StringComparison.Ordinal)) ?? string.Empty;
        try
        {
            using var document = JsonDocument.Parse(json);
            var root = document.RootElement;
            var run = new PwshRun
            {
                Succeeded = root.GetProperty("status").GetString() == "Succeeded",
                Read = root.GetProperty("read").GetInt64(),
                Written = root.GetProperty("written").GetInt64(),
                Seconds = root.GetProperty("seconds").GetDouble(),
                CpuSeconds = root.GetProperty("cpu").GetDouble(),
                PeakWorkingSet = root.GetProperty("peak").GetInt64(),
                EmulatorCpuSeconds = emulatorSeconds,
                Allocated = root.TryGetProperty("allocated", out var allocated) ? allocated.GetInt64() : 0,
                GcPauseSeconds = root.TryGetProperty("paused", out var paused) ? paused.GetDouble() : 0,
                Collections = root.TryGetProperty("collections", out var collections) ? string.Join("/", collections.EnumerateArray().Select(c => c.GetInt32())) : "",
                StatePath = statePath,
            };
            Console.WriteLine($"  run {keyspace} {extra}: {root.GetProperty("status").GetString()}, {run.Read:N0} read, {run.Written:N0} written, {run.Seconds:F1} s, CPU {run.CpuSeconds:F1} s, peak {run.PeakWorkingSet / 1048576.0:F0} MB; emulators CPU {run.EmulatorCpuSeconds:F1} s; " +
                $"allocated {run.Allocated / 1048576.0:N0} MB, GC paused {run.GcPauseSeconds:F2} s, collections (gen 0/1/2) {run.Collections}");
            if (root.TryGetProperty("tables", out var tables))
                foreach (var table in tables.EnumerateArray()) Console.WriteLine("    " + table.GetString());
            return run;
        }
        catch (Exception ex) when (ex is JsonException or InvalidOperationException or System.Collections.Generic.KeyNotFoundException)
        {
            throw new InvalidOperationException($"the run printed no result:\n{output}\n{await stderr}", ex);
        }
    }
}
