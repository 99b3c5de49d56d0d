<#
.SYNOPSIS
    A sandbox anyone can start: the Cassandra and Elasticsearch emulators on loopback, seeded with the demo's
    data, running until Ctrl+C.
.DESCRIPTION
    Run by `./build.ps1 Sandbox` after the build. Starts both emulators on the given ports (0: free ones),
    creates keyspace demo and index demo as build/Demo.ps1 does (unless -Empty), prints the parameters to paste
    into another pwsh, and waits. It never reads its standard input, so it runs the same in a terminal, with
    `< /dev/null` and in the background. Ctrl+C stops it; so does `kill <PID>` (the process id it prints): the
    emulators read their stdin from this process and stop when it ends, however it ends.
#>
[CmdletBinding()]
param(
    [Parameter(Mandatory)] [string] $ModuleDirectory,
    [Parameter(Mandatory)] [string] $EmulatorDll,
    [ValidateRange(0, 65535)] [int] $CassandraPort = 0,
    [ValidateRange(0, 65535)] [int] $ElasticsearchPort = 0,
    # Where the printed command keeps its checkpoints; default: a new temporary directory, removed on Ctrl+C.
    [string] $StatePath,
    # No keyspace or index: empty emulators.
    [switch] $Empty
)
$ErrorActionPreference = 'Stop'
$manifest = Join-Path $ModuleDirectory 'Synced.psd1'
if (-not (Test-Path $manifest)) { throw "The module is not built: $manifest is missing (run ./build.ps1 Build)." }
Import-Module $manifest -Force
Import-Module (Join-Path $PSScriptRoot 'Emulators.psm1') -Force

$ownState = -not $StatePath
if ($ownState) { $StatePath = Join-Path ([IO.Path]::GetTempPath()) ('synced-sandbox-' + [guid]::NewGuid().ToString('N')) }
$null = New-Item -ItemType Directory -Force -Path $StatePath
$StatePath = (Resolve-Path $StatePath).ProviderPath

$emulator = $null
$session = $null
try {
    $emulator = Start-SyncedEmulator -EmulatorDll $EmulatorDll -Cassandra -Elasticsearch -CassandraPort $CassandraPort -ElasticsearchPort $ElasticsearchPort
    if (-not $Empty) {
        $session = Connect-SandboxCassandra $emulator
        $ids = Add-SandboxDemoData -Emulator $emulator -Side Cassandra -Session $session
        $null = Add-SandboxDemoData -Emulator $emulator -Side Elasticsearch -Ids $ids
        $session.Dispose()
        $session = $null
    }

    $es = $emulator.ElasticsearchUri.GetLeftPart([UriPartial]::Authority)
    $connection = "-CassandraHost $($emulator.CassandraHost) -CassandraPort $($emulator.CassandraPort) -ElasticsearchUri $es -StatePath '$StatePath'"
    # Plain text (no colours): these lines are meant to be copied, also from a redirected log.
    Write-Host ''
    Write-Host 'Synced sandbox'
    Write-Host "  Cassandra      $($emulator.CassandraHost):$($emulator.CassandraPort)$(if (-not $Empty) { '   keyspace demo: tables users, orders' })"
    Write-Host "  Elasticsearch  $es$(if (-not $Empty) { '   index demo: alias over demo-users, demo-orders' })"
    Write-Host "  State          $StatePath"
    Write-Host ''
    Write-Host 'In another pwsh:'
    Write-Host "  Import-Module $manifest"
    if ($Empty) {
        Write-Host "  Test-SyncedConnection $connection"
        Write-Host "  Invoke-SyncedRun -Keyspace <keyspace> -Index <index> $connection"
    }
    else {
        Write-Host "  Invoke-SyncedRun -Keyspace demo -Index demo $connection -WhatIf"
        Write-Host "  Invoke-SyncedRun -Keyspace demo -Index demo $connection"
    }
    Write-Host ''
    Write-Host "Running until Ctrl+C (or: kill $PID)."
    [Console]::Out.Flush()

    while (-not $emulator.Process.HasExited) { Start-Sleep -Milliseconds 500 }
    throw "The emulators stopped on their own (exit code $($emulator.Process.ExitCode)); see their messages above."
}
finally {
    if ($session) { $session.Dispose() }
    if ($emulator) {
        Stop-SyncedEmulator $emulator
        Write-Host 'Sandbox stopped.'
    }
    if ($ownState) { Remove-Item -Recurse -Force $StatePath -ErrorAction SilentlyContinue }
}
