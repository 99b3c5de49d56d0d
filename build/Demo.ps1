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
    $ids = @{ ada = [guid]::NewGuid(); bob = [guid]::NewGuid(); eve = [guid]::NewGuid(); book = [guid]::NewGuid(); lamp = [guid]::NewGuid() }
    function At([double] $hoursAgo) { $now.AddHours(-$hoursAgo) }

    Step 'Cassandra: keyspace demo' 'Tables users and orders; every update is a new row (id, tmstmp), the newest row is the current version.'
    $session = Connect-SandboxCassandra $emulator
    Invoke-SandboxCql $session "CREATE KEYSPACE demo WITH replication = {'class': 'SimpleStrategy', 'replication_factor': 1}"
    Invoke-SandboxCql $session 'CREATE TABLE demo.users (id uuid, tmstmp timeuuid, name text, email text, PRIMARY KEY (id, tmstmp)) WITH CLUSTERING ORDER BY (tmstmp DESC)'
    Invoke-SandboxCql $session 'CREATE TABLE demo.orders (id uuid, tmstmp timeuuid, item text, quantity int, PRIMARY KEY (id, tmstmp)) WITH CLUSTERING ORDER BY (tmstmp DESC)'
    $users = @(
        @{ Id = $ids.ada; HoursAgo = 5; Name = 'Ada'; Email = 'ada@old.example' }
        @{ Id = $ids.ada; HoursAgo = 4; Name = 'Ada Lovelace'; Email = 'ada@old.example' }
        @{ Id = $ids.bob; HoursAgo = 3; Name = 'Bob'; Email = 'bob@example.com' }
        @{ Id = $ids.bob; HoursAgo = 2; Name = 'Bob Builder'; Email = 'bob@example.com' }
    )
    foreach ($u in $users) {
        Invoke-SandboxCql $session 'INSERT INTO demo.users (id, tmstmp, name, email) VALUES (?, ?, ?, ?)' @($u.Id, [Synced.Cql.Types.TimeUuid]::Create((At $u.HoursAgo)), $u.Name, $u.Email)
    }
    Invoke-SandboxCql $session 'INSERT INTO demo.orders (id, tmstmp, item, quantity) VALUES (?, ?, ?, ?)' @($ids.book, [Synced.Cql.Types.TimeUuid]::Create((At 3)), 'book', [int]1)
    Invoke-SandboxCql $session 'INSERT INTO demo.orders (id, tmstmp, item, quantity) VALUES (?, ?, ?, ?)' @($ids.lamp, [Synced.Cql.Types.TimeUuid]::Create((At 6)), 'lamp', [int]1)
    Write-Host 'users:  Ada (2 versions), Bob (2 versions)'
    Write-Host 'orders: book, lamp'

    Step 'Elasticsearch: index demo' 'Indices demo-users and demo-orders under the alias demo; Ada was edited in Elasticsearch after Cassandra, Eve exists only here, and the lamp order changed here.'
    $es = $emulator.ElasticsearchUri
    foreach ($table in 'users', 'orders') { New-SandboxIndex -ElasticsearchUri $es -Index "demo-$table" -Alias demo }
    function Put-Doc([string] $Table, [guid] $Id, [double] $HoursAgo, [hashtable] $Fields) {
        Add-SandboxDocument -ElasticsearchUri $es -Index "demo-$Table" -Id $Id -Tmstmp (At $HoursAgo) -Fields $Fields
    }
    Put-Doc users $ids.ada 1 @{ name = 'Ada King, Countess of Lovelace'; email = 'ada@new.example' }
    Put-Doc users $ids.eve 2 @{ name = 'Eve'; email = 'eve@example.com' }
    Put-Doc orders $ids.lamp 1 @{ item = 'lamp'; quantity = 3 }
    Write-Host 'users:  Ada (newer than Cassandra''s), Eve (only here)'
    Write-Host 'orders: lamp (quantity changed, newer than Cassandra''s)'

    Step 'What would a run do? (-WhatIf)' 'Scans and compares both ways, writes nothing.'
    Invoke-SyncedRun -Keyspace demo -Index demo @connection -WhatIf | Out-Host

    Step 'First run' 'Cassandra -> Elasticsearch writes Bob and the book order (new there) but not Ada: Elasticsearch holds a newer Ada. Elasticsearch -> Cassandra then writes Ada, Eve and the lamp order back.'
    Invoke-SyncedRun -Keyspace demo -Index demo @connection | Out-Host

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
