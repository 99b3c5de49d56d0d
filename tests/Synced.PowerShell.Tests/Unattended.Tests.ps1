BeforeAll {
    . (Join-Path $PSScriptRoot 'TestHelpers.ps1')
    Import-SyncedTestModule
    Import-SandboxModule
    $emulator = Get-RealClusters
    if (-not $emulator) { $emulator = Start-SyncedEmulator -EmulatorDll (Get-EmulatorDll) -Cassandra -Elasticsearch }
    $session = Connect-SandboxCassandra $emulator
    $now = [DateTimeOffset]::UtcNow
    $promtool = Get-Command promtool -CommandType Application -ErrorAction SilentlyContinue | Select-Object -First 1

    function Get-FreePort {
        $listener = [System.Net.Sockets.TcpListener]::new([ipaddress]::Loopback, 0)
        $listener.Start()
        try { $listener.LocalEndpoint.Port } finally { $listener.Stop() }
    }

    function Start-ChildPwsh {
        # pwsh in a process of its own whose standard output and error go to a file, as under cron or systemd:
        # pwsh.dll run by the dotnet host directly (one process, so a signal reaches pwsh), through /bin/sh
        # only for the redirection (exec keeps the pid), and without TERM, as cron runs it.
        param([Parameter(Mandatory)] [string] $Command, [Parameter(Mandatory)] [string] $OutputFile)
        $info = [System.Diagnostics.ProcessStartInfo]::new('/bin/sh')
        foreach ($a in @('-c', 'exec "$@" >"$SYNCED_TEST_OUTPUT" 2>&1', 'sh')) { $info.ArgumentList.Add($a) }
        $host_ = [Environment]::ProcessPath
        if ([IO.Path]::GetFileNameWithoutExtension($host_) -eq 'dotnet') {
            $info.ArgumentList.Add($host_)
            $info.ArgumentList.Add((Join-Path $PSHOME 'pwsh.dll'))
        }
        else { $info.ArgumentList.Add((Join-Path $PSHOME 'pwsh')) }
        foreach ($a in @('-NoProfile', '-NonInteractive', '-Command', $Command)) { $info.ArgumentList.Add($a) }
        $info.UseShellExecute = $false
        $info.Environment['SYNCED_TEST_OUTPUT'] = $OutputFile
        $null = $info.Environment.Remove('TERM')
        $null = $info.Environment.Remove('NO_COLOR')
        [System.Diagnostics.Process]::Start($info)
    }

    function Wait-Until([scriptblock] $Condition, [int] $Seconds = 60, [string] $What) {
        $deadline = [DateTime]::UtcNow.AddSeconds($Seconds)
        while (-not (& $Condition)) {
            if ([DateTime]::UtcNow -gt $deadline) { throw "Timed out after $Seconds s waiting for $What" }
            Start-Sleep -Milliseconds 100
        }
    }

    function ConvertTo-CommandLine([hashtable] $Parameters) {
        ($Parameters.GetEnumerator() | ForEach-Object { "-$($_.Key) '$($_.Value)'" }) -join ' '
    }

    if (-not ('SyncedTests.DelayProxy' -as [type])) {
        Add-Type -TypeDefinition @'
using System;
using System.Net;
using System.Net.Sockets;
using System.Threading.Tasks;

namespace SyncedTests
{
    /// <summary>A loopback TCP proxy that holds every chunk a client sends for a while: a slow cluster.</summary>
    public sealed class DelayProxy : IDisposable
    {
        private readonly TcpListener _listener = new TcpListener(IPAddress.Loopback, 0);
        private readonly int _target;
        private readonly TimeSpan _delay;

        public DelayProxy(int target, TimeSpan delay)
        {
            _target = target;
            _delay = delay;
            _listener.Start();
            Task.Run(AcceptAsync);
        }

        public int Port { get { return ((IPEndPoint)_listener.LocalEndpoint).Port; } }

        private async Task AcceptAsync()
        {
            while (true)
            {
                TcpClient client;
                try { client = await _listener.AcceptTcpClientAsync(); }
                catch (Exception) { return; }
                var server = new TcpClient();
                try { await server.ConnectAsync(IPAddress.Loopback, _target); }
                catch (Exception) { client.Dispose(); server.Dispose(); continue; }
                var toServer = PumpAsync(client, server, _delay);
                var toClient = PumpAsync(server, client, TimeSpan.Zero);
            }
        }

        private static async Task PumpAsync(TcpClient from, TcpClient to, TimeSpan delay)
        {
            var buffer = new byte[65536];
            try
            {
                int read;
                while ((read = await from.GetStream().ReadAsync(buffer, 0, buffer.Length)) > 0)
                {
                    if (delay > TimeSpan.Zero) await Task.Delay(delay);
                    await to.GetStream().WriteAsync(buffer, 0, read);
                }
            }
            catch (Exception) { }
            from.Dispose();
            to.Dispose();
        }

        public void Dispose() { _listener.Stop(); }
    }
}
'@
    }

    function Get-MetricSamples([string] $Text) {
        # "name{labels} value" lines as a hashtable keyed by "name{labels}".
        $samples = @{}
        foreach ($line in $Text -split "`n" | Where-Object { $_ -and -not $_.StartsWith('#') }) {
            $at = $line.LastIndexOf(' ')
            $samples[$line.Substring(0, $at)] = [double]::Parse($line.Substring($at + 1), [cultureinfo]::InvariantCulture)
        }
        $samples
    }
}

AfterAll {
    if ($session) { $session.Dispose() }
    Stop-SyncedEmulator $emulator
}

Describe 'Invoke-SyncedRun unattended: parameters' {
    BeforeEach {
        $f = New-SyncFixture $emulator $session
        $c = $f.Connection
    }
    AfterEach { Remove-Item -Recurse -Force $f.State -ErrorAction SilentlyContinue }

    It 'refuses -Interval with -<_>, which would sync a fixed range again and again' -ForEach @('Begin', 'End', 'NoCheckpoint') {
        $extra = @{ Begin = @{ Begin = 0 }; End = @{ End = 1420070400 }; NoCheckpoint = @{ NoCheckpoint = $true } }[$_]
        { Invoke-SyncedRun -Keyspace $f.Name -Index $f.Name @c -Interval 60 @extra } | Should -Throw -ErrorId 'InvalidConfiguration,Synced.PowerShell.Commands.InvokeSyncedRunCommand'
        Get-SyncedCheckpoint -StatePath $f.State | Should -BeNullOrEmpty
    }

    It 'refuses -<_> without -Interval' -ForEach @('MetricsPort', 'MaxBackoff') {
        $extra = @{ $_ = 9464 }
        { Invoke-SyncedRun -Keyspace $f.Name -Index $f.Name @c @extra } | Should -Throw -ErrorId 'InvalidConfiguration,Synced.PowerShell.Commands.InvokeSyncedRunCommand'
    }

    It 'refuses an interval under a second and a timeout of zero' {
        { Invoke-SyncedRun -Keyspace $f.Name -Index $f.Name @c -Interval 0.5 } | Should -Throw -ErrorId 'InvalidConfiguration,Synced.PowerShell.Commands.InvokeSyncedRunCommand'
        { Invoke-SyncedRun -Keyspace $f.Name -Index $f.Name @c -RequestTimeout 0 } | Should -Throw -ErrorId 'InvalidConfiguration,Synced.PowerShell.Commands.InvokeSyncedRunCommand'
        { Test-SyncedConnection @c -ConnectTimeout '-00:00:01' } | Should -Throw -ErrorId 'InvalidConfiguration,Synced.PowerShell.Commands.TestSyncedConnectionCommand'
    }

    It 'refuses a metrics file in a directory that does not exist, before anything runs' {
        $path = Join-Path $f.State 'missing/synced.prom'
        { Invoke-SyncedRun -Keyspace $f.Name -Index $f.Name @c -MetricsPath $path } | Should -Throw -ErrorId 'MetricsPathInvalid,Synced.PowerShell.Commands.InvokeSyncedRunCommand'
        Get-SyncedCheckpoint -StatePath $f.State | Should -BeNullOrEmpty
    }

    It 'refuses a metrics port in use before anything runs' {
        $taken = [System.Net.Sockets.TcpListener]::new([ipaddress]::Loopback, 0)
        $taken.Start()
        try {
            { Invoke-SyncedRun -Keyspace $f.Name -Index $f.Name @c -Interval 60 -MetricsPort $taken.LocalEndpoint.Port } |
                Should -Throw -ErrorId 'MetricsPortUnavailable,Synced.PowerShell.Commands.InvokeSyncedRunCommand'
            $caught = $null
            try { Invoke-SyncedRun -Keyspace $f.Name -Index $f.Name @c -Interval 60 -MetricsPort $taken.LocalEndpoint.Port -ErrorAction Stop } catch { $caught = $_ }
            "$caught" | Should -Match 'Choose another port, or stop what uses it \(-MetricsPort, -MetricsAddress\)'
        }
        finally { $taken.Stop() }
        Get-SyncedCheckpoint -StatePath $f.State | Should -BeNullOrEmpty
    }

    It 'takes timeouts as seconds or time spans' {
        $result = Invoke-SyncedRun -Keyspace $f.Name -Index $f.Name @c -ConnectTimeout 5 -RequestTimeout '00:02:00'
        $result.Status | Should -Be 'Succeeded'
    }
}

Describe 'Invoke-SyncedRun unattended: timeouts' {
    BeforeEach {
        $f = New-SyncFixture $emulator $session
        $c = $f.Connection
        # A node that accepts connections and never answers: a hung server as a client sees it.
        $hung = [System.Net.Sockets.TcpListener]::new([ipaddress]::Loopback, 0)
        $hung.Start()
    }
    AfterEach {
        $hung.Stop()
        Remove-Item -Recurse -Force $f.State -ErrorAction SilentlyContinue
    }

    It 'fails on a hung Elasticsearch within -ConnectTimeout, naming the cluster, the operation, the limit and what to do' {
        $c.ElasticsearchUri = "http://127.0.0.1:$($hung.LocalEndpoint.Port)"
        $clock = [Diagnostics.Stopwatch]::StartNew()
        $error.Clear()
        { Invoke-SyncedRun -Keyspace $f.Name -Index $f.Name @c -ConnectTimeout 1 -RequestTimeout 60 } | Should -Throw -ErrorId 'ClusterUnreachable,Synced.PowerShell.Commands.InvokeSyncedRunCommand'
        $clock.Elapsed.TotalSeconds | Should -BeLessThan 15
        $message = $error[0].Exception.Message
        $message | Should -Match "Elasticsearch at http://127\.0\.0\.1:$($hung.LocalEndpoint.Port) did not answer GET / within the connect timeout of 1 s"
        $message | Should -Match 'raise -ConnectTimeout'
    }

    It 'fails on a hung Cassandra within -ConnectTimeout, naming the cluster, the operation, the limit and what to do' {
        $c.CassandraPort = $hung.LocalEndpoint.Port
        $clock = [Diagnostics.Stopwatch]::StartNew()
        $error.Clear()
        { Invoke-SyncedRun -Keyspace $f.Name -Index $f.Name @c -ConnectTimeout 1 -RequestTimeout 60 } | Should -Throw -ErrorId 'ClusterUnreachable,Synced.PowerShell.Commands.InvokeSyncedRunCommand'
        $clock.Elapsed.TotalSeconds | Should -BeLessThan 15
        $error[0].Exception.Message | Should -Match "Cassandra node 127\.0\.0\.1:$($hung.LocalEndpoint.Port) did not answer OPTIONS within the connect timeout of 1 s.*raise -ConnectTimeout"
    }
}

Describe 'Invoke-SyncedRun unattended: logs and metrics of single runs' {
    BeforeEach {
        $f = New-SyncFixture $emulator $session
        $c = $f.Connection
    }
    AfterEach { Remove-Item -Recurse -Force $f.State -ErrorAction SilentlyContinue }

    It 'writes exactly one summary line and no escape codes to a redirected log, with views that break no word at 80 columns' -Skip:$IsWindows {
        Add-CassandraUser $session $f ([guid]::NewGuid()) $now.AddHours(-1) 'logged'
        # A table name long enough that the views must wrap.
        Invoke-SandboxCql $session "CREATE TABLE $($f.Name).customer_loyalty_programme_memberships (id uuid, tmstmp timeuuid, name text, PRIMARY KEY (id, tmstmp))"
        New-SandboxIndex -ElasticsearchUri $emulator.ElasticsearchUri -Index "$($f.Name)-customer_loyalty_programme_memberships" -Alias $f.Name
        $log = Join-Path $f.State 'cron.log'
        $command = "Import-Module '$env:SYNCED_TEST_MODULE'; Invoke-SyncedRun -Keyspace $($f.Name) -Index $($f.Name) $(ConvertTo-CommandLine $c) -InformationAction Continue; Get-SyncedCheckpoint -StatePath '$($f.State)'; Test-SyncedConnection $(ConvertTo-CommandLine ($c.Clone() | ForEach-Object { $_.Remove('StatePath'); $_ }))"

        $child = Start-ChildPwsh -Command $command -OutputFile $log
        $child.WaitForExit(120000) | Should -BeTrue
        $child.ExitCode | Should -Be 0

        $bytes = [IO.File]::ReadAllBytes($log)
        $bytes | Where-Object { $_ -eq 0x1B } | Should -BeNullOrEmpty -Because 'a log file must not carry ANSI escape codes'
        $lines = Get-Content $log
        $summary = @($lines | Select-String -SimpleMatch 'Synced.Summary')
        $summary.Count | Should -Be 1
        $summary[0].Line | Should -Match '^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ Synced\.Summary configuration=\S+ status=Succeeded read=\d+ written=1 not_newer=\d+ failed=0 duration=[\d.]+s watermark=\S+ advanced=4/4$'
        # The views fit 80 columns (the summary line is a log line: as long as it needs to be).
        $lines | Where-Object { $_ -notmatch 'Synced\.Summary' } | ForEach-Object { $_.Length | Should -BeLessOrEqual 80 -Because "'$_' must fit 80 columns" }
        # The Tables block, unwrapped, holds every word whole: no "newe / r".
        $at = 0
        while (-not $lines[$at].StartsWith('Tables')) { $at++ }
        $block = [Collections.Generic.List[string]]::new()
        $block.Add($lines[$at].Substring(14))
        for ($i = $at + 1; $i -lt $lines.Count -and $lines[$i] -match '^ {14}'; $i++) { $block.Add($lines[$i].Substring(14)) }
        $joined = ($block | ForEach-Object { $_.Trim() }) -join ' '
        $joined | Should -Match 'Cassandra -> ES customer_loyalty_programme_memberships: Synced, 0 read, 0 written, 0 not newer, 0 failed'
        $joined | Should -Match 'Cassandra -> ES users: Synced, 1 read, 1 written, 0 not newer, 0 failed'
    }

    It 'switches Host rendering to plain text when output is redirected, and keeps an explicit <Given>' -Skip:$IsWindows -ForEach @(
        @{ Given = 'Host'; Expected = 'PlainText' }
        @{ Given = 'Ansi'; Expected = 'Ansi' }
    ) {
        $log = Join-Path $f.State 'rendering.log'
        $child = Start-ChildPwsh -Command "`$PSStyle.OutputRendering = '$Given'; Import-Module '$env:SYNCED_TEST_MODULE'; 'rendering=' + `$PSStyle.OutputRendering" -OutputFile $log
        $child.WaitForExit(60000) | Should -BeTrue
        Get-Content $log | Should -Contain "rendering=$Expected"
    }

    It 'writes a metrics file promtool accepts, whose values match the run and whose counters carry on' {
        Add-CassandraUser $session $f ([guid]::NewGuid()) $now.AddHours(-2) 'one'
        Add-CassandraUser $session $f ([guid]::NewGuid()) $now.AddHours(-1) 'two'
        $metrics = Join-Path $f.State 'synced.prom'

        $first = Invoke-SyncedRun -Keyspace $f.Name -Index $f.Name @c -MetricsPath $metrics
        if (-not $promtool) { throw 'promtool is not installed: ./build.ps1 Bootstrap installs it (Debian package prometheus).' }
        $check = Get-Content -Raw $metrics | & $promtool check metrics 2>&1
        $LASTEXITCODE | Should -Be 0 -Because "promtool check metrics says: $check"
        $samples = Get-MetricSamples (Get-Content -Raw $metrics)
        $labels = "configuration=`"$($first.Name)`",keyspace=`"$($f.Name)`",index=`"$($f.Name)`""
        foreach ($table in $first.Tables) {
            $t = "$labels,table=`"$($table.Table)`",direction=`"$($table.Direction)`""
            $samples["synced_entries_read_total{$t}"] | Should -Be $table.Read
            $samples["synced_entries_written_total{$t}"] | Should -Be $table.Written
            $samples["synced_entries_not_newer_total{$t}"] | Should -Be $table.SkippedNotNewer
            $samples["synced_entries_failed_total{$t}"] | Should -Be $table.Failed
            [Math]::Abs($samples["synced_watermark_timestamp_seconds{$t}"] - ($table.WatermarkAfter - [datetime]::UnixEpoch).TotalSeconds) | Should -BeLessThan 0.001
        }
        $samples["synced_last_run_status{$labels,status=`"Succeeded`"}"] | Should -Be 1
        $samples["synced_last_run_start_timestamp_seconds{$labels}"] | Should -BeGreaterOrEqual ([DateTimeOffset]::new($first.StartedAt).ToUnixTimeSeconds())
        $samples["synced_consecutive_failed_runs{$labels}"] | Should -Be 0

        Add-CassandraUser $session $f ([guid]::NewGuid()) ([DateTimeOffset]::UtcNow) 'three'
        $null = Invoke-SyncedRun -Keyspace $f.Name -Index $f.Name @c -MetricsPath $metrics
        $again = Get-MetricSamples (Get-Content -Raw $metrics)
        $again["synced_entries_written_total{$labels,table=`"users`",direction=`"CassandraToElasticsearch`"}"] | Should -Be 3
        $again["synced_runs_total{$labels,status=`"Succeeded`"}"] | Should -Be 2
        (Get-ChildItem $f.State -Force | Where-Object Name -like '*.tmp-*') | Should -BeNullOrEmpty
    }

    It 'records a run that cannot connect: status Failed in the metrics, streak in the checkpoint, summary line, and a terminating error' {
        # A name of its own: the configuration is the same whichever Elasticsearch address it is given.
        $null = Invoke-SyncedRun -Keyspace $f.Name -Index $f.Name @c -Name nightly
        $metrics = Join-Path $f.State 'synced.prom'
        $down = @{} + $c
        $down.ElasticsearchUri = "http://127.0.0.1:$(Get-FreePort)"
        $down.Name = 'nightly'

        foreach ($attempt in 1..2) {
            $failure = $null
            try { Invoke-SyncedRun -Keyspace $f.Name -Index $f.Name @down -MetricsPath $metrics -InformationVariable info -ErrorAction Stop }
            catch { $failure = $_ }
            $failure.FullyQualifiedErrorId | Should -Be 'ClusterUnreachable,Synced.PowerShell.Commands.InvokeSyncedRunCommand'
        }

        ($info | Where-Object Tags -Contains 'Synced.Summary').MessageData | Should -Match 'status=Failed .*failed_runs_in_a_row=2 error="'
        $samples = Get-MetricSamples (Get-Content -Raw $metrics)
        $labels = "configuration=`"$($down.Name)`",keyspace=`"$($f.Name)`",index=`"$($f.Name)`""
        $samples["synced_last_run_status{$labels,status=`"Failed`"}"] | Should -Be 1
        $samples["synced_consecutive_failed_runs{$labels}"] | Should -Be 2
        (Get-SyncedCheckpoint -StatePath $f.State).LastRun.ConsecutiveFailures | Should -Be 2
    }
}

Describe 'Invoke-SyncedRun unattended: continuous mode' {
    BeforeEach {
        $f = New-SyncFixture $emulator $session
        $c = $f.Connection
    }
    AfterEach { Remove-Item -Recurse -Force $f.State -ErrorAction SilentlyContinue }

    It 'runs once per interval on one connection pair, streams each result, serves /metrics, and stops on Ctrl+C with the lock released' {
        Add-CassandraUser $session $f ([guid]::NewGuid()) $now.AddHours(-1) 'before'
        $port = Get-FreePort
        $ps = New-SyncedPowerShell
        $output = [System.Management.Automation.PSDataCollection[psobject]]::new()
        try {
            $null = $ps.AddCommand('Invoke-SyncedRun').AddParameter('Keyspace', $f.Name).AddParameter('Index', $f.Name).AddParameter('Interval', 1).AddParameter('MetricsPort', $port)
            foreach ($key in $c.Keys) { $null = $ps.AddParameter($key, $c[$key]) }
            $noInput = [System.Management.Automation.PSDataCollection[psobject]]::new()
            $noInput.Complete() # an open input would keep the pipeline waiting for it
            $async = $ps.BeginInvoke($noInput, $output)

            Wait-Until { $output.Count -ge 2 } -What 'two runs'
            $late = [guid]::NewGuid()
            Add-CassandraUser $session $f $late ([DateTimeOffset]::UtcNow) 'while running'
            $seen = $output.Count
            Wait-Until { $output.Count -ge $seen + 2 } -What 'two more runs'
            $metrics = (Invoke-WebRequest -Uri "http://127.0.0.1:$port/metrics" -UseBasicParsing).Content

            $ps.Stop()
            $ps.InvocationStateInfo.State | Should -Be 'Stopped'
        }
        finally { $ps.Dispose() }

        $runs = @($output)
        $runs | ForEach-Object { $_ | Should -BeOfType ([Synced.RunResult]) }
        @($runs | Where-Object Status -eq 'Succeeded').Count | Should -BeGreaterOrEqual 4
        for ($i = 1; $i -lt $runs.Count; $i++) {
            # One at a time, about one interval apart.
            $runs[$i].StartedAt | Should -BeGreaterOrEqual $runs[$i - 1].StartedAt.Add($runs[$i - 1].Duration)
            ($runs[$i].StartedAt - $runs[$i - 1].StartedAt).TotalSeconds | Should -BeGreaterThan 0.5
        }
        ($runs | Measure-Object -Property Written -Sum).Sum | Should -Be 2 -Because 'the entry from before and the one added while running were each written once'
        (Get-SandboxDocument -ElasticsearchUri $emulator.ElasticsearchUri -Index "$($f.Name)-users" -Id $late).name | Should -Be 'while running'
        $samples = Get-MetricSamples $metrics
        $samples["synced_runs_total{configuration=`"$($runs[0].Name)`",keyspace=`"$($f.Name)`",index=`"$($f.Name)`",status=`"Succeeded`"}"] | Should -BeGreaterOrEqual 4
        Get-ChildItem $f.State -Filter '*.lock' | Should -BeNullOrEmpty
    }

    It 'goes on after failed runs, reporting each as a non-terminating error and in a result of its own' {
        $down = @{} + $c
        $down.ElasticsearchUri = "http://127.0.0.1:$(Get-FreePort)"
        $ps = New-SyncedPowerShell
        $output = [System.Management.Automation.PSDataCollection[psobject]]::new()
        try {
            $null = $ps.AddCommand('Invoke-SyncedRun').AddParameter('Keyspace', $f.Name).AddParameter('Index', $f.Name).AddParameter('Interval', 1).AddParameter('MaxBackoff', 1)
            foreach ($key in $down.Keys) { $null = $ps.AddParameter($key, $down[$key]) }
            $null = $ps.AddParameter('InformationAction', 'SilentlyContinue')
            $noInput = [System.Management.Automation.PSDataCollection[psobject]]::new()
            $noInput.Complete()
            $async = $ps.BeginInvoke($noInput, $output)
            Wait-Until { $ps.Streams.Error.Count -ge 3 } -What 'three failed runs'
            $ps.InvocationStateInfo.State | Should -Be 'Running'
            $ps.Stop()
            $failed = @($output | Where-Object Status -eq 'Failed')
            $failed.Count | Should -BeGreaterOrEqual 3
            $failed[0].Problems[0] | Should -Match 'Elasticsearch'
            $failed[0].NextRunAt | Should -BeGreaterThan $failed[0].StartedAt
            $ps.Streams.Error[0].TargetObject | Should -Be $failed[0]
            # (Stop adds its own PipelineStopped record.)
            @($ps.Streams.Error | ForEach-Object FullyQualifiedErrorId | Where-Object { $_ -ne 'PipelineStopped' } | Select-Object -Unique) | Should -Be @('ClusterUnreachable,Synced.PowerShell.Commands.InvokeSyncedRunCommand')
            @($ps.Streams.Information | Where-Object Tags -Contains 'Synced.Summary').Count | Should -BeGreaterOrEqual 3
            $ps.Streams.Information[0].MessageData | Should -Match 'status=Failed run=1 .*next_run='
        }
        finally { $ps.Dispose() }
    }

    It 'stops a run under way on SIGTERM at a safe point: finished tables keep their watermarks, the lock is released, exit code 0' -Skip:$IsWindows {
        # A slow Cassandra (each request held 5 ms) and enough entries, written one at a time, that the
        # Elasticsearch -> Cassandra direction takes half a minute: SIGTERM comes while it is under way.
        $slow = [SyncedTests.DelayProxy]::new($emulator.CassandraPort, [TimeSpan]::FromMilliseconds(5))
        $c.CassandraPort = $slow.Port
        $documents = 1..3000 | ForEach-Object {
            $id = [guid]::NewGuid()
            '{"index":{"_index":"' + "$($f.Name)-users" + '","_id":"' + $id + '"}}'
            '{"id":"' + $id + '","tmstmp":"' + $now.AddMinutes(-30).AddMilliseconds($_).UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'") + '","name":"n' + $_ + '"}'
        }
        $null = Invoke-RestMethod -Method Post -Uri "$($emulator.ElasticsearchUri.ToString().TrimEnd('/'))/_bulk?refresh=true" -ContentType 'application/x-ndjson' -Body (($documents -join "`n") + "`n")
        $log = Join-Path $f.State 'service.log'
        $command = "Import-Module '$env:SYNCED_TEST_MODULE'; Invoke-SyncedRun -Keyspace $($f.Name) -Index $($f.Name) $(ConvertTo-CommandLine $c) -Interval 60 -BatchSize 1 -Parallelism 1 -InformationAction Continue -Verbose | Out-Null"

        $child = Start-ChildPwsh -Command $command -OutputFile $log
        try {
            Wait-Until { (Test-Path $log) -and (Select-String -Path $log -Pattern 'ElasticsearchToCassandra users: Elasticsearch' -Quiet) } -What 'the second direction to start'
            Start-Sleep -Milliseconds 300
            & kill -s TERM $child.Id
            $child.WaitForExit(60000) | Should -BeTrue
        }
        finally {
            if (-not $child.HasExited) { $child.Kill() }
            $slow.Dispose()
        }

        $child.ExitCode | Should -Be 0
        $summary = @(Select-String -Path $log -SimpleMatch 'Synced.Summary')
        $summary.Count | Should -Be 1
        $summary[0].Line | Should -Match 'status=Stopped .*advanced=1/2'
        Get-ChildItem $f.State -Filter '*.lock' | Should -BeNullOrEmpty
        $watermarks = (Get-SyncedCheckpoint -StatePath $f.State).Watermarks
        @($watermarks | Where-Object Direction -eq 'CassandraToElasticsearch').Count | Should -Be 1 -Because 'that direction finished before the stop'
        @($watermarks | Where-Object Direction -eq 'ElasticsearchToCassandra').Count | Should -Be 0 -Because 'that direction was stopped half way'
        $copied = @(Get-SandboxRow $session "SELECT id FROM $($f.Name).users").Count
        $copied | Should -BeGreaterThan 0
        $copied | Should -BeLessThan 3000
        Select-String -Path $log -SimpleMatch 'Stopped on SIGTERM' -Quiet | Should -BeTrue
    }
}

Describe 'TextLayout, which the views wrap their values with' {
    It 'breaks lines at spaces, indents continuations and keeps every line within the width' {
        $text = 'Cassandra -> ES customer_loyalty_programme_memberships: Synced, 12,345 read, 1,234 written, 11,111 not newer, 0 failed'
        $lines = [Synced.PowerShell.Infrastructure.TextLayout]::Wrap($text, 45) -split [Environment]::NewLine
        $lines.Count | Should -BeGreaterThan 2
        $lines | ForEach-Object { $_.Length | Should -BeLessOrEqual 45 }
        $lines | Select-Object -Skip 1 | ForEach-Object { $_ | Should -Match '^  \S' }
        ($lines | ForEach-Object Trim) -join ' ' | Should -Be $text
    }

    It 'cuts only a word longer than a whole line, and keeps paragraphs' {
        $long = 'x' * 50
        $lines = [Synced.PowerShell.Infrastructure.TextLayout]::Wrap("short`n$long end", 20) -split [Environment]::NewLine
        $lines[0] | Should -Be 'short'
        $lines | ForEach-Object { $_.Length | Should -BeLessOrEqual 20 }
        (($lines | Select-Object -Skip 1 | ForEach-Object Trim) -join '') | Should -Be "$long end"
    }

    It 'never uses more than 80 columns, nor more than a narrower screen' {
        [Synced.PowerShell.Infrastructure.TextLayout]::ValueWidth($null, 14) | Should -Be 65
        [Synced.PowerShell.Infrastructure.TextLayout]::ValueWidth($Host, 14) | Should -BeLessOrEqual 65
    }
}

Describe 'The systemd unit example' {
    It 'passes systemd-analyze verify' {
        $analyze = Get-Command systemd-analyze -CommandType Application -ErrorAction SilentlyContinue | Select-Object -First 1
        if (-not $analyze) {
            Set-ItResult -Skipped -Because 'systemd-analyze is not installed here (it comes with systemd; Windows and macOS have none)'
            return
        }
        # verify checks that ExecStart's program exists: pwsh need not be installed where the tests run, so a
        # stand-in takes its path; every other line is checked as shipped.
        $root = Join-Path ([IO.Path]::GetTempPath()) ('synced-unit-' + [guid]::NewGuid().ToString('N'))
        $null = New-Item -ItemType Directory -Path $root
        try {
            $standIn = Join-Path $root 'pwsh'
            Set-Content -Path $standIn -Value '#!/bin/sh'
            & chmod +x $standIn
            $unit = Get-Content -Raw (Join-Path $PSScriptRoot '../../examples/synced.service')
            $unit | Should -Match '(?m)^ExecStart=/usr/bin/pwsh '
            Set-Content -Path (Join-Path $root 'synced.service') -Value ($unit -replace '(?m)^ExecStart=/usr/bin/pwsh ', "ExecStart=$standIn ") -NoNewline
            $output = & $analyze.Source verify (Join-Path $root 'synced.service') 2>&1 | ForEach-Object { "$_" }
            $LASTEXITCODE | Should -Be 0 -Because ($output -join "`n")
            $output | Where-Object { $_ -match 'synced\.service' } | Should -BeNullOrEmpty -Because 'systemd-analyze has no warning about the unit'
        }
        finally { Remove-Item -Recurse -Force $root -ErrorAction SilentlyContinue }
    }
}
