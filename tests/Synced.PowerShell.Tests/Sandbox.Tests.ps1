# The sandbox anyone can start: the emulator host's life cycle (stdin, signals), Start-SyncedEmulator, and
# `build.ps1 Sandbox` as a user runs it (stdin from /dev/null, the printed command pasted, stopped with kill).
BeforeAll {
    . (Join-Path $PSScriptRoot 'TestHelpers.ps1')
    Import-SyncedTestModule
    Import-SandboxModule
    $dll = (Resolve-Path (Get-EmulatorDll)).ProviderPath
    $root = (Resolve-Path (Join-Path $PSScriptRoot '../..')).ProviderPath
    $killCommand = if (-not $IsWindows) { (Get-Command kill -CommandType Application | Select-Object -First 1).Source }

    function Start-Program {
        # A program whose stdout we read; stdin is /dev/null (through sh, exactly as a user's `< /dev/null`)
        # unless -StdinPipe, and the environment may reset SIGINT to its default (see the Ctrl+C test).
        param([string[]] $Command, [switch] $StdinPipe, [string] $WorkingDirectory = $root)
        if ($StdinPipe) {
            $info = [System.Diagnostics.ProcessStartInfo]::new($Command[0])
            foreach ($a in $Command | Select-Object -Skip 1) { $info.ArgumentList.Add($a) }
            $info.RedirectStandardInput = $true
        }
        else {
            $info = [System.Diagnostics.ProcessStartInfo]::new('/bin/sh')
            $info.ArgumentList.Add('-c')
            $info.ArgumentList.Add('exec "$@" < /dev/null')
            $info.ArgumentList.Add('sh')
            foreach ($a in $Command) { $info.ArgumentList.Add($a) }
        }
        $info.RedirectStandardOutput = $true
        $info.UseShellExecute = $false
        $info.WorkingDirectory = $WorkingDirectory
        [System.Diagnostics.Process]::Start($info)
    }

    function Read-LineUntil {
        # Reads stdout lines until one matches; returns every line read. Fails after the timeout.
        param($Process, [string] $Pattern, [int] $TimeoutSeconds = 90)
        $deadline = [DateTime]::UtcNow.AddSeconds($TimeoutSeconds)
        $lines = [System.Collections.Generic.List[string]]::new()
        while ($true) {
            $left = $deadline - [DateTime]::UtcNow
            if ($left -le [TimeSpan]::Zero) { throw "No line matching '$Pattern' within $TimeoutSeconds s; read: $($lines -join ' | ')" }
            $read = $Process.StandardOutput.ReadLineAsync()
            if (-not $read.Wait($left)) { throw "No line matching '$Pattern' within $TimeoutSeconds s; read: $($lines -join ' | ')" }
            if ($null -eq $read.Result) { throw "The process ended (exit code $(if ($Process.WaitForExit(5000)) { $Process.ExitCode })) before a line matching '$Pattern'; read: $($lines -join ' | ')" }
            $lines.Add($read.Result)
            if ($read.Result -match $Pattern) { return , $lines }
        }
    }

    function Get-ReadyEndpoint([string] $Line) {
        $endpoints = @{}
        foreach ($part in $Line.Substring(6).Split(' ')) { $key, $value = $part.Split('=', 2); $endpoints[$key] = $value }
        $endpoints
    }

    function Test-TcpPort([string] $HostName, [int] $Port) {
        $client = [System.Net.Sockets.TcpClient]::new()
        try { $client.Connect($HostName, $Port); $true } catch { $false } finally { $client.Dispose() }
    }

    function Get-FreePort {
        $listener = [System.Net.Sockets.TcpListener]::new([System.Net.IPAddress]::Loopback, 0)
        $listener.Start()
        try { $listener.LocalEndpoint.Port } finally { $listener.Stop() }
    }

    function Send-Signal([int] $ProcessId, [string] $Signal) { & $killCommand -s $Signal $ProcessId }

    function Stop-Leftover($Process) {
        if ($Process -and -not $Process.HasExited) { $Process.Kill($true); $null = $Process.WaitForExit(10000) }
    }
}

Describe 'The emulator host' {
    It 'keeps running with its standard input at end of file (< /dev/null) until SIGTERM, then exits 0 promptly' -Skip:$IsWindows {
        $process = Start-Program @('dotnet', $dll, '--cql-port', '0', '--es-port', '0')
        try {
            $ready = (Read-LineUntil $process '^ready ')[-1]
            $cql = (Get-ReadyEndpoint $ready)['cql']
            Start-Sleep -Seconds 3
            $process.HasExited | Should -BeFalse -Because 'stdin at end of file no longer stops the host'
            $cqlHost, $cqlPort = $cql.Split(':')
            Test-TcpPort $cqlHost ([int]$cqlPort) | Should -BeTrue

            $watch = [System.Diagnostics.Stopwatch]::StartNew()
            Send-Signal $process.Id TERM
            $process.WaitForExit(10000) | Should -BeTrue -Because 'SIGTERM stops the host'
            $watch.Elapsed.TotalSeconds | Should -BeLessThan 10
            $process.ExitCode | Should -Be 0
        }
        finally { Stop-Leftover $process }
    }

    It 'stops on Ctrl+C (SIGINT) with exit code 0' -Skip:($IsWindows -or -not (Test-Path /usr/bin/env)) {
        # A shell's background job inherits SIGINT ignored (no terminal could send it one), so reset it to its
        # default as a foreground program in a terminal has it.
        & /usr/bin/env --default-signal=INT true 2>$null
        if ($LASTEXITCODE -ne 0) { Set-ItResult -Skipped -Because 'env --default-signal is not available here'; return }
        $process = Start-Program @('/usr/bin/env', '--default-signal=INT', 'dotnet', $dll, '--cql-port', '0')
        try {
            $null = Read-LineUntil $process '^ready '
            Send-Signal $process.Id INT
            $process.WaitForExit(10000) | Should -BeTrue -Because 'Ctrl+C stops the host'
            $process.ExitCode | Should -Be 0
        }
        finally { Stop-Leftover $process }
    }

    It 'with --exit-on-stdin-close, exits 0 when its standard input closes' {
        $process = Start-Program @('dotnet', $dll, '--exit-on-stdin-close', '--cql-port', '0') -StdinPipe
        try {
            $null = Read-LineUntil $process '^ready '
            Start-Sleep -Milliseconds 500
            $process.HasExited | Should -BeFalse -Because 'stdin is still open'
            $process.StandardInput.Close()
            $process.WaitForExit(10000) | Should -BeTrue
            $process.ExitCode | Should -Be 0
        }
        finally { Stop-Leftover $process }
    }

    It 'with --exit-on-stdin-close and stdin at end of file (< /dev/null), exits 0 at once' -Skip:$IsWindows {
        $process = Start-Program @('dotnet', $dll, '--exit-on-stdin-close', '--cql-port', '0')
        try {
            $null = Read-LineUntil $process '^ready '
            $process.WaitForExit(10000) | Should -BeTrue
            $process.ExitCode | Should -Be 0
        }
        finally { Stop-Leftover $process }
    }
}

Describe 'Start-SyncedEmulator' {
    It 'starts on the given ports and stops when Stop-SyncedEmulator closes its stdin' {
        $cqlPort = Get-FreePort
        $esPort = Get-FreePort
        $emulator = Start-SyncedEmulator -EmulatorDll $dll -Cassandra -Elasticsearch -CassandraPort $cqlPort -ElasticsearchPort $esPort
        try {
            $emulator.CassandraPort | Should -Be $cqlPort
            $emulator.ElasticsearchUri.Port | Should -Be $esPort
            (Invoke-RestMethod -Uri $emulator.ElasticsearchUri).version.number | Should -Not -BeNullOrEmpty
        }
        finally { Stop-SyncedEmulator $emulator }
        $emulator.Process.HasExited | Should -BeTrue
        $emulator.Process.ExitCode | Should -Be 0
    }

    It 'stops its emulators when the process that started them is killed' -Skip:$IsWindows {
        $module = Join-Path $root 'build/Emulators.psm1'
        $script = "Import-Module '$module'; `$e = Start-SyncedEmulator -EmulatorDll '$dll' -Cassandra; Write-Host ""emulator `$(`$e.Process.Id)""; Start-Sleep 120"
        $parent = Start-Program @((Join-Path $PSHOME 'pwsh'), '-NoProfile', '-NonInteractive', '-Command', $script)
        $emulatorProcess = $null
        try {
            $line = (Read-LineUntil $parent '^emulator \d+')[-1]
            $emulatorProcess = Get-Process -Id ([int]$line.Split(' ')[1])
            Send-Signal $parent.Id KILL
            $emulatorProcess.WaitForExit(10000) | Should -BeTrue -Because 'the emulator reads its stdin from its parent and stops when that closes'
        }
        finally { Stop-Leftover $parent; Stop-Leftover $emulatorProcess }
    }
}

Describe 'build.ps1 Sandbox' {
    It 'runs with stdin from /dev/null, prints a command that syncs the demo data, and stops when its PID is killed' -Skip:$IsWindows {
        $state = New-TestStatePath
        $sandbox = Start-Program @('dotnet', 'pwsh', '-NoProfile', '-NonInteractive', '-File', (Join-Path $root 'build.ps1'), 'Sandbox', '-NoBuild', '-StatePath', $state)
        try {
            $lines = Read-LineUntil $sandbox 'Running until Ctrl\+C \(or: kill \d+\)'
            $sandboxPid = [int]($lines[-1] -replace '.*kill (\d+)\).*', '$1')
            $run = $lines | Where-Object { $_ -match '^\s+Invoke-SyncedRun .*-StatePath' -and $_ -notmatch '-WhatIf$' } | Select-Object -First 1
            $run | Should -Not -BeNullOrEmpty
            $run | Should -Match "-StatePath '$([regex]::Escape($state))'"
            $cqlPort = [int]($run -replace '.*-CassandraPort (\d+).*', '$1')

            Start-Sleep -Seconds 2
            $sandbox.HasExited | Should -BeFalse -Because 'the sandbox runs until stopped, whatever its stdin'

            # The printed command, pasted as a user would.
            $result = Invoke-Expression $run.Trim()
            $result.Status | Should -Be 'Succeeded'
            $result.Written | Should -Be 5 -Because 'Bob and the book order go to Elasticsearch; Ada, Eve and the lamp order to Cassandra'

            Send-Signal $sandboxPid TERM
            $sandbox.WaitForExit(20000) | Should -BeTrue
            $deadline = [DateTime]::UtcNow.AddSeconds(10)
            while ((Test-TcpPort '127.0.0.1' $cqlPort) -and [DateTime]::UtcNow -lt $deadline) { Start-Sleep -Milliseconds 250 }
            Test-TcpPort '127.0.0.1' $cqlPort | Should -BeFalse -Because 'the emulators stop with the sandbox'
        }
        finally {
            Stop-Leftover $sandbox
            Remove-Item -Recurse -Force $state -ErrorAction SilentlyContinue
        }
    }
}
