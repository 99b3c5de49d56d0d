<#
.SYNOPSIS
    Builds, tests, packages and demonstrates Synced.
.DESCRIPTION
    Tasks:
      Bootstrap  what a fresh machine lacks: Pester 5.7.1 (NuGet), the Python clients for the conformance checks, promtool
      Build      the solution (Release) and the module folder out/Synced
      Test       Bootstrap + Build + xUnit + Pester + conformance; ends with "N passed, N failed, N skipped"
      Package    Test-ModuleManifest, then the .nupkg a PowerShell Gallery publish would upload (out/repository)
      Demo       a sync on the built-in sandbox of emulators
      Bench      the benchmarks
.EXAMPLE
    dotnet tool restore && dotnet pwsh ./build.ps1 Test
#>
[CmdletBinding()]
param(
    [Parameter(Position = 0)]
    [ValidateSet('Bootstrap', 'Build', 'Test', 'Package', 'Demo', 'Bench')]
    [string] $Task = 'Build',

    [ValidateSet('Release', 'Debug')]
    [string] $Configuration = 'Release'
)

$ErrorActionPreference = 'Stop'
Set-StrictMode -Version Latest
$Root = $PSScriptRoot
$Out = Join-Path $Root 'out'
$ModuleOut = Join-Path $Out 'Synced'
$Packages = Join-Path $Out 'packages'
$PesterVersion = '5.7.1'
$PesterManifest = Join-Path $Packages "pester/$PesterVersion/tools/Pester.psd1"
$SystemPython = '/usr/bin/python3'
$PythonModules = @{ cassandra = 'python3-cassandra'; elasticsearch = 'python3-elasticsearch' }
$EmulatorDll = Join-Path $Root "tests/Synced.Emulators/bin/$Configuration/net10.0/Synced.Emulators.dll"

Import-Module (Join-Path $Root 'build/Emulators.psm1') -Force

function Write-Step([string] $Message) { Write-Host "==> $Message" -ForegroundColor Cyan }

function Invoke-Native {
    # Runs a program, streaming its output; throws with the command line when it fails.
    param([string] $FilePath, [string[]] $Arguments, [switch] $Quiet)
    if ($Quiet) { $output = & $FilePath @Arguments 2>&1 } else { & $FilePath @Arguments | Out-Host }
    if ($LASTEXITCODE -ne 0) {
        if ($Quiet) { $output | Out-Host }
        throw "'$FilePath $($Arguments -join ' ')' failed with exit code $LASTEXITCODE"
    }
}

function Invoke-ChildPwsh {
    # A fresh pwsh (the local dotnet tool) for work that must not share this session: module import, Pester.
    param([string[]] $Arguments)
    Push-Location $Root
    try { & dotnet pwsh -NoProfile -NonInteractive @Arguments | Out-Host; return $LASTEXITCODE }
    finally { Pop-Location }
}

function Invoke-Bootstrap {
    if (-not (Test-Path $PesterManifest)) {
        Write-Step "Pester $PesterVersion from NuGet"
        Invoke-Native dotnet @('restore', (Join-Path $Root 'build/Bootstrap/Bootstrap.csproj'), '--packages', $Packages, '-v', 'quiet') -Quiet
        if (-not (Test-Path $PesterManifest)) { throw "Pester $PesterVersion was restored but $PesterManifest is missing" }
    }

    $missing = @(Get-MissingPythonModules)
    # promtool (Debian package prometheus) checks the metrics files in the tests.
    if (-not (Get-Command promtool -CommandType Application -ErrorAction SilentlyContinue)) { $missing += 'prometheus' }
    if ($missing.Count -gt 0) {
        $aptGet = Get-Command apt-get -ErrorAction SilentlyContinue
        if (-not $aptGet) {
            Write-Warning "The tests need the Debian packages $($missing -join ', ') (Python clients for the conformance checks, promtool for the metrics), and apt-get is not available here to install them."
            return
        }
        Write-Step "Debian packages for the tests: $($missing -join ', ')"
        $sudo = if ((& id -u) -ne '0') { @('sudo', '-n') } else { @() }
        $env:DEBIAN_FRONTEND = 'noninteractive'
        $update = $sudo + @('apt-get', 'update', '-qq')
        $install = $sudo + @('apt-get', 'install', '-y', '-qq', '--no-install-recommends') + $missing
        Invoke-Native $update[0] @($update | Select-Object -Skip 1) -Quiet
        Invoke-Native $install[0] @($install | Select-Object -Skip 1) -Quiet
        $still = @(Get-MissingPythonModules)
        if ($still.Count -gt 0) { throw "Installed $($missing -join ', ') but $SystemPython still cannot import them" }
        if (-not (Get-Command promtool -CommandType Application -ErrorAction SilentlyContinue)) { throw 'Installed prometheus but promtool is still not on the PATH' }
    }
}

function Get-MissingPythonModules {
    if (-not (Test-Path $SystemPython)) { return $PythonModules.Values | Sort-Object }
    foreach ($module in $PythonModules.Keys | Sort-Object) {
        & $SystemPython -c "import $module" 2>$null
        if ($LASTEXITCODE -ne 0) { $PythonModules[$module] }
    }
}

function Invoke-Build {
    Write-Step "dotnet build ($Configuration)"
    Invoke-Native dotnet @('build', (Join-Path $Root 'Synced.PowerShell.sln'), '-c', $Configuration, '-nologo', '-v', 'quiet', '-clp:ErrorsOnly')

    Write-Step 'Module folder out/Synced'
    $publish = Join-Path $Out 'publish'
    if (Test-Path $publish) { Remove-Item -Recurse -Force $publish }
    Invoke-Native dotnet @('publish', (Join-Path $Root 'src/Synced.PowerShell/Synced.PowerShell.csproj'), '-c', $Configuration, '-o', $publish, '-nologo', '-v', 'quiet', '-clp:ErrorsOnly')

    if (Test-Path $ModuleOut) { Remove-Item -Recurse -Force $ModuleOut }
    $dependencies = Join-Path $ModuleOut 'dependencies'
    $desktop = Join-Path $dependencies 'desktop'
    $null = New-Item -ItemType Directory -Force -Path $ModuleOut, $dependencies, $desktop, (Join-Path $ModuleOut 'en-US')
    Copy-Item (Join-Path $Root 'module/Synced.psd1'), (Join-Path $Root 'module/Synced.format.ps1xml') $ModuleOut
    Copy-Item (Join-Path $Root 'module/en-US/*') (Join-Path $ModuleOut 'en-US')
    Copy-Item (Join-Path $Root 'LICENSE') $ModuleOut
    # The module's own assemblies sit in its root: PowerShell reads the cmdlets' parameter types (from
    # Synced.Core) while importing, before any hook of ours could run.
    $own = @('Synced.PowerShell.dll', 'Synced.Core.dll', 'Synced.Cql.dll')
    foreach ($dll in $own) { Copy-Item (Join-Path $publish $dll) $ModuleOut }

    # Third-party dependencies go into dependencies/, which only the module's resolve hook reads. Assemblies
    # pwsh itself ships (System.Text.Json, System.Memory, ...) are needed only by Windows PowerShell 5.1: they
    # go into dependencies/desktop, which pwsh 7 never needs because its own copies win.
    $runtime = [System.Runtime.InteropServices.RuntimeEnvironment]::GetRuntimeDirectory()
    $provided = @(Get-ChildItem $PSHOME, $runtime -Filter '*.dll' | ForEach-Object Name)
    foreach ($dll in Get-ChildItem $publish -Filter '*.dll' | Where-Object Name -notin $own) {
        if ($dll.Name -eq 'System.Management.Automation.dll') { continue }
        $target = if ($provided -contains $dll.Name) { $desktop } else { $dependencies }
        Copy-Item $dll.FullName $target
    }

    Write-Step 'Help (MAML) from module/help'
    $code = Invoke-ChildPwsh @('-File', (Join-Path $Root 'build/New-SyncedHelp.ps1'), '-ModuleDirectory', $ModuleOut,
        '-HelpSource', (Join-Path $Root 'module/help'), '-OutFile', (Join-Path $ModuleOut 'en-US/Synced.PowerShell.dll-Help.xml'))
    if ($code -ne 0) { throw 'Writing the help failed (see above).' }
}

function Read-TrxCounts([string] $Directory) {
    $counts = @{ Passed = 0; Failed = 0; Skipped = 0 }
    foreach ($file in Get-ChildItem $Directory -Filter '*.trx' -ErrorAction SilentlyContinue) {
        [xml] $trx = Get-Content -Raw $file.FullName
        foreach ($result in $trx.SelectNodes("//*[local-name()='UnitTestResult']")) {
            switch ($result.outcome) {
                'Passed' { $counts.Passed++ }
                'NotExecuted' { $counts.Skipped++ }
                default { $counts.Failed++ }
            }
        }
    }
    return $counts
}

function Invoke-XUnit {
    Write-Step 'xUnit'
    $results = Join-Path $Out 'test-results/xunit'
    if (Test-Path $results) { Remove-Item -Recurse -Force $results }
    $code = 0
    foreach ($project in Get-ChildItem (Join-Path $Root 'tests') -Filter '*.Tests.csproj' -Recurse) {
        & dotnet test $project.FullName -c $Configuration --no-build --nologo --filter 'Category!=Benchmark' `
            --logger "trx;LogFileName=$($project.BaseName).trx" --logger 'console;verbosity=minimal' --results-directory $results | Out-Host
        if ($LASTEXITCODE -ne 0) { $code = $LASTEXITCODE }
    }
    $counts = Read-TrxCounts $results
    if ($code -ne 0 -and $counts.Failed -eq 0) { $counts.Failed = 1; Write-Warning 'dotnet test failed without a failed test (see above).' }
    return $counts
}

function Invoke-PesterSuite {
    Write-Step 'Pester'
    $resultFile = Join-Path $Out 'test-results/pester.json'
    $null = New-Item -ItemType Directory -Force -Path (Split-Path $resultFile)
    if (Test-Path $resultFile) { Remove-Item $resultFile }
    $code = Invoke-ChildPwsh @('-File', (Join-Path $Root 'build/Invoke-PesterSuite.ps1'), '-PesterManifest', $PesterManifest,
        '-TestPath', (Join-Path $Root 'tests/Synced.PowerShell.Tests'), '-ModuleDirectory', $ModuleOut, '-ResultFile', $resultFile, '-EmulatorDll', $EmulatorDll)
    if (-not (Test-Path $resultFile)) {
        Write-Warning "Pester did not report its results (exit code $code)."
        return @{ Passed = 0; Failed = 1; Skipped = 0 }
    }
    $result = Get-Content -Raw $resultFile | ConvertFrom-Json
    return @{ Passed = [int]$result.Passed; Failed = [int]$result.Failed; Skipped = [int]$result.Skipped }
}

function Invoke-Conformance {
    $counts = @{ Passed = 0; Failed = 0; Skipped = 0 }
    $scripts = @(Get-ChildItem (Join-Path $Root 'tests/conformance') -Filter '*_conformance.py' -ErrorAction SilentlyContinue)
    if ($scripts.Count -eq 0) { return $counts }
    $missing = @(Get-MissingPythonModules)
    if ($missing.Count -gt 0) {
        Write-Warning "Conformance checks cannot run: $SystemPython lacks $($missing -join ', ') (Bootstrap installs them with apt-get)."
        $counts.Failed = $scripts.Count
        return $counts
    }
    foreach ($script in $scripts) {
        Write-Step "Conformance: $($script.Name) with the real third-party client"
        $emulators = $null
        try {
            $isCassandra = $script.Name -like 'cassandra*'
            $emulators = Start-SyncedEmulator -EmulatorDll $EmulatorDll -Cassandra:$isCassandra -Elasticsearch:(-not $isCassandra)
            $hostName, $port = if ($isCassandra) { $emulators.CassandraHost, $emulators.CassandraPort } else { $emulators.ElasticsearchUri.Host, $emulators.ElasticsearchUri.Port }
            $arguments = @($script.FullName, '--host', $hostName, '--port', $port)
            if ($isCassandra) { $arguments += @('--emulator-dll', $EmulatorDll) }
            $output = & $SystemPython @arguments 2>&1 | ForEach-Object { "$_" }
            $exit = $LASTEXITCODE
            $output | Out-Host
            $ran = $output | Select-String -Pattern '^Ran (\d+) tests?' | Select-Object -Last 1
            if (-not $ran) {
                Write-Warning "$($script.Name) did not report a test count (exit code $exit)."
                $counts.Failed++
                continue
            }
            $total = [int]$ran.Matches[0].Groups[1].Value
            $summary = ($output | Select-String -Pattern '^(OK|FAILED)' | Select-Object -Last 1).Line
            $failures = 0; $errors = 0; $skipped = 0
            if ($summary -match 'failures=(\d+)') { $failures = [int]$Matches[1] }
            if ($summary -match 'errors=(\d+)') { $errors = [int]$Matches[1] }
            if ($summary -match 'skipped=(\d+)') { $skipped = [int]$Matches[1] }
            if ($summary -match 'unexpected successes=(\d+)') { $failures += [int]$Matches[1] }
            $counts.Failed += $failures + $errors
            $counts.Skipped += $skipped
            $counts.Passed += $total - $failures - $errors - $skipped
            if ($exit -ne 0 -and ($failures + $errors) -eq 0) { $counts.Failed++; Write-Warning "$($script.Name) exited with $exit." }
        }
        catch {
            Write-Warning "$($script.Name): $_"
            $counts.Failed++
        }
        finally {
            Stop-SyncedEmulator $emulators
        }
    }
    return $counts
}

function Invoke-Test {
    Invoke-Bootstrap
    Invoke-Build
    $suites = [ordered]@{}
    $suites['xUnit'] = Invoke-XUnit
    $suites['Pester'] = Invoke-PesterSuite
    $suites['Conformance'] = Invoke-Conformance

    $passed = 0; $failed = 0; $skipped = 0
    foreach ($name in $suites.Keys) {
        $s = $suites[$name]
        Write-Host ('{0,-12} {1} passed, {2} failed, {3} skipped' -f $name, $s.Passed, $s.Failed, $s.Skipped)
        $passed += $s.Passed; $failed += $s.Failed; $skipped += $s.Skipped
    }
    Write-Host "$passed passed, $failed failed, $skipped skipped"
    if ($failed -gt 0 -or $passed -eq 0) { exit 1 }
}

function Invoke-Package {
    Invoke-Build
    Write-Step 'Test-ModuleManifest'
    $manifest = Test-ModuleManifest (Join-Path $ModuleOut 'Synced.psd1')
    Write-Host "Synced $($manifest.Version): $(@($manifest.ExportedCmdlets.Keys) -join ', ')"

    Write-Step 'Publish to a local repository (what the PowerShell Gallery would receive)'
    $repository = Join-Path $Out 'repository'
    if (Test-Path $repository) { Remove-Item -Recurse -Force $repository }
    $null = New-Item -ItemType Directory -Force -Path $repository
    $name = 'SyncedLocal'
    Import-Module Microsoft.PowerShell.PSResourceGet -ErrorAction Stop
    if (Get-PSResourceRepository -Name $name -ErrorAction SilentlyContinue) { Unregister-PSResourceRepository -Name $name }
    Register-PSResourceRepository -Name $name -Uri $repository -Trusted
    try {
        Publish-PSResource -Path $ModuleOut -Repository $name -SkipDependenciesCheck
    }
    finally {
        Unregister-PSResourceRepository -Name $name
    }
    $package = Get-ChildItem $repository -Filter '*.nupkg' | Select-Object -First 1
    if (-not $package) { throw "Publishing produced no .nupkg in $repository" }
    Write-Host "Package: $($package.FullName)"
}

function Invoke-Bench {
    # Speed and memory targets are measured here, not in timed unit tests. Each benchmark prints its figures.
    Invoke-Build
    foreach ($project in Get-ChildItem (Join-Path $Root 'bench') -Filter '*.csproj' -Recurse | Sort-Object Name) {
        Write-Step "Benchmark: $($project.BaseName)"
        Invoke-Native dotnet @('run', '--project', $project.FullName, '-c', $Configuration, '--')
    }
    Write-Step 'Benchmark: Elasticsearch store upsert throughput (xUnit, Category=Benchmark)'
    Invoke-Native dotnet @('test', (Join-Path $Root 'tests/Synced.Core.Tests/Synced.Core.Tests.csproj'), '-c', $Configuration, '--no-build', '--nologo',
        '--filter', 'Category=Benchmark', '--logger', 'console;verbosity=detailed')
}

switch ($Task) {
    'Bootstrap' { Invoke-Bootstrap }
    'Build' { Invoke-Build }
    'Test' { Invoke-Test }
    'Package' { Invoke-Package }
    'Demo' {
        Invoke-Build
        Write-Step 'Demo: a sync on the sandbox of emulators'
        $code = Invoke-ChildPwsh @('-File', (Join-Path $Root 'build/Demo.ps1'), '-ModuleDirectory', $ModuleOut, '-EmulatorDll', $EmulatorDll)
        if ($code -ne 0) { exit $code }
    }
    'Bench' { Invoke-Bench }
}
