<#
.SYNOPSIS
    A guided sync on the built-in sandbox: Cassandra and Elasticsearch emulators on free loopback ports.
.DESCRIPTION
    Run by `./build.ps1 Demo` after the build. Starts the emulators, seeds keyspace `demo` (two tables with
    versioned rows) and index `demo` (some documents newer than Cassandra's, some only in Elasticsearch), syncs
    both ways, syncs again to show the incremental run writes nothing new, shows the checkpoint, and stops the
    emulators.
#>
[CmdletBinding()]
param(
    [Parameter(Mandatory)] [string] $ModuleDirectory,
    [Parameter(Mandatory)] [string] $EmulatorDll
)
$ErrorActionPreference = 'Stop'
Import-Module (Join-Path $ModuleDirectory 'Synced.psd1') -Force
Import-Module (Join-Path $PSScriptRoot 'Emulators.psm1') -Force

function Step([string] $Title, [string] $Text) {
    Write-Host ''
    Write-Host "== $Title" -ForegroundColor Cyan
    if ($Text) { Write-Host $Text }
}

$state = Join-Path ([IO.Path]::GetTempPath()) ('synced-demo-' + [guid]::NewGuid().ToString('N'))
$emulator = $null
$session = $null
try {
    Step 'The sandbox' 'Starting a Cassandra node (CQL native protocol v4) and an Elasticsearch node (REST) on free loopback ports.'
    $emulator = Start-SyncedEmulator -EmulatorDll $EmulatorDll -Cassandra -Elasticsearch
    Write-Host "Cassandra:     $($emulator.CassandraHost):$($emulator.CassandraPort)"
    Write-Host "Elasticsearch: $($emulator.ElasticsearchUri)"
    $connection = @{
        CassandraHost    = $emulator.CassandraHost
        CassandraPort    = $emulator.CassandraPort
        ElasticsearchUri = $emulator.ElasticsearchUri
        Consistency      = 'One'
        StatePath        = $state
    }

    $now = [DateTimeOffset]::UtcNow

    Step 'Cassandra: keyspace demo' 'Tables users and orders; every update is a new row (id, tmstmp), the newest row is the current version.'
    $session = Connect-SandboxCassandra $emulator
    $ids = Add-SandboxDemoData -Emulator $emulator -Side Cassandra -Session $session -Now $now
    Write-Host 'users:  Ada (2 versions), Bob (2 versions)'
    Write-Host 'orders: book, lamp'

    Step 'Elasticsearch: index demo' 'Indices demo-users and demo-orders under the alias demo; Ada was edited in Elasticsearch after Cassandra, Eve exists only here, and the lamp order changed here.'
    $es = $emulator.ElasticsearchUri
    $null = Add-SandboxDemoData -Emulator $emulator -Side Elasticsearch -Now $now -Ids $ids
    Write-Host 'users:  Ada (newer than Cassandra''s), Eve (only here)'
    Write-Host 'orders: lamp (quantity changed, newer than Cassandra''s)'

    Step 'What would a run do? (-WhatIf)' 'Scans and compares both ways, writes nothing.'
    Invoke-SyncedRun -Keyspace demo -Index demo @connection -WhatIf | Out-Host

    Step 'First run' 'Cassandra -> Elasticsearch writes Bob and the book order (new there) but not Ada: Elasticsearch holds a newer Ada. Elasticsearch -> Cassandra then writes Ada, Eve and the lamp order back.'
    Invoke-SyncedRun -Keyspace demo -Index demo @connection | Out-Host
    Write-Host 'Why 2 more read and 2 more not newer than the preview: the preview wrote nothing, so both its directions saw the data as seeded; this run''s Elasticsearch -> Cassandra pass also reads back Bob and the book order, which its Cassandra -> Elasticsearch pass had just written, and finds them not newer (equal) than Cassandra''s.'

    Step 'Both sides now agree' 'The newest version of every entry, on each side:'
    foreach ($name in 'ada', 'bob', 'eve') {
        $row = Get-SandboxRow $session 'SELECT name FROM demo.users WHERE id = ? LIMIT 1' @($ids[$name]) | Select-Object -First 1
        $doc = Get-SandboxDocument -ElasticsearchUri $es -Index demo-users -Id $ids[$name]
        Write-Host ('{0,-4} Cassandra: {1,-32} Elasticsearch: {2}' -f $name, $row.name, $doc.name)
    }

    Step 'Second run' 'Each table starts at its watermark minus the 2-minute overlap: nothing changed since, so nothing is written.'
    Invoke-SyncedRun -Keyspace demo -Index demo @connection | Out-Host

    Step 'The checkpoint' "One per configuration, with a watermark per table and direction, in $state"
    $checkpoint = Get-SyncedCheckpoint -StatePath $state
    $checkpoint | Format-List Name, Keyspace, Index, End, LastRun | Out-Host
    $checkpoint.Watermarks | Out-Host

    Step 'Done' 'Next: Get-Help Invoke-SyncedRun -Full, Get-Help about_Synced.'
}
finally {
    if ($session) { $session.Dispose() }
    Stop-SyncedEmulator $emulator
    Remove-Item -Recurse -Force $state -ErrorAction SilentlyContinue
}
