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
        $checkpoint.Direction | Should -Be 'Both'
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

    It 'addresses different configurations separately' {
        Set-SyncedCheckpoint -Keyspace app -Index app -End 1422748800 -StatePath $state
        Set-SyncedCheckpoint -Keyspace app -Index app -Direction CassandraToElasticsearch -End 1420070400 -StatePath $state
        Set-SyncedCheckpoint -Keyspace app -Index app -Table users -End 1420070400 -StatePath $state
        Get-SyncedCheckpoint -StatePath $state | Should -HaveCount 3
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

    It 'returns Synced.Checkpoint objects with a table view' {
        $checkpoint = Get-SyncedCheckpoint nightly -StatePath $state
        $checkpoint.PSObject.TypeNames[0] | Should -Be 'Synced.Checkpoint'
        $text = $checkpoint | Out-String -Width 200
        $text | Should -Match 'Name\s+Keyspace\s+Index\s+Direction\s+End \(UTC\)'
        $text | Should -Match 'nightly\s+app\s+app\s+Both\s+2015-02-01 00:00:00.000000'
    }

    It 'returns nothing from an empty state directory' {
        $empty = New-TestStatePath
        try { Get-SyncedCheckpoint -StatePath $empty | Should -BeNullOrEmpty }
        finally { Remove-Item -Recurse -Force $empty }
    }

    It 'stops with CheckpointCorrupt naming a file that cannot be read' {
        $broken = New-TestStatePath
        try {
            Set-Content -Path (Join-Path $broken 'app-app-0123456789.json') -Value '{ not json'
            $thrown = { Get-SyncedCheckpoint -StatePath $broken } | Should -Throw -ErrorId 'CheckpointCorrupt,Synced.PowerShell.Commands.GetSyncedCheckpointCommand' -PassThru
            $thrown.Exception.Message | Should -Match 'app-app-0123456789.json'
        }
        finally { Remove-Item -Recurse -Force $broken }
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
