BeforeDiscovery {
    $onLinuxX64 = $IsLinux -and [System.Runtime.InteropServices.RuntimeInformation]::ProcessArchitecture -eq 'X64'
}

BeforeAll {
    . (Join-Path $PSScriptRoot 'TestHelpers.ps1')
    Import-SyncedTestModule
    # Where the engine's load context takes an assembly from: the ReadyToRun copies on Linux x64, the plain ones elsewhere.
    $onLinuxX64 = $IsLinux -and [System.Runtime.InteropServices.RuntimeInformation]::ProcessArchitecture -eq 'X64'
    $dependencies = Join-Path (Split-Path $env:SYNCED_TEST_MODULE) 'dependencies'
    $loadedFrom = if ($onLinuxX64) { Join-Path $dependencies 'linux-x64' } else { $dependencies }

    function Get-PeFacts([string] $Path) {
        # The assembly's identity (name, version, module id) and whether it carries ReadyToRun native code.
        $stream = [IO.File]::OpenRead($Path)
        try {
            $pe = [System.Reflection.PortableExecutable.PEReader]::new($stream)
            $metadata = [System.Reflection.Metadata.PEReaderExtensions]::GetMetadataReader($pe)
            $definition = $metadata.GetAssemblyDefinition()
            [pscustomobject]@{
                Name        = $metadata.GetString($definition.Name)
                Version     = $definition.Version
                Mvid        = $metadata.GetGuid($metadata.GetModuleDefinition().Mvid)
                ReadyToRun  = $pe.PEHeaders.CorHeader.ManagedNativeHeaderDirectory.Size -gt 0
            }
        }
        finally { $stream.Dispose() }
    }
}

Describe 'The Synced module' {
    It 'exports exactly its cmdlets' {
        $names = (Get-Command -Module Synced).Name | Sort-Object
        $names | Should -Be @('Add-SyncedIndex', 'Compare-SyncedData', 'Get-SyncedCheckpoint', 'Get-SyncedTable', 'Invoke-SyncedRun', 'Remove-SyncedCheckpoint', 'Repair-SyncedData', 'Set-SyncedCheckpoint', 'Test-SyncedConnection')
    }

    It 'uses only approved verbs' {
        $approved = (Get-Verb).Verb
        (Get-Command -Module Synced).Verb | ForEach-Object { $_ | Should -BeIn $approved }
    }

    It 'has a manifest that Test-ModuleManifest accepts' {
        $manifest = Test-ModuleManifest -Path $env:SYNCED_TEST_MODULE
        $manifest.CompatiblePSEditions | Should -Contain 'Core'
        $manifest.CompatiblePSEditions | Should -Contain 'Desktop'
        $manifest.PrivateData.PSData.Tags | Should -Contain 'PSEdition_Core'
    }

    It 'keeps the engine and third-party assemblies out of the module root' {
        $root = Split-Path $env:SYNCED_TEST_MODULE
        (Get-ChildItem $root -Filter '*.dll').Name | Sort-Object | Should -Be @('Synced.PowerShell.dll', 'Synced.PowerShell.LoadContext.dll')
        foreach ($dll in 'Synced.Core.dll', 'Synced.Cql.dll', 'Nest.dll', 'Elasticsearch.Net.dll') { Join-Path $root "dependencies/$dll" | Should -Exist }
    }

    It 'loads its engine and dependencies into a load context of its own, and gives the default context only the engine' {
        $null = Get-SyncedCheckpoint -StatePath (Join-Path $TestDrive 'state') # the checkpoint store lives in Synced.Core
        $loaded = [AppDomain]::CurrentDomain.GetAssemblies()
        $cmdlets = $loaded | Where-Object { $_.GetName().Name -eq 'Synced.PowerShell' }
        $engine = $loaded | Where-Object { $_.GetName().Name -eq 'Synced.Core' }
        [System.Runtime.Loader.AssemblyLoadContext]::GetLoadContext($cmdlets).Name | Should -Be 'Default'
        $context = [System.Runtime.Loader.AssemblyLoadContext]::GetLoadContext($engine)
        $context.Name | Should -Be 'Synced'
        $engine.Location | Should -Be (Join-Path $loadedFrom 'Synced.Core.dll')
        $default = [System.Runtime.Loader.AssemblyLoadContext]::Default
        $default.LoadFromAssemblyName([System.Reflection.AssemblyName]::new('Synced.Cql')) |
            ForEach-Object { [System.Runtime.Loader.AssemblyLoadContext]::GetLoadContext($_) } | Should -Be $context
        # A dependency is the engine's alone: the default context (another module) never gets Synced's copy.
        { $default.LoadFromAssemblyName([System.Reflection.AssemblyName]::new('Nest')) } | Should -Throw
        $context.LoadFromAssemblyName([System.Reflection.AssemblyName]::new('Nest')).Location |
            Should -Be (Join-Path $loadedFrom 'Nest.dll')
        # What pwsh provides is shared, not loaded again.
        [System.Runtime.Loader.AssemblyLoadContext]::GetLoadContext($context.LoadFromAssemblyName([System.Reflection.AssemblyName]::new('System.Text.Json'))).Name |
            Should -Be 'Default'
    }

    It 'ships a ReadyToRun copy of each dependency for Linux x64: the same assembly, with native code' {
        $plain = @(Get-ChildItem $dependencies -Filter '*.dll')
        (Get-ChildItem (Join-Path $dependencies 'linux-x64') -Filter '*.dll').Name | Sort-Object | Should -Be @($plain.Name | Sort-Object)
        # The runtime they were compiled against (this one: the build and the tests run on the same pwsh), which an
        # older runtime's load context reads to leave them alone.
        Get-Content -Raw (Join-Path $dependencies 'linux-x64/runtime.txt') | Should -Be ([Environment]::Version.ToString())
        foreach ($dll in $plain) {
            $il = Get-PeFacts $dll.FullName
            $native = Get-PeFacts (Join-Path $dependencies "linux-x64/$($dll.Name)")
            $il.ReadyToRun | Should -BeFalse -Because "$($dll.Name) in dependencies/ is what every other platform loads"
            $native.ReadyToRun | Should -BeTrue -Because "linux-x64/$($dll.Name) should hold native code"
            "$($native.Name) $($native.Version) $($native.Mvid)" | Should -Be "$($il.Name) $($il.Version) $($il.Mvid)"
        }
    }

    It 'loads every dependency from its ReadyToRun copy on Linux x64' -Skip:(-not $onLinuxX64) {
        $null = Get-SyncedCheckpoint -StatePath (Join-Path $TestDrive 'native')
        $context = [System.Runtime.Loader.AssemblyLoadContext]::All | Where-Object Name -eq 'Synced'
        foreach ($name in 'Synced.Core', 'Synced.Cql', 'Elasticsearch.Net', 'Nest') {
            $context.LoadFromAssemblyName([System.Reflection.AssemblyName]::new($name)).Location | Should -Be (Join-Path $dependencies "linux-x64/$name.dll")
        }
    }

    It 'loads the plain dependencies when the ReadyToRun copies were compiled for a newer runtime, or do not say (<Case>)' -Skip:(-not $onLinuxX64) -ForEach @(
        @{ Case = 'compiled for a newer runtime'; Marker = '99.0.0' }
        @{ Case = 'no runtime.txt'; Marker = $null }
    ) {
        # A copy of the module whose copies claim another runtime, imported by a fresh pwsh (the engine binds once a process).
        $copy = Join-Path $TestDrive "module-$([guid]::NewGuid().ToString('N'))"
        Copy-Item -Recurse (Split-Path $env:SYNCED_TEST_MODULE) $copy
        $marker = Join-Path $copy 'dependencies/linux-x64/runtime.txt'
        if ($Marker) { Set-Content -Path $marker -Value $Marker -NoNewline } else { Remove-Item $marker }
        $script = "Import-Module '$(Join-Path $copy 'Synced.psd1')'; `$null = Get-SyncedCheckpoint -StatePath '$(Join-Path $TestDrive 'state')'; " +
            "([System.Runtime.Loader.AssemblyLoadContext]::All | Where-Object Name -eq 'Synced').Assemblies | Where-Object { `$_.GetName().Name -eq 'Synced.Core' } | ForEach-Object Location"
        Push-Location (Join-Path $PSScriptRoot '../..')
        try { $output = & dotnet pwsh -NoProfile -NonInteractive -Command $script 2>&1 | ForEach-Object { "$_" } }
        finally { Pop-Location }
        $output | Should -Be (Join-Path $copy 'dependencies/Synced.Core.dll')
    }

    It 'has cmdlet types that load without the engine, as PowerShell loads them before the module''s initializer runs' {
        # Import-Module reads the exported types (GetExportedTypes) before OnImport lets the engine load: a cmdlet
        # with a field of an engine type (an engine enum as a parameter type) would make the import fail.
        $dll = Join-Path (Split-Path $env:SYNCED_TEST_MODULE) 'Synced.PowerShell.dll'
        $script = "try { [Reflection.Assembly]::LoadFrom('$dll').GetExportedTypes() | Where-Object Name -like '*Command' | ForEach-Object Name | Sort-Object } catch { 'error: ' + `$_.Exception.InnerException.Message }"
        Push-Location (Join-Path $PSScriptRoot '../..')
        try { $output = & dotnet pwsh -NoProfile -NonInteractive -Command $script 2>&1 | ForEach-Object { "$_" } }
        finally { Pop-Location }
        $output | Should -Be @((Get-Command -Module Synced | ForEach-Object ImplementingType | ForEach-Object Name | Sort-Object))
    }

    It 'keeps giving its engine to a runspace that still has the module after another runspace removed it' {
        # A fresh process, so the engine is not bound yet when the second runspace first needs it.
        $state = Join-Path $TestDrive 'runspaces'
        $script = @"
`$other = [powershell]::Create()
`$null = `$other.AddScript("Import-Module '$env:SYNCED_TEST_MODULE'").Invoke()
Import-Module '$env:SYNCED_TEST_MODULE'
Remove-Module Synced
`$other.Commands.Clear()
`$other.AddScript("Get-SyncedCheckpoint -StatePath '$state'; 'listed'").Invoke()
if (`$other.HadErrors) { `$other.Streams.Error | ForEach-Object { "error: `$_" } }
"@
        Push-Location (Join-Path $PSScriptRoot '../..')
        try { $output = & dotnet pwsh -NoProfile -NonInteractive -Command $script 2>&1 | ForEach-Object { "$_" } }
        finally { Pop-Location }
        $output | Where-Object { $_ } | Should -Be @('listed')
    }

    It 'gives the parameter enum <Parameter> exactly the names and values of <Engine>' -ForEach @(
        @{ Parameter = 'Synced.SyncDirection'; Engine = 'Synced.Core.Model.SyncDirection'; Assembly = 'Synced.Core' }
        @{ Parameter = 'Synced.ConflictMode'; Engine = 'Synced.Core.Elasticsearch.ConflictMode'; Assembly = 'Synced.Core' }
        @{ Parameter = 'Synced.IndexLayout'; Engine = 'Synced.Core.Elasticsearch.IndexLayout'; Assembly = 'Synced.Core' }
        @{ Parameter = 'Synced.DifferenceKind'; Engine = 'Synced.Core.Comparison.DifferenceKind'; Assembly = 'Synced.Core' }
        @{ Parameter = 'Synced.Consistency'; Engine = 'Synced.Cql.Protocol.Consistency'; Assembly = 'Synced.Cql' }
    ) {
        $engineAssembly = [System.Runtime.Loader.AssemblyLoadContext]::Default.LoadFromAssemblyName([System.Reflection.AssemblyName]::new($Assembly))
        $engineType = $engineAssembly.GetType($Engine, $true)
        $parameterType = $Parameter -as [type]
        $parameterType | Should -Not -BeNullOrEmpty
        [Enum]::GetNames($parameterType) | Should -Be ([Enum]::GetNames($engineType))
        foreach ($name in [Enum]::GetNames($engineType)) {
            [Convert]::ToInt64([Enum]::Parse($parameterType, $name)) | Should -Be ([Convert]::ToInt64([Enum]::Parse($engineType, $name))) -Because $name
        }
    }

    It 'ships no assembly that pwsh provides outside the Windows PowerShell folder' {
        $root = Split-Path $env:SYNCED_TEST_MODULE
        $runtime = [System.Runtime.InteropServices.RuntimeEnvironment]::GetRuntimeDirectory()
        $provided = (Get-ChildItem $PSHOME, $runtime -Filter '*.dll').Name
        (Get-ChildItem (Join-Path $root 'dependencies') -Filter '*.dll' -File).Name | Where-Object { $_ -in $provided } | Should -BeNullOrEmpty
    }

    It 'has help with a synopsis and examples for <_>' -ForEach @('Invoke-SyncedRun', 'Get-SyncedTable', 'Test-SyncedConnection', 'Get-SyncedCheckpoint', 'Set-SyncedCheckpoint', 'Remove-SyncedCheckpoint', 'Compare-SyncedData', 'Repair-SyncedData', 'Add-SyncedIndex') {
        $help = Get-Help $_ -Full
        $help.Synopsis | Should -Not -BeNullOrEmpty
        $help.Synopsis | Should -Not -Match "^\s*$_"
        @($help.Examples.Example).Count | Should -BeGreaterThan 0
        foreach ($parameter in $help.Parameters.Parameter) {
            $parameter.Description.Text | Should -Not -BeNullOrEmpty -Because "-$($parameter.Name) needs a description"
        }
    }

    It 'has an about_Synced topic' {
        (Get-Help about_Synced | Out-String) | Should -Match 'CHECKPOINTS'
    }
}
