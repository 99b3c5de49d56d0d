BeforeAll {
    . (Join-Path $PSScriptRoot 'TestHelpers.ps1')
    Import-SyncedTestModule
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

    It 'keeps third-party assemblies out of the module root' {
        $root = Split-Path $env:SYNCED_TEST_MODULE
        (Get-ChildItem $root -Filter '*.dll').Name | Sort-Object | Should -Be @('Synced.Core.dll', 'Synced.Cql.dll', 'Synced.PowerShell.dll')
        Join-Path $root 'dependencies/Nest.dll' | Should -Exist
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
