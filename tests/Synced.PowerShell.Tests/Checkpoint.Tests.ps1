BeforeAll {
    . (Join-Path $PSScriptRoot 'TestHelpers.ps1')
    Import-SyncedTestModule
}

Describe 'Set-SyncedCheckpoint' {
    BeforeEach { $state = New-TestStatePath }
    AfterEach { Remove-Item -Recurse -Force $state -ErrorAction SilentlyContinue }

    It 'creates a checkpoint from unix epoch seconds like the original CLI' {
        $checkpoint = Set-SyncedCheckpoint -Keyspace app -Index app -End 1422748800 -StatePath $state -PassThru
        $checkpoint | Should -BeOfType ([Synced.Checkpoint])
        $checkpoint.End | Should -Be ([datetime]::new(2015, 2, 1, 0, 0, 0, [DateTimeKind]::Utc))
        $checkpoint.End.Kind | Should -Be 'Utc'
        $checkpoint.Keyspace | Should -Be 'app'
        $checkpoint.CassandraHosts | Should -Be @('localhost:9042')
        $checkpoint.ElasticsearchUris | Should -Be @('http://localhost:9200')
        $checkpoint.Watermarks | Should -HaveCount 1
        $checkpoint.Watermarks[0].Baseline | Should -BeTrue
        $checkpoint.Watermarks[0].Direction | Should -Be 'Both'
        $checkpoint.Path | Should -Exist
    }

    It 'accepts <Label> for -End' -ForEach @(
        @{ Label = 'an ISO 8601 string'; Value = '2015-02-01T00:00:00Z' }
        @{ Label = 'an ISO 8601 string with an offset'; Value = '2015-02-01T01:00:00+01:00' }
        @{ Label = 'a [datetimeoffset]'; Value = [datetimeoffset]::new(2015, 2, 1, 0, 0, 0, [timespan]::Zero) }
        @{ Label = 'a UTC [datetime]'; Value = [datetime]::new(2015, 2, 1, 0, 0, 0, [DateTimeKind]::Utc) }
        @{ Label = 'an unspecified [datetime] as UTC'; Value = [datetime]::new(2015, 2, 1, 0, 0, 0, [DateTimeKind]::Unspecified) }
        @{ Label = 'epoch seconds as a string'; Value = '1422748800' }
    ) {
        $checkpoint = Set-SyncedCheckpoint -Keyspace app -Index app -End $Value -StatePath $state -PassThru
        $checkpoint.End | Should -Be ([datetime]::new(2015, 2, 1, 0, 0, 0, [DateTimeKind]::Utc))
    }

    It 'writes nothing without -PassThru' {
        Set-SyncedCheckpoint -Keyspace app -Index app -End 1422748800 -StatePath $state | Should -BeNullOrEmpty
        Get-SyncedCheckpoint -StatePath $state | Should -HaveCount 1
    }

    It 'writes nothing under -WhatIf' {
        Set-SyncedCheckpoint -Keyspace app -Index app -End 1422748800 -StatePath $state -WhatIf
        Get-ChildItem $state | Should -BeNullOrEmpty
    }

    It 'moves an existing checkpoint and keeps one file' {
        Set-SyncedCheckpoint -Keyspace app -Index app -End 1422748800 -StatePath $state
        Set-SyncedCheckpoint -Keyspace app -Index app -End 1420070400 -StatePath $state
        $all = Get-SyncedCheckpoint -StatePath $state
        $all | Should -HaveCount 1
        $all.End | Should -Be ([datetime]::new(2015, 1, 1, 0, 0, 0, [DateTimeKind]::Utc))
    }

    It 'addresses different configurations separately, and tables and directions as watermarks of one' {
        Set-SyncedCheckpoint -Keyspace app -Index app -End 1422748800 -StatePath $state
        Set-SyncedCheckpoint -Keyspace app -Index archive -End 1420070400 -StatePath $state
        Set-SyncedCheckpoint -Keyspace app -Index app -CassandraHost db1 -End 1420070400 -StatePath $state
        Set-SyncedCheckpoint -Keyspace app -Index app -Table users -Direction CassandraToElasticsearch -End 1420070400 -StatePath $state
        Get-SyncedCheckpoint -StatePath $state | Should -HaveCount 3
    }

    It 'moves a single watermark with -Table and -Direction' {
        Set-SyncedCheckpoint -Keyspace app -Index app -Table users, orders -End 1422748800 -StatePath $state
        $checkpoint = Set-SyncedCheckpoint -Keyspace app -Index app -Table users -Direction ElasticsearchToCassandra -End 1420070400 -StatePath $state -PassThru

        $marks = $checkpoint.Watermarks | Sort-Object Table, Direction
        $marks | Should -HaveCount 4
        ($marks | Where-Object { $_.Table -eq 'users' -and $_.Direction -eq 'ElasticsearchToCassandra' }).End | Should -Be ([datetime]::new(2015, 1, 1, 0, 0, 0, [DateTimeKind]::Utc))
        ($marks | Where-Object { $_.Table -eq 'users' -and $_.Direction -eq 'CassandraToElasticsearch' }).End | Should -Be ([datetime]::new(2015, 2, 1, 0, 0, 0, [DateTimeKind]::Utc))
        $checkpoint.End | Should -Be ([datetime]::new(2015, 1, 1, 0, 0, 0, [DateTimeKind]::Utc))
        ($checkpoint.Watermarks | Out-String -Width 200) | Should -Match 'users\s+ES -> Cassandra\s+2015-01-01 00:00:00.000000\s+table'
    }

    It 'writes a non-terminating TableNotFound for a wildcard that matches no watermark' {
        Set-SyncedCheckpoint -Keyspace app -Index app -Table users -End 1422748800 -StatePath $state
        Set-SyncedCheckpoint -Keyspace app -Index app -Table 'zz*' -End 1420070400 -StatePath $state -ErrorVariable errors -ErrorAction SilentlyContinue
        $errors[0].FullyQualifiedErrorId | Should -Be 'TableNotFound,Synced.PowerShell.Commands.SetSyncedCheckpointCommand'
        (Get-SyncedCheckpoint -StatePath $state).End | Should -Be ([datetime]::new(2015, 2, 1, 0, 0, 0, [DateTimeKind]::Utc))
    }

    It 'replaces a checkpoint file that cannot be read only with -Force' {
        $checkpoint = Set-SyncedCheckpoint -Keyspace app -Index app -End 1422748800 -StatePath $state -PassThru
        Set-Content -Path $checkpoint.Path -Value '{ broken'
        { Set-SyncedCheckpoint -Keyspace app -Index app -End 1420070400 -StatePath $state } |
            Should -Throw -ErrorId 'CheckpointCorrupt,Synced.PowerShell.Commands.SetSyncedCheckpointCommand'
        $fixed = Set-SyncedCheckpoint -Keyspace app -Index app -End 1420070400 -StatePath $state -Force -PassThru -WarningAction SilentlyContinue
        $fixed.End | Should -Be ([datetime]::new(2015, 1, 1, 0, 0, 0, [DateTimeKind]::Utc))
    }

    It 'never replaces a checkpoint file written by a newer Synced, even with -Force' {
        $checkpoint = Set-SyncedCheckpoint -Keyspace app -Index app -End 1422748800 -StatePath $state -PassThru
        Set-Content -Path $checkpoint.Path -Value '{ "formatVersion": 99 }'
        { Set-SyncedCheckpoint -Keyspace app -Index app -End 1420070400 -StatePath $state -Force } |
            Should -Throw -ErrorId 'CheckpointNewerFormat,Synced.PowerShell.Commands.SetSyncedCheckpointCommand'
        Get-Content -Raw $checkpoint.Path | Should -Match '"formatVersion": 99'
    }

    It 'refuses a -StatePath that is a file with StatePathInvalid, saying what to do' {
        $file = Join-Path $state 'a-file'
        Set-Content -Path $file -Value 'x'
        $thrown = { Set-SyncedCheckpoint -Keyspace app -Index app -End 1422748800 -StatePath $file } |
            Should -Throw -ErrorId 'StatePathInvalid,Synced.PowerShell.Commands.SetSyncedCheckpointCommand' -PassThru
        $thrown.Exception.Message | Should -Match 'is a file'
        $thrown.Exception.Message | Should -Match ([regex]::Escape($file))
        { Get-SyncedCheckpoint -StatePath $file } | Should -Throw -ErrorId 'StatePathInvalid,Synced.PowerShell.Commands.GetSyncedCheckpointCommand'
        { Set-SyncedCheckpoint -Keyspace app -Index app -End 1422748800 -StatePath (Join-Path $file 'below') } |
            Should -Throw -ErrorId 'StatePathInvalid,Synced.PowerShell.Commands.SetSyncedCheckpointCommand'
    }

    It 'creates a named checkpoint with -Name' {
        $checkpoint = Set-SyncedCheckpoint -Name nightly -Keyspace app -Index app -End 1422748800 -StatePath $state -PassThru
        $checkpoint.Name | Should -Be 'nightly'
        (Get-SyncedCheckpoint nightly -StatePath $state).Keyspace | Should -Be 'app'
    }

    It 'refuses an end in the future with InvalidTimeRange' {
        { Set-SyncedCheckpoint -Keyspace app -Index app -End (Get-Date).AddHours(1) -StatePath $state } |
            Should -Throw -ErrorId 'InvalidTimeRange,Synced.PowerShell.Commands.SetSyncedCheckpointCommand'
        Get-ChildItem $state | Should -BeNullOrEmpty
    }

    It 'refuses an unparseable end naming the parameter and the value' {
        $thrown = { Set-SyncedCheckpoint -Keyspace app -Index app -End 'last tuesday' -StatePath $state } | Should -Throw -PassThru
        $thrown.Exception.Message | Should -Match "-End 'last tuesday'"
        $thrown.FullyQualifiedErrorId | Should -Match '^ParameterArgumentTransformationError'
    }

    It 'refuses a bad contact point with InvalidConfiguration' {
        { Set-SyncedCheckpoint -Keyspace app -Index app -CassandraHost 'db:notaport' -End 1422748800 -StatePath $state } |
            Should -Throw -ErrorId 'InvalidConfiguration,Synced.PowerShell.Commands.SetSyncedCheckpointCommand'
    }

    It 'takes checkpoints from the pipeline by property name' {
        Set-SyncedCheckpoint -Keyspace app -Index app -End 1422748800 -StatePath $state
        Get-SyncedCheckpoint -StatePath $state | Set-SyncedCheckpoint -End 1420070400
        (Get-SyncedCheckpoint -StatePath $state).End | Should -Be ([datetime]::new(2015, 1, 1, 0, 0, 0, [DateTimeKind]::Utc))
    }

    It 'fails with CheckpointLocked while a run of the configuration holds the lock' {
        $checkpoint = Set-SyncedCheckpoint -Keyspace app -Index app -End 1422748800 -StatePath $state -PassThru
        $lock = [System.IO.Path]::ChangeExtension($checkpoint.Path, '.lock')
        $holder = @{ pid = $PID; host = [Environment]::MachineName; startedAt = [datetime]::UtcNow.ToString('o') } | ConvertTo-Json
        Set-Content -Path $lock -Value $holder
        try {
            { Set-SyncedCheckpoint -Keyspace app -Index app -End 1420070400 -StatePath $state } |
                Should -Throw -ErrorId 'CheckpointLocked,Synced.PowerShell.Commands.SetSyncedCheckpointCommand'
        }
        finally { Remove-Item $lock }
    }

    It 'uses $env:SYNCED_STATE_PATH when -StatePath is not given' {
        $saved = $env:SYNCED_STATE_PATH
        try {
            $env:SYNCED_STATE_PATH = $state
            Set-SyncedCheckpoint -Keyspace app -Index app -End 1422748800
            Get-ChildItem $state -Filter '*.json' | Should -HaveCount 1
        }
        finally { $env:SYNCED_STATE_PATH = $saved }
    }
}

Describe 'Get-SyncedCheckpoint' {
    BeforeAll {
        $state = New-TestStatePath
        Set-SyncedCheckpoint -Name nightly -Keyspace app -Index app -End 1422748800 -StatePath $state
        Set-SyncedCheckpoint -Name nightly-orders -Keyspace shop -Index orders -End 1420070400 -StatePath $state
        Set-SyncedCheckpoint -Keyspace app -Index app -End 1420070400 -StatePath $state
    }
    AfterAll { Remove-Item -Recurse -Force $state -ErrorAction SilentlyContinue }

    It 'gets every checkpoint' {
        Get-SyncedCheckpoint -StatePath $state | Should -HaveCount 3
    }

    It 'filters by wildcard name' {
        (Get-SyncedCheckpoint 'nightly*' -StatePath $state).Name | Sort-Object | Should -Be @('nightly', 'nightly-orders')
    }

    It 'filters by keyspace and index' {
        (Get-SyncedCheckpoint -Keyspace shop -StatePath $state).Name | Should -Be 'nightly-orders'
        Get-SyncedCheckpoint -Index app -StatePath $state | Should -HaveCount 2
    }

    It 'takes names from the pipeline' {
        ('nightly', 'nightly-orders' | Get-SyncedCheckpoint -StatePath $state) | Should -HaveCount 2
    }

    It 'writes a non-terminating CheckpointNotFound for a name without wildcards that matches nothing' {
        $result = Get-SyncedCheckpoint -Name 'nope', 'nightly' -StatePath $state -ErrorVariable errors -ErrorAction SilentlyContinue
        $result.Name | Should -Be 'nightly'
        $errors | Should -HaveCount 1
        $errors[0].FullyQualifiedErrorId | Should -Be 'CheckpointNotFound,Synced.PowerShell.Commands.GetSyncedCheckpointCommand'
        $errors[0].CategoryInfo.Category | Should -Be 'ObjectNotFound'
    }

    It 'is silent for a wildcard that matches nothing' {
        Get-SyncedCheckpoint 'zzz*' -StatePath $state -ErrorVariable errors | Should -BeNullOrEmpty
        $errors | Should -BeNullOrEmpty
    }

    It 'returns Synced.Checkpoint objects with a table view that tells configurations apart within 80 columns' {
        $text = Get-SyncedCheckpoint -StatePath $state | Out-String -Width 80
        $text | Should -Match 'Name\s+Clusters\s+Tables\s+End \(UTC, oldest\)'
        $text | Should -Match 'nightly\s+localhost:9042 \|\s+0\s+2015-02-01 00:00:00'
        $text | Should -Match 'http://localhost:9200'
        foreach ($line in $text -split "`r?`n") { $line.TrimEnd().Length | Should -BeLessOrEqual 80 }
    }

    It 'returns Synced.Checkpoint objects with a list view that fits 80 columns' {
        $checkpoint = Get-SyncedCheckpoint nightly -StatePath $state
        $checkpoint.PSObject.TypeNames[0] | Should -Be 'Synced.Checkpoint'
        $text = $checkpoint | Format-List | Out-String -Width 80
        $text | Should -Match 'Name\s+: nightly'
        $text | Should -Match 'Sync\s+: app <-> app'
        $text | Should -Match 'Clusters\s+: localhost:9042 \| http://localhost:9200'
        $text | Should -Match 'Watermarks\s+: 0 \(and 1 baseline'
        $text | Should -Match 'End \(UTC, oldest\) : 2015-02-01 00:00:00.000000'
    }

    It 'returns nothing from an empty state directory' {
        $empty = New-TestStatePath
        try { Get-SyncedCheckpoint -StatePath $empty | Should -BeNullOrEmpty }
        finally { Remove-Item -Recurse -Force $empty }
    }

    It 'reports a file that cannot be read as a non-terminating CheckpointCorrupt and still lists the others' {
        $broken = New-TestStatePath
        try {
            Set-SyncedCheckpoint -Keyspace app -Index app -End 1422748800 -StatePath $broken
            Set-Content -Path (Join-Path $broken 'app-app-0123456789.json') -Value '{ not json'
            $listed = Get-SyncedCheckpoint -StatePath $broken -ErrorVariable errors -ErrorAction SilentlyContinue
            $listed | Should -HaveCount 1
            $errors | Should -HaveCount 1
            $errors[0].FullyQualifiedErrorId | Should -Be 'CheckpointCorrupt,Synced.PowerShell.Commands.GetSyncedCheckpointCommand'
            $errors[0].Exception.Message | Should -Match 'app-app-0123456789.json'
            "$($errors[0])" | Should -Match 'Remove-SyncedCheckpoint, or Set-SyncedCheckpoint -Force'

            Remove-SyncedCheckpoint -Name 'app-app-0123456789' -StatePath $broken -Confirm:$false
            Get-SyncedCheckpoint -StatePath $broken -ErrorVariable after | Should -HaveCount 1
            $after | Should -BeNullOrEmpty
        }
        finally { Remove-Item -Recurse -Force $broken }
    }

    It 'migrates a checkpoint file of the first format in place' {
        $old = New-TestStatePath
        try {
            $legacy = Join-Path $old 'app-app-0123456789.json'
            Set-Content -Path $legacy -Value @'
{ "formatVersion": 1, "name": "app-app-0123456789", "named": false,
  "configuration": { "keyspace": "app", "index": "app", "cassandraHosts": ["localhost:9042"], "elasticsearchUris": ["http://localhost:9200"],
                     "tables": ["*"], "excludeTables": [], "direction": "Both" },
  "end": "2015-02-01T00:00:00.000000Z", "updatedAt": "2015-02-01T00:00:01.0000000Z", "lastRun": null }
'@
            $checkpoint = Get-SyncedCheckpoint -StatePath $old
            $checkpoint.End | Should -Be ([datetime]::new(2015, 2, 1, 0, 0, 0, [DateTimeKind]::Utc))
            $checkpoint.Watermarks[0].Baseline | Should -BeTrue
            $legacy | Should -Not -Exist
            Get-Content -Raw $checkpoint.Path | Should -Match '"formatVersion": 2'
        }
        finally { Remove-Item -Recurse -Force $old }
    }
}

Describe 'Remove-SyncedCheckpoint' {
    BeforeEach {
        $state = New-TestStatePath
        Set-SyncedCheckpoint -Name one -Keyspace app -Index app -End 1422748800 -StatePath $state
        Set-SyncedCheckpoint -Name two -Keyspace app -Index app -End 1422748800 -StatePath $state
    }
    AfterEach { Remove-Item -Recurse -Force $state -ErrorAction SilentlyContinue }

    It 'removes by name' {
        Remove-SyncedCheckpoint -Name one -StatePath $state -Confirm:$false
        (Get-SyncedCheckpoint -StatePath $state).Name | Should -Be 'two'
    }

    It 'removes what comes down the pipeline' {
        Get-SyncedCheckpoint -StatePath $state | Remove-SyncedCheckpoint -Confirm:$false
        Get-SyncedCheckpoint -StatePath $state | Should -BeNullOrEmpty
    }

    It 'removes by wildcard' {
        Remove-SyncedCheckpoint -Name 't*' -StatePath $state -Confirm:$false
        (Get-SyncedCheckpoint -StatePath $state).Name | Should -Be 'one'
    }

    It 'removes nothing under -WhatIf' {
        Remove-SyncedCheckpoint -Name '*' -StatePath $state -WhatIf
        Get-SyncedCheckpoint -StatePath $state | Should -HaveCount 2
    }

    It 'has ConfirmImpact High' {
        $metadata = [System.Management.Automation.CommandMetadata]::new((Get-Command Remove-SyncedCheckpoint))
        $metadata.ConfirmImpact | Should -Be 'High'
        $metadata.SupportsShouldProcess | Should -BeTrue
    }

    It 'writes a non-terminating CheckpointNotFound for an unknown name' {
        Remove-SyncedCheckpoint -Name nope -StatePath $state -Confirm:$false -ErrorVariable errors -ErrorAction SilentlyContinue
        $errors[0].FullyQualifiedErrorId | Should -Be 'CheckpointNotFound,Synced.PowerShell.Commands.RemoveSyncedCheckpointCommand'
        Get-SyncedCheckpoint -StatePath $state | Should -HaveCount 2
    }
}
