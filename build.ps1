<#
.SYNOPSIS
    Builds, tests, packages and demonstrates Synced.
.DESCRIPTION
    Tasks:
      Bootstrap  what a fresh machine lacks: Pester (NuGet), the Python clients for the conformance checks,
                 the Node.js Cassandra driver (npm) for the vector conformance check, promtool
      Build      the solution (Release) and the module folder out/Synced
      Test       Build + the test suites (all, or -Suite), each test or those matching -Filter; bootstraps first
                 only when something the chosen suites need is missing; ends with "N passed, N failed, N skipped"
                 and exits non-zero on any failure
      Package    Test-ModuleManifest, then the .nupkg a PowerShell Gallery publish would upload (out/repository)
      Demo       a sync on the built-in sandbox of emulators
      Bench      the benchmarks
      Sandbox    Build, then both emulators on loopback (-CassandraPort, -ElasticsearchPort, else free ports)
                 seeded with the demo's data; prints the parameters to paste and runs until Ctrl+C, whatever
                 its standard input (also `< /dev/null` and in the background; stop that with kill <PID>)
    Demo and Bench need nothing Bootstrap fetches (only the .NET SDK), so they never bootstrap.
.PARAMETER Suite
    Test: the suites to run, one or several (default: all). Cql and Core are the xUnit projects
    tests/Synced.<Suite>.Tests, PowerShell the Pester suite, Conformance the real third-party clients against
    the emulators.
.PARAMETER CassandraPort
    Sandbox: the Cassandra emulator's port (default 0: a free one). Likewise -ElasticsearchPort.
.PARAMETER StatePath
    Sandbox: the checkpoint directory in the printed command (default: a temporary one, removed on Ctrl+C).
.PARAMETER Empty
    Sandbox: no demo keyspace or index.
.PARAMETER NoBuild
    Sandbox: use what the last Build left in out/Synced and tests/Synced.Emulators/bin.
.PARAMETER Filter
    Test: run only matching tests. xUnit: a `dotnet test --filter` expression (FullyQualifiedName~Tokens,
    Category=Integration, ...); a plain name means FullyQualifiedName~<name>. Pester: a plain name matches the
    test's full name (wildcards allowed, else *<name>*); Tag=<tag> filters by tag. Conformance: a substring
    of the test name (unittest -k).
.EXAMPLE
    dotnet tool restore && dotnet pwsh ./build.ps1 Test
.EXAMPLE
    dotnet pwsh ./build.ps1 Test -Suite Cql -Filter Murmur3
.EXAMPLE
    dotnet pwsh ./build.ps1 Test -Suite PowerShell,Conformance -Filter checkpoint
.EXAMPLE
    dotnet pwsh ./build.ps1 Sandbox -CassandraPort 9042 -ElasticsearchPort 9200
#>
[CmdletBinding()]
param(
    [Parameter(Position = 0)]
    [ValidateSet('Bootstrap', 'Build', 'Test', 'Package', 'Demo', 'Bench', 'Sandbox')]
    [string] $Task = 'Build',

    [ValidateSet('Release', 'Debug')]
    [string] $Configuration = 'Release',

    [ValidateSet('Cql', 'Core', 'PowerShell', 'Conformance')]
    [string[]] $Suite,

    [string] $Filter,

    [ValidateRange(0, 65535)]
    [int] $CassandraPort = 0,

    [ValidateRange(0, 65535)]
    [int] $ElasticsearchPort = 0,

    [string] $StatePath,

    [switch] $Empty,

    [switch] $NoBuild
)

$ErrorActionPreference = 'Stop'
Set-StrictMode -Version Latest
$Root = $PSScriptRoot
$Out = Join-Path $Root 'out'
$ModuleOut = Join-Path $Out 'Synced'
$Packages = Join-Path $Out 'packages'
# One place for every package version: Directory.Packages.props (build/Bootstrap downloads this Pester).
$PesterVersion = ([xml](Get-Content -Raw (Join-Path $Root 'Directory.Packages.props'))).SelectSingleNode('//PesterVersion').InnerText
$PesterManifest = Join-Path $Packages "pester/$PesterVersion/tools/Pester.psd1"
$SystemPython = '/usr/bin/python3'
$PythonModules = @{ cassandra = 'python3-cassandra'; elasticsearch = 'python3-elasticsearch' }
$EmulatorProject = Join-Path $Root 'tests/Synced.Emulators/Synced.Emulators.csproj'
$EmulatorDll = Join-Path $Root "tests/Synced.Emulators/bin/$Configuration/net10.0/Synced.Emulators.dll"
$AllSuites = @('Cql', 'Core', 'PowerShell', 'Conformance')
# The DataStax Node.js driver (4.7+ knows Cassandra 5.0's vector type), installed from npm into out/ by Bootstrap.
$NodeDriverPackage = 'cassandra-driver@4.8.0'
$NodeModules = Join-Path $Out 'node-conformance'
$NodeDriver = Join-Path $NodeModules 'node_modules/cassandra-driver'

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

function Get-MissingPrerequisite {
    # What Bootstrap would fetch for these suites. Fast: a file test and one Python process; no restore.
    param([string[]] $Suites)
    if ($Suites -contains 'PowerShell' -and -not (Test-Path $PesterManifest)) { "Pester $PesterVersion" }
    if ($Suites -contains 'Conformance') {
        Get-MissingPythonModules
        if (-not (Test-Path (Join-Path $NodeDriver 'package.json'))) { $NodeDriverPackage }
    }
}

function Invoke-BootstrapIfNeeded {
    # Test, Demo and Bench call this: Bootstrap runs only when something their suites need is missing.
    param([string[]] $Suites)
    $missing = @(Get-MissingPrerequisite $Suites)
    if ($missing.Count -eq 0) { return }
    Write-Step "Bootstrap: $($missing -join ', ') missing"
    Invoke-Bootstrap -Suites $Suites
}

function Invoke-Bootstrap {
    param([string[]] $Suites = $AllSuites)
    if ($Suites -contains 'PowerShell' -and -not (Test-Path $PesterManifest)) {
        Write-Step "Pester $PesterVersion from NuGet"
        Invoke-Native dotnet @('restore', (Join-Path $Root 'build/Bootstrap/Bootstrap.csproj'), '--packages', $Packages, '-v', 'quiet') -Quiet
        if (-not (Test-Path $PesterManifest)) { throw "Pester $PesterVersion was restored but $PesterManifest is missing" }
    }
    if ($Suites -notcontains 'Conformance') { return }

    if (-not (Test-Path (Join-Path $NodeDriver 'package.json'))) {
        if (Get-Command npm -ErrorAction SilentlyContinue) {
            Write-Step "Node.js driver for the vector conformance check: $NodeDriverPackage (npm)"
            $null = New-Item -ItemType Directory -Force -Path $NodeModules
            Invoke-Native npm @('install', '--prefix', $NodeModules, '--no-audit', '--no-fund', '--silent', $NodeDriverPackage) -Quiet
        }
        else {
            Write-Warning "The vector conformance check needs npm to install $NodeDriverPackage; npm is not available here."
        }
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
    # The Debian packages of the Python modules that do not import, in one interpreter start.
    if (-not (Test-Path $SystemPython)) { return $PythonModules.Values | Sort-Object }
    $names = @($PythonModules.Keys | Sort-Object)
    $probe = 'import importlib, sys' + "`n" + 'for name in sys.argv[1:]:' + "`n" +
        '    try: importlib.import_module(name)' + "`n" + '    except Exception: print(name)'
    $failed = @(& $SystemPython -c $probe @names 2>$null)
    if ($LASTEXITCODE -ne 0) { return $PythonModules.Values | Sort-Object }
    foreach ($name in $failed) { $PythonModules[$name.Trim()] }
}

function Invoke-Build {
    Write-Step "dotnet build ($Configuration)"
    Invoke-Native dotnet @('build', (Join-Path $Root 'Synced.PowerShell.sln'), '-c', $Configuration, '-nologo', '-v', 'quiet', '-clp:ErrorsOnly')

    Write-Step 'Module folder out/Synced'
    $publish = Join-Path $Out 'publish'
    if (Test-Path $publish) { Remove-Item -Recurse -Force $publish }
    foreach ($project in 'Synced.PowerShell', 'Synced.PowerShell.LoadContext') {
        Invoke-Native dotnet @('publish', (Join-Path $Root "src/$project/$project.csproj"), '-c', $Configuration, '-o', $publish, '-nologo', '-v', 'quiet', '-clp:ErrorsOnly')
    }

    if (Test-Path $ModuleOut) { Remove-Item -Recurse -Force $ModuleOut }
    $dependencies = Join-Path $ModuleOut 'dependencies'
    $desktop = Join-Path $dependencies 'desktop'
    $null = New-Item -ItemType Directory -Force -Path $ModuleOut, $dependencies, $desktop, (Join-Path $ModuleOut 'en-US')
    Copy-Item (Join-Path $Root 'module/Synced.psd1'), (Join-Path $Root 'module/Synced.format.ps1xml') $ModuleOut
    Copy-Item (Join-Path $Root 'module/en-US/*') (Join-Path $ModuleOut 'en-US')
    Copy-Item (Join-Path $Root 'LICENSE') $ModuleOut
    # The module root holds what loads in the default context: the cmdlets (PowerShell loads their types while
    # importing, before any hook of ours runs) and, for pwsh 7, the load context that keeps everything else apart.
    $defaultContext = @('Synced.PowerShell.dll', 'Synced.PowerShell.LoadContext.dll')
    foreach ($dll in $defaultContext) { Copy-Item (Join-Path $publish $dll) $ModuleOut }

    # Everything else goes into dependencies/: the engine (Synced.Core, Synced.Cql) and the third-party libraries,
    # which pwsh 7 loads only into Synced's own load context, so no other module's versions of them can clash with
    # ours. Assemblies pwsh itself ships (System.Text.Json, System.Memory, ...) are needed only by Windows PowerShell
    # 5.1: they go into dependencies/desktop, which pwsh 7 never reads, because pwsh's own copies serve the engine.
    $runtime = [System.Runtime.InteropServices.RuntimeEnvironment]::GetRuntimeDirectory()
    $provided = @(Get-ChildItem $PSHOME, $runtime -Filter '*.dll' | ForEach-Object Name)
    foreach ($dll in Get-ChildItem $publish -Filter '*.dll' | Where-Object Name -notin $defaultContext) {
        if ($dll.Name -eq 'System.Management.Automation.dll') { continue }
        $target = if ($provided -contains $dll.Name) { $desktop } else { $dependencies }
        Copy-Item $dll.FullName $target
    }

    # Linux x64 also gets ReadyToRun copies of dependencies/ (same IL, plus native code compiled against this runtime
    # and pwsh), which the load context prefers there: a scheduled run starts in a fresh pwsh each time, and most of
    # its start-up was just-in-time compiling of these assemblies. Other platforms load the plain copies.
    Write-Step 'Native images (ReadyToRun, linux-x64) of dependencies/'
    Invoke-Native dotnet @('msbuild', (Join-Path $Root 'build/NativeImages/NativeImages.csproj'), '-restore', '-t:CompileNativeImages',
        '-nologo', '-v:quiet', '-clp:ErrorsOnly', "-p:InputDirectory=$dependencies", "-p:OutputDirectory=$(Join-Path $dependencies 'linux-x64')",
        "-p:RuntimeDirectory=$($runtime.TrimEnd('/', '\'))", "-p:PowerShellDirectory=$($PSHOME.TrimEnd('/', '\'))")
    # The runtime they were compiled against: an older runtime (pwsh 7.4 and 7.5 run on .NET 8 and 9) must not take
    # code compiled for this one, so the load context uses them only from this major version on.
    Set-Content -Path (Join-Path $dependencies 'linux-x64/runtime.txt') -Value ([Environment]::Version.ToString()) -NoNewline

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

function Get-XUnitProject {
    # The xUnit projects of the chosen suites: tests/Synced.<Suite>.Tests; every *.Tests.csproj when all run.
    param([string[]] $Suites, [switch] $All)
    $projects = Get-ChildItem (Join-Path $Root 'tests') -Filter '*.Tests.csproj' -Recurse | Sort-Object Name
    if ($All) { return $projects }
    $projects | Where-Object { $Suites -contains ($_.BaseName -replace '^Synced\.' -replace '\.Tests$') }
}

function Get-XUnitFilter([string] $Filter) {
    # Benchmarks never run in Test (build.ps1 Bench runs them). A plain name means "whose full name contains it".
    $noBenchmarks = 'Category!=Benchmark'
    if (-not $Filter) { return $noBenchmarks }
    $expression = if ($Filter -match '[=~!&|()]') { $Filter } else { "FullyQualifiedName~$Filter" }
    return "($expression)&$noBenchmarks"
}

function Invoke-XUnit {
    # One project: its counts from its TRX file.
    param([System.IO.FileInfo] $Project, [string] $Filter)
    Write-Step "xUnit: $($Project.BaseName)"
    $results = Join-Path $Out "test-results/xunit/$($Project.BaseName)"
    if (Test-Path $results) { Remove-Item -Recurse -Force $results }
    & dotnet test $Project.FullName -c $Configuration --no-build --nologo --filter (Get-XUnitFilter $Filter) `
        --logger "trx;LogFileName=$($Project.BaseName).trx" --logger 'console;verbosity=minimal' --results-directory $results | Out-Host
    $code = $LASTEXITCODE
    $counts = Read-TrxCounts $results
    if ($code -ne 0 -and $counts.Failed -eq 0) { $counts.Failed = 1; Write-Warning "dotnet test of $($Project.BaseName) failed without a failed test (see above)." }
    return $counts
}

function Invoke-PesterSuite {
    param([string] $Filter)
    Write-Step 'Pester'
    $resultFile = Join-Path $Out 'test-results/pester.json'
    $null = New-Item -ItemType Directory -Force -Path (Split-Path $resultFile)
    if (Test-Path $resultFile) { Remove-Item $resultFile }
    $arguments = @('-File', (Join-Path $Root 'build/Invoke-PesterSuite.ps1'), '-PesterManifest', $PesterManifest,
        '-TestPath', (Join-Path $Root 'tests/Synced.PowerShell.Tests'), '-ModuleDirectory', $ModuleOut, '-ResultFile', $resultFile, '-EmulatorDll', $EmulatorDll)
    if ($Filter -match '^(Tag|Category)\s*[=:]\s*(.+)$') { $arguments += @('-Tag', $Matches[2].Trim()) }
    elseif ($Filter) { $arguments += @('-FullName', $(if ($Filter -match '[*?]') { $Filter } else { "*$Filter*" })) }
    $code = Invoke-ChildPwsh $arguments
    if (-not (Test-Path $resultFile)) {
        Write-Warning "Pester did not report its results (exit code $code)."
        return @{ Passed = 0; Failed = 1; Skipped = 0 }
    }
    $result = Get-Content -Raw $resultFile | ConvertFrom-Json
    return @{ Passed = [int]$result.Passed; Failed = [int]$result.Failed; Skipped = [int]$result.Skipped }
}

function ConvertTo-UnittestPattern([string] $Filter) {
    # unittest -k matches a plain substring case-sensitively; as a pattern ("*[bB][uU][lL][kK]*") it matches
    # without regard to case, like the xUnit and Pester filters.
    if ($Filter -match '[*?\[]') { return $Filter }
    $letters = foreach ($c in $Filter.ToCharArray()) {
        if ([char]::IsLetter($c)) { "[$([char]::ToLowerInvariant($c))$([char]::ToUpperInvariant($c))]" } else { "$c" }
    }
    return '*' + ($letters -join '') + '*'
}

function Add-UnittestCounts($counts, [string] $name, [object[]] $output, [int] $exit) {
    # Adds what a unittest-style report ("Ran N tests", then "OK" or "FAILED (failures=N, errors=N)") counted.
    $ran = $output | Select-String -Pattern '^Ran (\d+) tests?' | Select-Object -Last 1
    if (-not $ran) {
        Write-Warning "$name did not report a test count (exit code $exit)."
        $counts.Failed++
        return
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
    if ($exit -ne 0 -and ($failures + $errors) -eq 0) { $counts.Failed++; Write-Warning "$name exited with $exit." }
}

function Invoke-NodeConformance($counts, [string] $Filter) {
    # Node.js checks start their own emulators (e.g. in Cassandra 5.0 mode) and report like unittest; with -Filter
    # a script runs when its name matches.
    foreach ($script in @(Get-ChildItem (Join-Path $Root 'tests/conformance') -Filter '*_conformance.js' -ErrorAction SilentlyContinue)) {
        if ($Filter -and $script.Name -notlike (ConvertTo-UnittestPattern $Filter)) { continue }
        Write-Step "Conformance: $($script.Name) with the real third-party client (Node.js)"
        if (-not (Get-Command node -ErrorAction SilentlyContinue) -or -not (Test-Path (Join-Path $NodeDriver 'package.json'))) {
            Write-Warning "$($script.Name) cannot run: it needs node and $NodeDriverPackage in $NodeModules (Bootstrap installs it with npm)."
            $counts.Failed++
            continue
        }
        $output = & node $script.FullName --emulator-dll $EmulatorDll --driver-path $NodeDriver 2>&1 | ForEach-Object { "$_" }
        $exit = $LASTEXITCODE
        $output | Out-Host
        Add-UnittestCounts $counts $script.Name $output $exit
    }
}

function Invoke-Conformance {
    param([string] $Filter)
    $counts = @{ Passed = 0; Failed = 0; Skipped = 0 }
    Invoke-NodeConformance $counts $Filter
    $scripts = @(Get-ChildItem (Join-Path $Root 'tests/conformance') -Filter '*_conformance.py' -ErrorAction SilentlyContinue)
    if ($scripts.Count -eq 0) { return $counts }
    $missing = @(Get-MissingPythonModules)
    if ($missing.Count -gt 0) {
        Write-Warning "Conformance checks cannot run: $SystemPython lacks $($missing -join ', ') (Bootstrap installs them with apt-get)."
        $counts.Failed = $scripts.Count
        return $counts
    }
    # The Elasticsearch checks run twice: against the emulator as 7.17, and as 8.x with the client in compatibility mode.
    $runs = foreach ($script in $scripts) {
        @{ Script = $script; Mode = ''; Emulator = @(); Environment = @{} }
        if ($script.Name -like 'elasticsearch*') {
            @{ Script = $script; Mode = ' (Elasticsearch 8.x mode)'; Emulator = @('--es-version', '8.15.0'); Environment = @{ ELASTIC_CLIENT_APIVERSIONING = '1' } }
        }
    }
    foreach ($run in $runs) {
        $script = $run.Script
        Write-Step "Conformance: $($script.Name)$($run.Mode) with the real third-party client"
        $emulators = $null
        try {
            $isCassandra = $script.Name -like 'cassandra*'
            $emulators = Start-SyncedEmulator -EmulatorDll $EmulatorDll -Cassandra:$isCassandra -Elasticsearch:(-not $isCassandra) -ExtraArguments $run.Emulator
            $hostName, $port = if ($isCassandra) { $emulators.CassandraHost, $emulators.CassandraPort } else { $emulators.ElasticsearchUri.Host, $emulators.ElasticsearchUri.Port }
            $arguments = @($script.FullName, '--host', $hostName, '--port', $port)
            if ($isCassandra) { $arguments += @('--emulator-dll', $EmulatorDll) }
            if ($Filter) { $arguments += @('-k', (ConvertTo-UnittestPattern $Filter)) }
            foreach ($name in $run.Environment.Keys) { Set-Item "env:$name" $run.Environment[$name] }
            try { $output = & $SystemPython @arguments 2>&1 | ForEach-Object { "$_" } }
            finally { foreach ($name in $run.Environment.Keys) { Remove-Item "env:$name" -ErrorAction SilentlyContinue } }
            $exit = $LASTEXITCODE
            $output | Out-Host
            # No test of this script matched -Filter (Python 3.12+ exits 5 then): nothing ran, nothing failed.
            if ($Filter -and ($output | Select-String -Pattern '^Ran 0 tests' -Quiet)) { continue }
            Add-UnittestCounts $counts $script.Name $output $exit
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
    $all = -not $Suite
    $suites = if ($all) { $AllSuites } else { @($AllSuites | Where-Object { $Suite -contains $_ }) }
    $xunitProjects = @(Get-XUnitProject -Suites $suites -All:$all)
    Invoke-BootstrapIfNeeded -Suites $suites

    # The whole solution and module folder when the Pester suite runs; else only what the chosen suites run.
    if ($suites -contains 'PowerShell') { Invoke-Build }
    else {
        $projects = @($xunitProjects | ForEach-Object FullName)
        if ($suites -contains 'Conformance') { $projects += $EmulatorProject }
        foreach ($project in $projects) {
            Write-Step "dotnet build $([IO.Path]::GetFileNameWithoutExtension($project)) ($Configuration)"
            Invoke-Native dotnet @('build', $project, '-c', $Configuration, '-nologo', '-v', 'quiet', '-clp:ErrorsOnly')
        }
    }

    $results = [ordered]@{}
    foreach ($project in $xunitProjects) { $results[($project.BaseName -replace '^Synced\.' -replace '\.Tests$')] = Invoke-XUnit $project $Filter }
    if ($suites -contains 'PowerShell') { $results['PowerShell'] = Invoke-PesterSuite $Filter }
    if ($suites -contains 'Conformance') { $results['Conformance'] = Invoke-Conformance $Filter }

    $passed = 0; $failed = 0; $skipped = 0
    foreach ($name in $results.Keys) {
        $s = $results[$name]
        Write-Host ('{0,-12} {1} passed, {2} failed, {3} skipped' -f $name, $s.Passed, $s.Failed, $s.Skipped)
        $passed += $s.Passed; $failed += $s.Failed; $skipped += $s.Skipped
    }
    if ($passed -eq 0 -and $failed -eq 0) { Write-Warning $(if ($Filter) { "No test matched -Filter '$Filter'." } else { 'No test ran.' }) }
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
    'Sandbox' {
        if (-not $NoBuild) { Invoke-Build }
        # In this process (not a child pwsh): the emulators' stdin is a pipe from this very process, so they stop
        # whenever it ends, and `kill <PID>` of the PID it prints stops everything.
        $sandbox = @{ ModuleDirectory = $ModuleOut; EmulatorDll = $EmulatorDll; CassandraPort = $CassandraPort; ElasticsearchPort = $ElasticsearchPort; Empty = $Empty }
        if ($StatePath) { $sandbox.StatePath = $StatePath }
        & (Join-Path $Root 'build/Sandbox.ps1') @sandbox
    }
}
