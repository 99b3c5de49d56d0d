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
