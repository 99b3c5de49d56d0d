BeforeAll {
    . (Join-Path $PSScriptRoot 'TestHelpers.ps1')
    Import-SyncedTestModule
    Import-SandboxModule
    # Real clusters when SYNCED_TEST_CASSANDRA (host:port) and SYNCED_TEST_ELASTICSEARCH (URI) say so, else the emulators.
    $emulator = Get-RealClusters
    if (-not $emulator) { $emulator = Start-SyncedEmulator -EmulatorDll (Get-EmulatorDll) -Cassandra -Elasticsearch }
    $session = Connect-SandboxCassandra $emulator
    $now = [DateTimeOffset]::UtcNow

    function Add-Document {
        param($Fixture, [guid] $Id, [DateTimeOffset] $When, [hashtable] $Fields = @{ name = 'es'; age = 1 })
        Add-SandboxDocument -ElasticsearchUri $emulator.ElasticsearchUri -Index "$($Fixture.Name)-users" -Id $Id -Tmstmp $When -Fields $Fields
    }

    function Get-Document {
        param($Fixture, [guid] $Id)
        Get-SandboxDocument -ElasticsearchUri $emulator.ElasticsearchUri -Index "$($Fixture.Name)-users" -Id $Id
    }

    function Add-EveryKind {
        # One id of each kind of difference and one that agrees (same millisecond on both sides).
        param($Fixture)
        $ids = [ordered]@{
            MissingInElasticsearch = [guid]::NewGuid()
            MissingInCassandra     = [guid]::NewGuid()
            ElasticsearchOlder     = [guid]::NewGuid()
            CassandraOlder         = [guid]::NewGuid()
            Same                   = [guid]::NewGuid()
        }
        Add-CassandraUser $session $Fixture $ids.MissingInElasticsearch $now.AddHours(-5) 'only in cassandra' 10
        Add-Document $Fixture $ids.MissingInCassandra $now.AddHours(-5) @{ name = 'only in es'; age = 11 }
        Add-CassandraUser $session $Fixture $ids.ElasticsearchOlder $now.AddHours(-1) 'newer in cassandra' 12
        Add-Document $Fixture $ids.ElasticsearchOlder $now.AddHours(-2) @{ name = 'older in es'; age = 12 }
        Add-CassandraUser $session $Fixture $ids.CassandraOlder $now.AddHours(-4) 'older in cassandra' 13
        Add-Document $Fixture $ids.CassandraOlder $now.AddHours(-3) @{ name = 'newer in es'; age = 13 }
        $same = [DateTimeOffset]::new($now.UtcDateTime.Date.AddHours(1), [TimeSpan]::Zero)
        Add-CassandraUser $session $Fixture $ids.Same $same 'same' 14
        Add-Document $Fixture $ids.Same $same @{ name = 'same'; age = 14 }
        $ids
    }

    function Invoke-ChildPwsh([string] $Command) {
        Push-Location (Join-Path $PSScriptRoot '../..')
        try { & dotnet pwsh -NoProfile -NonInteractive -Command $Command 2>&1 | ForEach-Object { "$_" } }
        finally { Pop-Location }
    }
}

AfterAll {
    if ($session) { $session.Dispose() }
    Stop-SyncedEmulator $emulator
}

Describe 'Compare-SyncedData' {
    BeforeEach {
        $f = New-SyncFixture $emulator $session
        $c = $f.Connection
    }
    AfterEach { Remove-Item -Recurse -Force $f.State -ErrorAction SilentlyContinue }

    It 'writes one Synced.Difference per differing id, of each kind, and nothing for ids that agree' {
        $ids = Add-EveryKind $f

        $differences = Compare-SyncedData -Keyspace $f.Name -Index $f.Name @c

        $differences | Should -HaveCount 4
        $differences | ForEach-Object { $_ | Should -BeOfType ([Synced.Difference]) }
        foreach ($kind in 'MissingInElasticsearch', 'MissingInCassandra', 'ElasticsearchOlder', 'CassandraOlder') {
            $d = $differences | Where-Object Id -eq $ids[$kind]
            $d.Kind | Should -Be $kind
            $d.Table | Should -Be 'users'
            $d.Keyspace | Should -Be $f.Name
            $d.Index | Should -Be $f.Name
        }
        ($differences | Where-Object Kind -eq 'MissingInElasticsearch').ElasticsearchTmstmp | Should -BeNullOrEmpty
        ($differences | Where-Object Kind -eq 'ElasticsearchOlder').CassandraTmstmp |
            Should -Be ([datetime]::new($now.AddHours(-1).UtcDateTime.Ticks - $now.AddHours(-1).UtcDateTime.Ticks % 10000, 'Utc'))
    }

    It 'writes one Synced.ComparisonSummary per table with -Summary' {
        $null = Add-EveryKind $f

        $summary = Compare-SyncedData -Keyspace $f.Name -Index $f.Name @c -Summary

        $summary | Should -BeOfType ([Synced.ComparisonSummary])
        $summary.Table | Should -Be 'users'
        $summary.Status | Should -Be 'Compared'
        $summary.CassandraIds | Should -Be 4
        $summary.ElasticsearchIds | Should -Be 4
        $summary.Differences | Should -Be 4
        @($summary.MissingInElasticsearch, $summary.MissingInCassandra, $summary.ElasticsearchOlder, $summary.CassandraOlder) | Should -Be @(1, 1, 1, 1)
    }

    It 'has readable default views' {
        $ids = Add-EveryKind $f
        $table = Compare-SyncedData -Keyspace $f.Name -Index $f.Name @c | Out-String -Width 250
        $table | Should -Match 'Table\s+Id\s+Kind\s+Cassandra \(UTC\)\s+Elasticsearch \(UTC\)'
        $table | Should -Match "users\s+$($ids.MissingInCassandra)\s+MissingInCassandra\s+-\s+\d{4}-"
        $summary = Compare-SyncedData -Keyspace $f.Name -Index $f.Name @c -Summary | Out-String -Width 250
        $summary | Should -Match 'Table\s+Status\s+CassandraIds\s+EsIds\s+MissingInEs\s+MissingInCassandra\s+EsOlder\s+CassandraOlder'
        $summary | Should -Match 'users\s+Compared\s+4\s+4\s+1\s+1\s+1\s+1'
    }

    It 'counts an id on a side only when its newest version there lies in -Begin to -End' {
        $ids = Add-EveryKind $f
        # Only the last 90 minutes: just ElasticsearchOlder has a newest version (Cassandra's) in it.
        $differences = Compare-SyncedData -Keyspace $f.Name -Index $f.Name @c -Begin $now.AddMinutes(-90) -End ($now.ToUnixTimeSeconds() + 60)
        $differences.Id | Should -Be @($ids.ElasticsearchOlder)
    }

    It 'warns about a table that breaks the contract and compares the others' {
        Invoke-SandboxCql $session "CREATE TABLE $($f.Name).legacy (k int PRIMARY KEY, v text)"
        $null = Add-EveryKind $f

        $differences = Compare-SyncedData -Keyspace $f.Name -Index $f.Name @c -WarningVariable warnings -WarningAction SilentlyContinue

        $differences | Should -HaveCount 4
        ($warnings -join "`n") | Should -Match "legacy"
    }

    It 'warns about a table on one side only, naming the run that creates the other, and says so in the summary' {
        Invoke-SandboxCql $session "CREATE TABLE $($f.Name).orders (id uuid, tmstmp timeuuid, name text, PRIMARY KEY (id, tmstmp))"

        $null = Compare-SyncedData -Keyspace $f.Name -Index $f.Name @c -WarningVariable warnings -WarningAction SilentlyContinue
        $summary = Compare-SyncedData -Keyspace $f.Name -Index $f.Name @c -Summary -WarningAction SilentlyContinue | Where-Object Table -eq 'orders'

        ($warnings -join "`n") | Should -Match "orders.*exists only in Cassandra.*Invoke-SyncedRun -CreateMissing"
        $summary.Status | Should -Be 'Skipped'
        $summary.Message | Should -Match 'Invoke-SyncedRun -CreateMissing'
    }

    It 'refuses a -Table pattern that matches nothing with TableNotFound, naming the tables that exist' {
        { Compare-SyncedData -Keyspace $f.Name -Index $f.Name @c -Table 'nosuch*' } |
            Should -Throw -ErrorId 'TableNotFound,Synced.PowerShell.Commands.CompareSyncedDataCommand' -ExpectedMessage '*users*'
    }

    It 'refuses an empty range with InvalidTimeRange' {
        { Compare-SyncedData -Keyspace $f.Name -Index $f.Name @c -Begin 1422748800 -End 1420070400 } |
            Should -Throw -ErrorId 'InvalidTimeRange,Synced.PowerShell.Commands.CompareSyncedDataCommand'
    }

    It 'stops before reading anything when <Case>' -ForEach @(
        @{ Case = 'Cassandra is unreachable'; Change = @{ CassandraPort = 1 }; ErrorId = 'ClusterUnreachable' }
        @{ Case = 'Elasticsearch is unreachable'; Change = @{ ElasticsearchUri = 'http://127.0.0.1:1' }; ErrorId = 'ClusterUnreachable' }
        @{ Case = 'the keyspace does not exist'; Keyspace = 'nosuchkeyspace'; ErrorId = 'KeyspaceNotFound' }
        @{ Case = 'the index does not exist'; Index = 'nosuchindex'; ErrorId = 'IndexNotFound' }
        @{ Case = 'both an API key and credentials are given'; Change = @{ ElasticsearchApiKey = (ConvertTo-SecureString 'k' -AsPlainText -Force); ElasticsearchCredential = [pscredential]::new('u', (ConvertTo-SecureString 'p' -AsPlainText -Force)) }; ErrorId = 'InvalidConfiguration' }
    ) {
        $parameters = $c.Clone()
        if ($Change) { foreach ($k in $Change.Keys) { $parameters[$k] = $Change[$k] } }
        $keyspace = if ($Keyspace) { $Keyspace } else { $f.Name }
        $index = if ($Index) { $Index } else { $f.Name }
        { Compare-SyncedData -Keyspace $keyspace -Index $index @parameters } | Should -Throw -ErrorId "$ErrorId,Synced.PowerShell.Commands.CompareSyncedDataCommand"
    }

    It 'reports a document it cannot read as EntryNotCompared and ends with ComparisonIncomplete after its output' {
        $id = [guid]::NewGuid()
        Add-CassandraUser $session $f $id $now.AddHours(-1) 'fine'
        $null = Invoke-RestMethod -Method Put -Uri "$($emulator.ElasticsearchUri.ToString().TrimEnd('/'))/$($f.Name)-users/_doc/not-a-uuid?refresh=true" `
            -ContentType 'application/json' -Body '{"tmstmp":"2024-01-01T00:00:00.000Z","name":"broken"}'
        $script:found = @()
        $terminating = $null
        try {
            Compare-SyncedData -Keyspace $f.Name -Index $f.Name @c -ErrorVariable errors -ErrorAction SilentlyContinue | ForEach-Object { $script:found += $_ }
        }
        catch { $terminating = $_ }

        $script:found.Id | Should -Be @($id)
        @($errors | Where-Object FullyQualifiedErrorId -like 'EntryNotCompared*') | Should -HaveCount 1
        # Non-terminating, after the differences: $d = Compare-SyncedData ... keeps them.
        $terminating | Should -BeNullOrEmpty
        $errors[-1].FullyQualifiedErrorId | Should -Be 'ComparisonIncomplete,Synced.PowerShell.Commands.CompareSyncedDataCommand'
        $kept = Compare-SyncedData -Keyspace $f.Name -Index $f.Name @c -ErrorAction SilentlyContinue
        $kept.Id | Should -Be @($id)
        # Errors that stop the caller stop it at the end, after everything was compared.
        { Compare-SyncedData -Keyspace $f.Name -Index $f.Name @c -ErrorAction Stop } |
            Should -Throw -ErrorId 'ComparisonIncomplete,Synced.PowerShell.Commands.CompareSyncedDataCommand'
    }

    It 'stops reading when a later command in the pipeline has what it wants' {
        1..30 | ForEach-Object { Add-Document $f ([guid]::NewGuid()) $now.AddHours(-1) }
        $first = Compare-SyncedData -Keyspace $f.Name -Index $f.Name @c | Select-Object -First 2
        $first | Should -HaveCount 2
    }

    It 'shows progress and tells each phase with -Verbose' {
        $null = Add-EveryKind $f
        $ps = New-SyncedPowerShell
        try {
            $null = $ps.AddCommand('Compare-SyncedData').AddParameter('Keyspace', $f.Name).AddParameter('Index', $f.Name).AddParameter('Verbose')
            foreach ($key in $c.Keys) { $null = $ps.AddParameter($key, $c[$key]) }
            $output = $ps.Invoke()
            $output | Should -HaveCount 4
            $ps.Streams.Progress.Activity | Should -Contain 'Comparing Cassandra and Elasticsearch'
            ($ps.Streams.Verbose.Message -join "`n") | Should -Match 'comparing Cassandra'
        }
        finally { $ps.Dispose() }
    }

    It 'stops promptly on Ctrl+C' {
        Assert-StopsPromptlyOnSilentNode -Command Compare-SyncedData -Keyspace $f.Name -Index $f.Name -Connection $c
    }

    It 'has the parameters of Invoke-SyncedRun that apply, and writes no checkpoint' {
        $command = Get-Command Compare-SyncedData
        foreach ($name in 'Keyspace', 'Index', 'Table', 'ExcludeTable', 'Begin', 'End', 'CassandraHost', 'CassandraCredential', 'ElasticsearchUri', 'ElasticsearchApiKey', 'IndexLayout') {
            $command.Parameters.Keys | Should -Contain $name
        }
        $command.Parameters['Summary'].SwitchParameter | Should -BeTrue
        $command.Parameters['Keyspace'].Attributes.Where({ $_ -is [Parameter] }).Position | Should -Be 0
        $command.Parameters['Table'].Attributes.Where({ $_ -is [SupportsWildcards] }) | Should -Not -BeNullOrEmpty
        $command.OutputType.Name | Should -Contain 'Synced.Difference'
        $null = Add-EveryKind $f
        $null = Compare-SyncedData $f.Name $f.Name @c
        Get-SyncedCheckpoint -StatePath $f.State | Should -BeNullOrEmpty
    }
}

Describe 'Repair-SyncedData' {
    BeforeEach {
        $f = New-SyncFixture $emulator $session
        $c = $f.Connection
    }
    AfterEach { Remove-Item -Recurse -Force $f.State -ErrorAction SilentlyContinue }

    It 'repairs piped differences from the newer side, so a second comparison finds nothing' {
        $ids = Add-EveryKind $f

        $result = Compare-SyncedData -Keyspace $f.Name -Index $f.Name @c | Repair-SyncedData @c

        $result | Should -BeOfType ([Synced.RepairResult])
        $result.Status | Should -Be 'Succeeded'
        $result.Differences | Should -Be 4
        $result.Written | Should -Be 4
        $result.FailedEntries | Should -Be 0
        ($result.Tables | Where-Object Direction -eq 'CassandraToElasticsearch').Written | Should -Be 2
        ($result.Tables | Where-Object Direction -eq 'ElasticsearchToCassandra').Written | Should -Be 2
        (Get-Document $f $ids.MissingInElasticsearch).name | Should -Be 'only in cassandra'
        (Get-CassandraNewest $session $f $ids.MissingInCassandra).name | Should -Be 'only in es'
        (Get-Document $f $ids.ElasticsearchOlder).name | Should -Be 'newer in cassandra'
        (Get-CassandraNewest $session $f $ids.CassandraOlder).name | Should -Be 'newer in es'
        Compare-SyncedData -Keyspace $f.Name -Index $f.Name @c | Should -BeNullOrEmpty
        Get-SyncedCheckpoint -StatePath $f.State | Should -BeNullOrEmpty
    }

    It 'compares and repairs in one go given a keyspace and an index' {
        $null = Add-EveryKind $f

        $result = Repair-SyncedData $f.Name $f.Name @c

        $result.Status | Should -Be 'Succeeded'
        $result.Written | Should -Be 4
        Compare-SyncedData -Keyspace $f.Name -Index $f.Name @c | Should -BeNullOrEmpty
    }

    It 'repairs differences saved as CSV, binding each by its property names' {
        $ids = Add-EveryKind $f
        $csv = Join-Path $f.State 'differences.csv'
        Compare-SyncedData -Keyspace $f.Name -Index $f.Name @c | Export-Csv -Path $csv

        $result = Import-Csv $csv | Repair-SyncedData @c

        $result.Written | Should -Be 4
        (Get-CassandraNewest $session $f $ids.MissingInCassandra).name | Should -Be 'only in es'
    }

    It 'lists what it would restore under -WhatIf and writes nothing' {
        $ids = Add-EveryKind $f

        $result = Compare-SyncedData -Keyspace $f.Name -Index $f.Name @c | Repair-SyncedData @c -WhatIf

        $result.Status | Should -Be 'WhatIf'
        $result.WouldWrite | Should -Be 4
        $result.Written | Should -Be 0
        Get-Document $f $ids.MissingInElasticsearch | Should -BeNullOrEmpty
        Get-CassandraNewest $session $f $ids.MissingInCassandra | Should -BeNullOrEmpty
        Compare-SyncedData -Keyspace $f.Name -Index $f.Name @c | Should -HaveCount 4

        # The What if: lines go to the host: a child process shows them.
        $connection = "-CassandraHost $($emulator.CassandraHost) -CassandraPort $($emulator.CassandraPort) -ElasticsearchUri $($emulator.ElasticsearchUri) -Consistency One"
        $output = Invoke-ChildPwsh "Import-Module '$env:SYNCED_TEST_MODULE'; Repair-SyncedData $($f.Name) $($f.Name) $connection -WhatIf | Out-Null"
        $whatIf = @($output | Where-Object { $_ -like 'What if:*' })
        $whatIf | Should -HaveCount 4
        ($whatIf -join "`n") | Should -Match "Copy the Elasticsearch version to Cassandra, which lacks it \(never synced there, or deleted there\).*$($ids.MissingInCassandra)"
    }

    It 'never writes an older version over a newer one written since the comparison' {
        $id = [guid]::NewGuid()
        Add-CassandraUser $session $f $id $now.AddHours(-1) 'cassandra'
        Add-Document $f $id $now.AddHours(-2) @{ name = 'old'; age = 1 }
        $differences = Compare-SyncedData -Keyspace $f.Name -Index $f.Name @c
        Add-Document $f $id $now.AddMinutes(-1) @{ name = 'written meanwhile'; age = 2 }

        $result = $differences | Repair-SyncedData @c

        $result.SkippedNotNewer | Should -Be 1
        $result.Written | Should -Be 0
        (Get-Document $f $id).name | Should -Be 'written meanwhile'
    }

    It 'reports each difference it cannot repair as EntryNotSynced and ends with SyncIncomplete after its result' {
        $g = New-SyncFixture $emulator $session -ElasticsearchProperties @{ name = @{ type = 'text' }; age = @{ type = 'keyword' } }
        try {
            $bad = [guid]::NewGuid(); $good = [guid]::NewGuid()
            Add-SandboxDocument -ElasticsearchUri $emulator.ElasticsearchUri -Index "$($g.Name)-users" -Id $bad -Tmstmp $now.AddHours(-1) -Fields @{ name = 'bad'; age = 'forty' }
            Add-SandboxDocument -ElasticsearchUri $emulator.ElasticsearchUri -Index "$($g.Name)-users" -Id $good -Tmstmp $now.AddHours(-1) -Fields @{ name = 'good'; age = '40' }
            $gc = $g.Connection
            $script:result = $null
            $terminating = $null
            try {
                Repair-SyncedData $g.Name $g.Name @gc -ErrorVariable errors -ErrorAction SilentlyContinue | ForEach-Object { $script:result = $_ }
            }
            catch { $terminating = $_ }

            $script:result.Status | Should -Be 'Incomplete'
            $script:result.FailedEntries | Should -Be 1
            $script:result.Written | Should -Be 1
            $entryErrors = @($errors | Where-Object { $_.FullyQualifiedErrorId -like 'EntryNotSynced*' })
            $entryErrors | Should -HaveCount 1
            $entryErrors[0].TargetObject | Should -Be "users/$bad"
            $entryErrors[0].Exception.Message | Should -Match 'age'
            $terminating | Should -BeNullOrEmpty
            $errors[-1].FullyQualifiedErrorId | Should -Be 'SyncIncomplete,Synced.PowerShell.Commands.RepairSyncedDataCommand'
            $errors[-1].TargetObject.Status | Should -Be 'Incomplete'
            (Get-CassandraNewest $session $g $good).age | Should -Be 40
            $r = Repair-SyncedData $g.Name $g.Name @gc -ErrorAction SilentlyContinue
            $r.Status | Should -Be 'Incomplete'
            $caught = $null
            try { Repair-SyncedData $g.Name $g.Name @gc -ErrorAction Stop | Out-Null } catch { $caught = $_ }
            $caught.FullyQualifiedErrorId | Should -Be 'SyncIncomplete,Synced.PowerShell.Commands.RepairSyncedDataCommand'
            $caught.TargetObject.Status | Should -Be 'Incomplete'

            # A scheduler sees it: pwsh -Command exits non-zero.
            $command = "Import-Module '$env:SYNCED_TEST_MODULE'; Repair-SyncedData $($g.Name) $($g.Name) -CassandraHost $($emulator.CassandraHost) -CassandraPort $($emulator.CassandraPort) -ElasticsearchUri $($emulator.ElasticsearchUri) -Consistency One"
            $output = Invoke-ChildPwsh $command
            $LASTEXITCODE | Should -Not -Be 0
            ($output -join "`n") | Should -Match 'did not repair everything'
        }
        finally { Remove-Item -Recurse -Force $g.State -ErrorAction SilentlyContinue }
    }

    It 'refuses a piped difference whose table is a pattern, with InvalidDifference, and repairs the others' {
        $ids = Add-EveryKind $f
        $differences = @(Compare-SyncedData -Keyspace $f.Name -Index $f.Name @c)
        $broken = [pscustomobject]@{ Keyspace = $f.Name; Index = $f.Name; Table = 'us*'; Id = [guid]::NewGuid(); Kind = 'MissingInCassandra' }

        $result = @($broken) + $differences | Repair-SyncedData @c -ErrorVariable errors -ErrorAction SilentlyContinue

        @($errors | Where-Object FullyQualifiedErrorId -like 'InvalidDifference*') | Should -HaveCount 1
        $result.Written | Should -Be 4
    }

    It 'stops before writing anything when a cluster cannot be reached' {
        $parameters = $c.Clone()
        $parameters.CassandraPort = 1
        { Repair-SyncedData $f.Name $f.Name @parameters } | Should -Throw -ErrorId 'ClusterUnreachable,Synced.PowerShell.Commands.RepairSyncedDataCommand'
        $difference = [pscustomobject]@{ Keyspace = $f.Name; Index = $f.Name; Table = 'users'; Id = [guid]::NewGuid(); Kind = 'MissingInCassandra' }
        { $difference | Repair-SyncedData @parameters } | Should -Throw -ErrorId 'ClusterUnreachable,Synced.PowerShell.Commands.RepairSyncedDataCommand'
    }

    It 'shows the progress of the comparison and of the repair' {
        $null = Add-EveryKind $f
        $ps = New-SyncedPowerShell
        try {
            $null = $ps.AddCommand('Repair-SyncedData').AddParameter('Keyspace', $f.Name).AddParameter('Index', $f.Name).AddParameter('Verbose')
            foreach ($key in $c.Keys) { $null = $ps.AddParameter($key, $c[$key]) }
            $output = $ps.Invoke()
            $output[0].Status | Should -Be 'Succeeded'
            $ps.Streams.Progress.Activity | Should -Contain 'Comparing Cassandra and Elasticsearch'
            $ps.Streams.Progress.Activity | Should -Contain 'Repairing differences'
        }
        finally { $ps.Dispose() }
    }

    It 'repairs nothing, without an error, when no difference comes down the pipeline' {
        $result = @() | Repair-SyncedData @c -ErrorVariable errors
        $result | Should -BeNullOrEmpty
        $errors | Should -BeNullOrEmpty
    }

    It 'has ShouldProcess, a parameter set for piped differences, and the result view' {
        $command = Get-Command Repair-SyncedData
        [System.Management.Automation.CommandMetadata]::new($command).SupportsShouldProcess | Should -BeTrue
        $command.ParameterSets.Name | Sort-Object | Should -Be @('Compare', 'Difference')
        foreach ($name in 'Keyspace', 'Index', 'Table', 'Id', 'Kind') {
            $set = $command.Parameters[$name].ParameterSets['Difference']
            $set.ValueFromPipelineByPropertyName | Should -BeTrue -Because "-$name binds from a Synced.Difference"
        }
        $command.Parameters['Kind'].ParameterType | Should -Be ([Synced.DifferenceKind])
        $null = Add-EveryKind $f
        $text = Repair-SyncedData $f.Name $f.Name @c | Out-String -Width 200
        $text | Should -Match 'Status\s+: Succeeded'
        $text | Should -Match 'Cassandra -> ES users: Repaired, 2 read, 2 written, 0 not newer, 0 failed'
    }
}
