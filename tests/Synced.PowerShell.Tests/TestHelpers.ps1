# Shared by the Pester files: import the built module (build.ps1 sets SYNCED_TEST_MODULE) and make state dirs.
function Import-SyncedTestModule {
    $manifest = $env:SYNCED_TEST_MODULE
    if (-not $manifest) { $manifest = Join-Path $PSScriptRoot '../../out/Synced/Synced.psd1' }
    if (-not (Test-Path $manifest)) { throw "The built module is missing at $manifest; run ./build.ps1 Build first." }
    Import-Module $manifest -Force -ErrorAction Stop
}

function New-TestStatePath {
    $path = Join-Path ([System.IO.Path]::GetTempPath()) ('synced-pester-' + [guid]::NewGuid().ToString('N'))
    $null = New-Item -ItemType Directory -Path $path
    return $path
}

function Import-SandboxModule {
    Import-Module (Join-Path $PSScriptRoot '../../build/Emulators.psm1') -Force
}

function Get-EmulatorDll {
    $dll = $env:SYNCED_TEST_EMULATOR_DLL
    if (-not $dll) { $dll = Join-Path $PSScriptRoot '../../tests/Synced.Emulators/bin/Release/net10.0/Synced.Emulators.dll' }
    return $dll
}

function New-SyncFixture {
    # A keyspace and an index of their own (users table / index, alias = index name) and a state directory.
    param([Parameter(Mandatory)] $Emulator, [Parameter(Mandatory)] $Session, [hashtable] $ElasticsearchProperties = @{ name = @{ type = 'text' }; age = @{ type = 'long' } })
    $name = 't' + [guid]::NewGuid().ToString('N').Substring(0, 12)
    Invoke-SandboxCql $Session "CREATE KEYSPACE $name WITH replication = {'class': 'SimpleStrategy', 'replication_factor': 1}"
    Invoke-SandboxCql $Session "CREATE TABLE $name.users (id uuid, tmstmp timeuuid, name text, age int, PRIMARY KEY (id, tmstmp)) WITH CLUSTERING ORDER BY (tmstmp DESC)"
    New-SandboxIndex -ElasticsearchUri $Emulator.ElasticsearchUri -Index "$name-users" -Alias $name -Properties $ElasticsearchProperties
    $state = New-TestStatePath
    [pscustomobject]@{
        Name       = $name
        State      = $state
        Connection = @{
            CassandraHost    = $Emulator.CassandraHost
            CassandraPort    = $Emulator.CassandraPort
            ElasticsearchUri = $Emulator.ElasticsearchUri
            Consistency      = 'One'
            StatePath        = $state
        }
    }
}

function Add-CassandraUser {
    param($Session, $Fixture, [guid] $Id, [DateTimeOffset] $When, [string] $Name, [int] $Age = 30, [string] $Table = 'users')
    Invoke-SandboxCql $Session "INSERT INTO $($Fixture.Name).$Table (id, tmstmp, name, age) VALUES (?, ?, ?, ?)" @($Id, (New-SandboxTimeUuid $When), $Name, $Age)
}

function Get-CassandraNewest {
    param($Session, $Fixture, [guid] $Id, [string] $Table = 'users')
    Get-SandboxRow $Session "SELECT id, tmstmp, name, age FROM $($Fixture.Name).$Table WHERE id = ? LIMIT 1" @($Id) | Select-Object -First 1
}

function Set-FixtureCheckpoint {
    # The checkpoint of the fixture's default configuration (same contact points and URIs as its runs).
    param($Fixture, $End)
    $c = $Fixture.Connection
    Set-SyncedCheckpoint -Keyspace $Fixture.Name -Index $Fixture.Name -CassandraHost $c.CassandraHost -CassandraPort $c.CassandraPort `
        -ElasticsearchUri $c.ElasticsearchUri -End $End -StatePath $c.StatePath -PassThru
}

function Get-RealClusters {
    if (-not $env:SYNCED_TEST_CASSANDRA -or -not $env:SYNCED_TEST_ELASTICSEARCH) { return $null }
    $cassandraHost, $port = $env:SYNCED_TEST_CASSANDRA.Split(':')
    [pscustomobject]@{
        Process          = $null
        CassandraHost    = $cassandraHost
        CassandraPort    = if ($port) { [int]$port } else { 9042 }
        ElasticsearchUri = [uri]$env:SYNCED_TEST_ELASTICSEARCH
    }
}

function New-SyncedPowerShell {
    # A PowerShell whose runspace imports the module when it opens: one command then runs alone, never as a batch of
    # statements (stopping a batch and disposing it can let a queued statement touch the closed runspace and crash pwsh).
    $state = [System.Management.Automation.Runspaces.InitialSessionState]::CreateDefault2()
    $state.ImportPSModule(@($env:SYNCED_TEST_MODULE))
    return [powershell]::Create($state)
}

function Assert-StopsPromptlyOnSilentNode {
    # Runs a cluster command against an Elasticsearch node that accepts connections and never answers, so the command
    # hangs until it is stopped, then stops it as Ctrl+C does: it must end within 3 s, in state Stopped.
    param([string]$Command, [string]$Keyspace, [string]$Index, [hashtable]$Connection)
    $blackHole = [System.Net.Sockets.TcpListener]::new([ipaddress]::Loopback, 0)
    $blackHole.Start()
    $ps = New-SyncedPowerShell
    try {
        $null = $ps.AddCommand($Command).AddParameter('Keyspace', $Keyspace).AddParameter('Index', $Index)
        foreach ($key in $Connection.Keys | Where-Object { $_ -ne 'ElasticsearchUri' }) { $null = $ps.AddParameter($key, $Connection[$key]) }
        $null = $ps.AddParameter('ElasticsearchUri', "http://127.0.0.1:$($blackHole.LocalEndpoint.Port)")
        $handle = $ps.BeginInvoke()
        Start-Sleep -Milliseconds 1500
        $handle.IsCompleted | Should -BeFalse -Because "$Command waits on the silent node"

        $clock = [Diagnostics.Stopwatch]::StartNew()
        $ps.Stop()
        $clock.Stop()

        $clock.Elapsed.TotalSeconds | Should -BeLessThan 3
        $ps.InvocationStateInfo.State | Should -Be 'Stopped'
    }
    finally {
        $ps.Dispose()
        $blackHole.Stop()
    }
}
