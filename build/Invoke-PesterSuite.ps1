<#
.SYNOPSIS
    Runs the Pester suite against the built module in a fresh process and writes its counts as JSON.
#>
[CmdletBinding()]
param(
    [Parameter(Mandatory)] [string] $PesterManifest,
    [Parameter(Mandatory)] [string] $TestPath,
    [Parameter(Mandatory)] [string] $ModuleDirectory,
    [Parameter(Mandatory)] [string] $ResultFile,
    [Parameter(Mandatory)] [string] $EmulatorDll,
    # Only the tests whose full name (Describe/Context/It path) matches this wildcard pattern.
    [string] $FullName,
    # Only the tests with this tag.
    [string] $Tag
)
$ErrorActionPreference = 'Stop'
Import-Module $PesterManifest -Force
# The tests import the module from here, so they always test the built module folder.
$env:SYNCED_TEST_MODULE = Join-Path $ModuleDirectory 'Synced.psd1'
$env:SYNCED_TEST_EMULATOR_DLL = $EmulatorDll
$configuration = New-PesterConfiguration
$configuration.Run.Path = $TestPath
$configuration.Run.PassThru = $true
if ($FullName) { $configuration.Filter.FullName = $FullName }
if ($Tag) { $configuration.Filter.Tag = $Tag }
$configuration.Output.Verbosity = 'Normal'
$result = Invoke-Pester -Configuration $configuration
$counts = @{
    Passed  = $result.PassedCount
    Failed  = $result.FailedCount + $result.FailedBlocksCount + $result.FailedContainersCount
    # Without a filter, a test that did not run was skipped; with one, NotRun counts the tests filtered out.
    Skipped = $result.SkippedCount + $(if ($FullName -or $Tag) { 0 } else { $result.NotRunCount })
}
$counts | ConvertTo-Json | Set-Content -Path $ResultFile -Encoding utf8
exit ([int]($counts.Failed -gt 0))
