<#
    Starts and stops the emulator executable (tests/Synced.Emulators) for build.ps1 (Test, Demo, Sandbox), the
    Pester suite and hand testing: loopback ports (free ones unless given), endpoints read from its "ready ..."
    line. The emulator runs with --exit-on-stdin-close and its stdin is a pipe from this process, so it stops
    when Stop-SyncedEmulator closes that pipe, and also when this process ends in any way (even killed).
#>

function Start-SyncedEmulator {
    <#
    .SYNOPSIS
        Starts the Cassandra and/or Elasticsearch emulator; returns Process, CassandraHost, CassandraPort and
        ElasticsearchUri.
    .EXAMPLE
        Import-Module ./build/Emulators.psm1
        $emulator = Start-SyncedEmulator -EmulatorDll ./tests/Synced.Emulators/bin/Release/net10.0/Synced.Emulators.dll -Cassandra -Elasticsearch
        Invoke-SyncedRun -Keyspace demo -Index demo -CassandraHost $emulator.CassandraHost -CassandraPort $emulator.CassandraPort -ElasticsearchUri $emulator.ElasticsearchUri
        Stop-SyncedEmulator $emulator
    #>
    [CmdletBinding()]
    param(
        [Parameter(Mandatory)] [string] $EmulatorDll,
        [switch] $Cassandra,
        [switch] $Elasticsearch,
        # 0 (the default) takes a free port.
        [ValidateRange(0, 65535)] [int] $CassandraPort = 0,
        [ValidateRange(0, 65535)] [int] $ElasticsearchPort = 0,
        [string[]] $ExtraArguments = @()
    )
    if (-not (Test-Path $EmulatorDll)) { throw "The emulator is not built: $EmulatorDll is missing (run ./build.ps1 Build)." }
    $arguments = @('--exit-on-stdin-close')
    if ($Cassandra) { $arguments += @('--cql-port', "$CassandraPort") }
    if ($Elasticsearch) { $arguments += @('--es-port', "$ElasticsearchPort") }
    $arguments += $ExtraArguments

    $info = [System.Diagnostics.ProcessStartInfo]::new('dotnet')
    $info.ArgumentList.Add($EmulatorDll)
    foreach ($a in $arguments) { $info.ArgumentList.Add($a) }
    $info.RedirectStandardInput = $true
    $info.RedirectStandardOutput = $true
    $info.UseShellExecute = $false
    $process = [System.Diagnostics.Process]::Start($info)
    $line = $process.StandardOutput.ReadLineAsync()
    if (-not $line.Wait([TimeSpan]::FromSeconds(60)) -or -not $line.Result -or -not $line.Result.StartsWith('ready ')) {
        if (-not $process.HasExited) { $process.Kill($true) }
        # Its own error (a port in use, ...) went to this console's stderr.
        throw "The emulators did not start (dotnet $EmulatorDll $($arguments -join ' '))."
    }
    $endpoints = @{}
    foreach ($part in $line.Result.Substring(6).Split(' ')) { $key, $value = $part.Split('=', 2); $endpoints[$key] = $value }
    $result = [ordered]@{ Process = $process }
    if ($endpoints['cql']) {
        $cqlHost, $cqlPort = $endpoints['cql'].Split(':')
        $result.CassandraHost = $cqlHost
        $result.CassandraPort = [int]$cqlPort
    }
    if ($endpoints['es']) { $result.ElasticsearchUri = [uri]$endpoints['es'] }
    return [pscustomobject]$result
}

function Stop-SyncedEmulator {
    [CmdletBinding()]
    param([Parameter(ValueFromPipeline)] $Emulator)
    process {
        if (-not $Emulator -or -not $Emulator.Process) { return }
        try { $Emulator.Process.StandardInput.Close() } catch { Write-Verbose "stdin already closed: $_" }
        if (-not $Emulator.Process.WaitForExit(10000)) { $Emulator.Process.Kill($true) }
    }
}


# Seeding helpers shared by the demo and the Pester suite: CQL through the module's own client (Synced.Cql),
# Elasticsearch through its REST API. On pwsh 7 Synced keeps Synced.Cql in a load context of its own, which type
# literals such as [Synced.Cql.CqlSession] do not search: Get-CqlType asks the default context for the assembly by
# name, which Synced's resolve handler answers with the engine's copy.

function Get-CqlType([string] $Name) {
    if (-not (Get-Module Synced)) { throw 'Import the Synced module first: the seeding helpers use its CQL client.' }
    $cql = [System.Runtime.Loader.AssemblyLoadContext]::Default.LoadFromAssemblyName([System.Reflection.AssemblyName]::new('Synced.Cql'))
    $cql.GetType($Name, $true)
}

function New-SandboxTimeUuid {
    # A CQL timeuuid of that instant, for a tmstmp column.
    [CmdletBinding()]
    param([Parameter(Mandatory)] [DateTimeOffset] $When)
    (Get-CqlType 'Synced.Cql.Types.TimeUuid')::Create($When)
}

function Connect-SandboxCassandra {
    [CmdletBinding()]
    param([Parameter(Mandatory)] $Emulator)
    $options = (Get-CqlType 'Synced.Cql.CqlClusterOptions')::new()
    $options.ContactPoints.Add($Emulator.CassandraHost)
    $options.Port = $Emulator.CassandraPort
    return (Get-CqlType 'Synced.Cql.CqlSession')::ConnectAsync($options, [Threading.CancellationToken]::None).GetAwaiter().GetResult()
}

function Invoke-SandboxCql {
    [CmdletBinding()]
    param([Parameter(Mandatory)] $Session, [Parameter(Mandatory)] [string] $Statement, [object[]] $Values = @())
    $null = $Session.ExecuteAsync((Get-CqlType 'Synced.Cql.SimpleStatement')::new($Statement, $Values), [Threading.CancellationToken]::None).GetAwaiter().GetResult()
}

function Get-SandboxRow {
    # Rows of a query as hashtables (column name -> value).
    [CmdletBinding()]
    param([Parameter(Mandatory)] $Session, [Parameter(Mandatory)] [string] $Statement, [object[]] $Values = @())
    $rows = $Session.QueryAsync((Get-CqlType 'Synced.Cql.SimpleStatement')::new($Statement, $Values), [Threading.CancellationToken]::None)
    $enumerator = $rows.GetAsyncEnumerator([Threading.CancellationToken]::None)
    try {
        while ($enumerator.MoveNextAsync().AsTask().GetAwaiter().GetResult()) {
            $row = $enumerator.Current
            $record = @{}
            for ($i = 0; $i -lt $row.ColumnCount; $i++) { $record[$row.Columns[$i].Name] = $row.GetValue($i) }
            $record
        }
    }
    finally { $null = $enumerator.DisposeAsync().AsTask().GetAwaiter().GetResult() }
}

function New-SandboxIndex {
    # An index with the contract's id/tmstmp mapping, under an alias.
    [CmdletBinding()]
    param([Parameter(Mandatory)] [uri] $ElasticsearchUri, [Parameter(Mandatory)] [string] $Index, [string] $Alias, [hashtable] $Properties = @{})
    $properties = @{ id = @{ type = 'keyword' }; tmstmp = @{ type = 'date'; format = 'strict_date_optional_time||epoch_millis' } } + $Properties
    $body = @{ mappings = @{ properties = $properties } }
    if ($Alias) { $body.aliases = @{ $Alias = @{} } }
    $null = Invoke-RestMethod -Method Put -Uri "$($ElasticsearchUri.ToString().TrimEnd('/'))/$Index" -ContentType 'application/json' -Body ($body | ConvertTo-Json -Depth 8)
}

function Add-SandboxDocument {
    [CmdletBinding()]
    param([Parameter(Mandatory)] [uri] $ElasticsearchUri, [Parameter(Mandatory)] [string] $Index, [Parameter(Mandatory)] [guid] $Id,
        [Parameter(Mandatory)] [DateTimeOffset] $Tmstmp, [hashtable] $Fields = @{})
    $doc = @{ id = "$Id"; tmstmp = $Tmstmp.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'") } + $Fields
    $null = Invoke-RestMethod -Method Put -Uri "$($ElasticsearchUri.ToString().TrimEnd('/'))/$Index/_doc/$Id`?refresh=true" -ContentType 'application/json' -Body ($doc | ConvertTo-Json -Depth 8)
}

function Get-SandboxDocument {
    [CmdletBinding()]
    param([Parameter(Mandatory)] [uri] $ElasticsearchUri, [Parameter(Mandatory)] [string] $Index, [Parameter(Mandatory)] [guid] $Id)
    try { (Invoke-RestMethod -Uri "$($ElasticsearchUri.ToString().TrimEnd('/'))/$Index/_doc/$Id")._source }
    catch { if ($_.Exception.Response.StatusCode -eq 404) { $null } else { throw } }
}

function Add-SandboxDemoData {
    <#
    .SYNOPSIS
        The demo's data, shared by build/Demo.ps1 and the Sandbox: keyspace demo (tables users and orders, every
        update a new row) and/or index demo (indices demo-users and demo-orders under the alias demo), some
        entries newer on one side, some on one side only. Returns the ids (ada, bob, eve, book, lamp).
    #>
    [CmdletBinding()]
    param(
        [Parameter(Mandatory)] $Emulator,
        [ValidateSet('Cassandra', 'Elasticsearch')] [string[]] $Side = @('Cassandra', 'Elasticsearch'),
        # A CQL session (Connect-SandboxCassandra) for the Cassandra side.
        $Session,
        [DateTimeOffset] $Now = [DateTimeOffset]::UtcNow,
        # The ids of an earlier call, so both sides speak of the same entries.
        [hashtable] $Ids
    )
    if (-not $Ids) { $Ids = @{ ada = [guid]::NewGuid(); bob = [guid]::NewGuid(); eve = [guid]::NewGuid(); book = [guid]::NewGuid(); lamp = [guid]::NewGuid() } }
    if ($Side -contains 'Cassandra') {
        if (-not $Session) { throw 'Add-SandboxDemoData -Side Cassandra needs -Session (Connect-SandboxCassandra).' }
        Invoke-SandboxCql $Session "CREATE KEYSPACE demo WITH replication = {'class': 'SimpleStrategy', 'replication_factor': 1}"
        Invoke-SandboxCql $Session 'CREATE TABLE demo.users (id uuid, tmstmp timeuuid, name text, email text, PRIMARY KEY (id, tmstmp)) WITH CLUSTERING ORDER BY (tmstmp DESC)'
        Invoke-SandboxCql $Session 'CREATE TABLE demo.orders (id uuid, tmstmp timeuuid, item text, quantity int, PRIMARY KEY (id, tmstmp)) WITH CLUSTERING ORDER BY (tmstmp DESC)'
        $users = @(
            @{ Id = $Ids.ada; HoursAgo = 5; Name = 'Ada'; Email = 'ada@old.example' }
            @{ Id = $Ids.ada; HoursAgo = 4; Name = 'Ada Lovelace'; Email = 'ada@old.example' }
            @{ Id = $Ids.bob; HoursAgo = 3; Name = 'Bob'; Email = 'bob@example.com' }
            @{ Id = $Ids.bob; HoursAgo = 2; Name = 'Bob Builder'; Email = 'bob@example.com' }
        )
        foreach ($u in $users) {
            Invoke-SandboxCql $Session 'INSERT INTO demo.users (id, tmstmp, name, email) VALUES (?, ?, ?, ?)' @($u.Id, (New-SandboxTimeUuid $Now.AddHours(-$u.HoursAgo)), $u.Name, $u.Email)
        }
        Invoke-SandboxCql $Session 'INSERT INTO demo.orders (id, tmstmp, item, quantity) VALUES (?, ?, ?, ?)' @($Ids.book, (New-SandboxTimeUuid $Now.AddHours(-3)), 'book', [int]1)
        Invoke-SandboxCql $Session 'INSERT INTO demo.orders (id, tmstmp, item, quantity) VALUES (?, ?, ?, ?)' @($Ids.lamp, (New-SandboxTimeUuid $Now.AddHours(-6)), 'lamp', [int]1)
    }
    if ($Side -contains 'Elasticsearch') {
        $es = $Emulator.ElasticsearchUri
        foreach ($table in 'users', 'orders') { New-SandboxIndex -ElasticsearchUri $es -Index "demo-$table" -Alias demo }
        Add-SandboxDocument -ElasticsearchUri $es -Index demo-users -Id $Ids.ada -Tmstmp $Now.AddHours(-1) -Fields @{ name = 'Ada King, Countess of Lovelace'; email = 'ada@new.example' }
        Add-SandboxDocument -ElasticsearchUri $es -Index demo-users -Id $Ids.eve -Tmstmp $Now.AddHours(-2) -Fields @{ name = 'Eve'; email = 'eve@example.com' }
        Add-SandboxDocument -ElasticsearchUri $es -Index demo-orders -Id $Ids.lamp -Tmstmp $Now.AddHours(-1) -Fields @{ item = 'lamp'; quantity = 3 }
    }
    return $Ids
}

Export-ModuleMember -Function Start-SyncedEmulator, Stop-SyncedEmulator, Connect-SandboxCassandra, Invoke-SandboxCql, New-SandboxTimeUuid, Get-SandboxRow, New-SandboxIndex, Add-SandboxDocument, Get-SandboxDocument, Add-SandboxDemoData
