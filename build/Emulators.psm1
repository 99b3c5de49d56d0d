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
        if (-not $Emulator) { return }
        try { $Emulator.Process.StandardInput.Close() } catch { Write-Verbose "stdin already closed: $_" }
        if (-not $Emulator.Process.WaitForExit(10000)) { $Emulator.Process.Kill($true) }
    }
}

Export-ModuleMember -Function Start-SyncedEmulator, Stop-SyncedEmulator
