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

function Invoke-Cql($Session, [string] $Statement, [object[]] $Values = @()) {
    $null = $Session.ExecuteAsync([Synced.Cql.SimpleStatement]::new($Statement, $Values), [Threading.CancellationToken]::None).GetAwaiter().GetResult()
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
    $options = [Synced.Cql.CqlClusterOptions]::new()
    $options.ContactPoints.Add($emulator.CassandraHost)
    $options.Port = $emulator.CassandraPort
    $session = [Synced.Cql.CqlSession]::ConnectAsync($options, [Threading.CancellationToken]::None).GetAwaiter().GetResult()
    Invoke-Cql $session "CREATE KEYSPACE demo WITH replication = {'class': 'SimpleStrategy', 'replication_factor': 1}"
    Invoke-Cql $session 'CREATE TABLE demo.users (id uuid, tmstmp timeuuid, name text, email text, PRIMARY KEY (id, tmstmp)) WITH CLUSTERING ORDER BY (tmstmp DESC)'
    Invoke-Cql $session 'CREATE TABLE demo.orders (id uuid, tmstmp timeuuid, item text, quantity int, PRIMARY KEY (id, tmstmp)) WITH CLUSTERING ORDER BY (tmstmp DESC)'
    $rows = @(
        @('users', $ids.ada, 5, 'Ada', 'ada@old.example')
        @('users', $ids.ada, 4, 'Ada Lovelace', 'ada@old.example')
        @('users', $ids.bob, 3, 'Bob', 'bob@example.com')
        @('users', $ids.bob, 2, 'Bob Builder', 'bob@example.com')
    )
    foreach ($r in $rows) {
        Invoke-Cql $session 'INSERT INTO demo.users (id, tmstmp, name, email) VALUES (?, ?, ?, ?)' @($r[1], [Synced.Cql.Types.TimeUuid]::Create((At $r[2])), $r[3], $r[4])
    }
    Invoke-Cql $session 'INSERT INTO demo.orders (id, tmstmp, item, quantity) VALUES (?, ?, ?, ?)' @($ids.book, [Synced.Cql.Types.TimeUuid]::Create((At 3)), 'book', [int]1)
    Invoke-Cql $session 'INSERT INTO demo.orders (id, tmstmp, item, quantity) VALUES (?, ?, ?, ?)' @($ids.lamp, [Synced.Cql.Types.TimeUuid]::Create((At 6)), 'lamp', [int]1)
    Write-Host 'users:  Ada (2 versions), Bob (2 versions)'
    Write-Host 'orders: book, lamp'

    Step 'Elasticsearch: index demo' 'Indices demo-users and demo-orders under the alias demo; Ada was edited in Elasticsearch after Cassandra, Eve exists only here, and the lamp order changed here.'
    $es = $emulator.ElasticsearchUri.ToString().TrimEnd('/')
    $mapping = @{ properties = @{ id = @{ type = 'keyword' }; tmstmp = @{ type = 'date'; format = 'strict_date_optional_time||epoch_millis' } } }
    foreach ($table in 'users', 'orders') {
        $body = @{ mappings = $mapping; aliases = @{ demo = @{} } } | ConvertTo-Json -Depth 6
        $null = Invoke-RestMethod -Method Put -Uri "$es/demo-$table" -ContentType 'application/json' -Body $body
    }
    function Put-Doc([string] $Table, [guid] $Id, [double] $HoursAgo, [hashtable] $Fields) {
        $doc = @{ id = "$Id"; tmstmp = (At $HoursAgo).ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'") } + $Fields
        $null = Invoke-RestMethod -Method Put -Uri "$es/demo-$Table/_doc/$Id`?refresh=true" -ContentType 'application/json' -Body ($doc | ConvertTo-Json)
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
        $row = $session.QueryAsync([Synced.Cql.SimpleStatement]::new('SELECT name FROM demo.users WHERE id = ? LIMIT 1', @($ids[$name])), [Threading.CancellationToken]::None)
        $enumerator = $row.GetAsyncEnumerator([Threading.CancellationToken]::None)
        $cassandraName = if ($enumerator.MoveNextAsync().AsTask().GetAwaiter().GetResult()) { $enumerator.Current.GetString('name') } else { '(none)' }
        $null = $enumerator.DisposeAsync().AsTask()
        $doc = Invoke-RestMethod -Uri "$es/demo-users/_doc/$($ids[$name])"
        Write-Host ('{0,-4} Cassandra: {1,-32} Elasticsearch: {2}' -f $name, $cassandraName, $doc._source.name)
    }

    Step 'Second run' 'Starts at the checkpoint minus the 5 s overlap: nothing changed since, so nothing is written.'
    Invoke-SyncedRun -Keyspace demo -Index demo @connection | Out-Host

    Step 'The checkpoint' "One per configuration, in $state"
    Get-SyncedCheckpoint -StatePath $state | Format-List Name, Keyspace, Index, Direction, End, LastRun | Out-Host

    Step 'Done' 'Next: Get-Help Invoke-SyncedRun -Full, Get-Help about_Synced.'
}
finally {
    if ($session) { $session.Dispose() }
    Stop-SyncedEmulator $emulator
    Remove-Item -Recurse -Force $state -ErrorAction SilentlyContinue
}
