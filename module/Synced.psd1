@{
    RootModule           = 'Synced.PowerShell.dll'
    ModuleVersion        = '0.1.0'
    GUID                 = 'db562ef3-3c52-46b9-9309-13c491de26d6'
    Author               = 'Synced contributors'
    CompanyName          = 'Synced'
    Copyright            = '(c) Synced contributors. Licensed under the Apache License 2.0.'
    Description          = 'Keeps Apache Cassandra tables and Elasticsearch indices in sync in both directions with timestamp-conditional upserts: an entry crosses over only if it is newer than what the other side holds. Per-configuration checkpoints, -WhatIf, progress, and scheduler-friendly exit codes.'
    CompatiblePSEditions = @('Desktop', 'Core')
    PowerShellVersion    = '5.1'
    DotNetFrameworkVersion = '4.7.2'
    CmdletsToExport      = @(
        'Invoke-SyncedRun'
        'Get-SyncedTable'
        'Add-SyncedIndex'
        'Test-SyncedConnection'
        'Get-SyncedCheckpoint'
        'Set-SyncedCheckpoint'
        'Remove-SyncedCheckpoint'
        'Compare-SyncedData'
        'Repair-SyncedData'
    )
    FunctionsToExport    = @()
    VariablesToExport    = @()
    AliasesToExport      = @()
    FormatsToProcess     = @('Synced.format.ps1xml')
    PrivateData          = @{
        PSData = @{
            Tags         = @('Cassandra', 'Elasticsearch', 'Sync', 'Replication', 'CQL', 'PSEdition_Core', 'PSEdition_Desktop', 'Windows', 'Linux', 'MacOS')
            LicenseUri   = 'https://github.com/synced-project/synced/blob/main/LICENSE'
            ProjectUri   = 'https://github.com/synced-project/synced'
            ReleaseNotes = 'First release: Invoke-SyncedRun (both directions, timestamp-conditional upserts, -WhatIf, progress, scheduler-friendly errors), Get-SyncedTable, Test-SyncedConnection, and per-configuration checkpoints (Get-, Set-, Remove-SyncedCheckpoint) with atomic writes and run locks. Own CQL native protocol v4 client; NEST for Elasticsearch.'
        }
    }
}
