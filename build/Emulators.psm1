<#
    Starts and stops the emulator executable (tests/Synced.Emulators) for build.ps1, the demo and the Pester
    suite: free loopback ports, endpoints read from its "ready ..." line, stopped by closing its stdin.
#>

function Start-SyncedEmulator {
    [CmdletBinding()]
    param(
        [Parameter(Mandatory)] [string] $EmulatorDll,
        [switch] $Cassandra,
        [switch] $Elasticsearch,
        [string[]] $ExtraArguments = @()
    )
    if (-not (Test-Path $EmulatorDll)) { throw "The emulator is not built: $EmulatorDll is missing (run ./build.ps1 Build)." }
    $arguments = @()
    if ($Cassandra) { $arguments += @('--cql-port', '0') }
    if ($Elasticsearch) { $arguments += @('--es-port', '0') }
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
# Elasticsearch through its REST API.

function Connect-SandboxCassandra {
    [CmdletBinding()]
    param([Parameter(Mandatory)] $Emulator)
    $options = [Synced.Cql.CqlClusterOptions]::new()
    $options.ContactPoints.Add($Emulator.CassandraHost)
    $options.Port = $Emulator.CassandraPort
    return [Synced.Cql.CqlSession]::ConnectAsync($options, [Threading.CancellationToken]::None).GetAwaiter().GetResult()
}

function Invoke-SandboxCql {
    [CmdletBinding()]
    param([Parameter(Mandatory)] $Session, [Parameter(Mandatory)] [string] $Statement, [object[]] $Values = @())
    $null = $Session.ExecuteAsync([Synced.Cql.SimpleStatement]::new($Statement, $Values), [Threading.CancellationToken]::None).GetAwaiter().GetResult()
}

function Get-SandboxRow {
    # Rows of a query as hashtables (column name -> value).
    [CmdletBinding()]
    param([Parameter(Mandatory)] $Session, [Parameter(Mandatory)] [string] $Statement, [object[]] $Values = @())
    $rows = $Session.QueryAsync([Synced.Cql.SimpleStatement]::new($Statement, $Values), [Threading.CancellationToken]::None)
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

Export-ModuleMember -Function Start-SyncedEmulator, Stop-SyncedEmulator, Connect-SandboxCassandra, Invoke-SandboxCql, Get-SandboxRow, New-SandboxIndex, Add-SandboxDocument, Get-SandboxDocument
