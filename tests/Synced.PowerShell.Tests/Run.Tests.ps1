BeforeAll {
    . (Join-Path $PSScriptRoot 'TestHelpers.ps1')
    Import-SyncedTestModule
    Import-SandboxModule
    # Real clusters when SYNCED_TEST_CASSANDRA (host:port) and SYNCED_TEST_ELASTICSEARCH (URI) say so, else the emulators.
    $emulator = Get-RealClusters
    if (-not $emulator) { $emulator = Start-SyncedEmulator -EmulatorDll (Get-EmulatorDll) -Cassandra -Elasticsearch }
    $session = Connect-SandboxCassandra $emulator
    $hour = [TimeSpan]::FromHours(1)
    $now = [DateTimeOffset]::UtcNow
}

AfterAll {
    if ($session) { $session.Dispose() }
    Stop-SyncedEmulator $emulator
}

Describe 'Invoke-SyncedRun' {
    BeforeEach {
        $f = New-SyncFixture $emulator $session
        $c = $f.Connection
    }
    AfterEach { Remove-Item -Recurse -Force $f.State -ErrorAction SilentlyContinue }

    It 'syncs both ways so that each side holds the newest version of every entry' {
        $shared = [guid]::NewGuid(); $onlyInCassandra = [guid]::NewGuid(); $onlyInEs = [guid]::NewGuid()
        Add-CassandraUser $session $f $shared $now.AddHours(-3) 'old name' 30
        Add-SandboxDocument -ElasticsearchUri $emulator.ElasticsearchUri -Index "$($f.Name)-users" -Id $shared -Tmstmp $now.AddHours(-1) -Fields @{ name = 'new name'; age = 31 }
        Add-CassandraUser $session $f $onlyInCassandra $now.AddHours(-2) 'cassandra only' 40
        Add-SandboxDocument -ElasticsearchUri $emulator.ElasticsearchUri -Index "$($f.Name)-users" -Id $onlyInEs -Tmstmp $now.AddHours(-2) -Fields @{ name = 'es only'; age = 50 }

        $result = Invoke-SyncedRun -Keyspace $f.Name -Index $f.Name @c

        $result | Should -BeOfType ([Synced.RunResult])
        $result.Status | Should -Be 'Succeeded'
        $result.CheckpointAdvanced | Should -BeTrue
        $result.BeginSource | Should -Be 'Epoch'
        (Get-CassandraNewest $session $f $shared).name | Should -Be 'new name'
        (Get-CassandraNewest $session $f $onlyInEs).name | Should -Be 'es only'
        (Get-SandboxDocument -ElasticsearchUri $emulator.ElasticsearchUri -Index "$($f.Name)-users" -Id $onlyInCassandra).name | Should -Be 'cassandra only'
        (Get-SandboxDocument -ElasticsearchUri $emulator.ElasticsearchUri -Index "$($f.Name)-users" -Id $shared).name | Should -Be 'new name'
        $toEs = $result.Tables | Where-Object Direction -eq 'CassandraToElasticsearch'
        $toEs.Written | Should -Be 1
        $toEs.SkippedNotNewer | Should -Be 1
        ($result.Tables | Where-Object Direction -eq 'ElasticsearchToCassandra').Written | Should -Be 2
    }

    It 'starts the next run at the checkpoint minus the overlap and writes nothing new' {
        Add-CassandraUser $session $f ([guid]::NewGuid()) $now.AddHours(-1) 'someone'
        $first = Invoke-SyncedRun -Keyspace $f.Name -Index $f.Name @c
        $second = Invoke-SyncedRun -Keyspace $f.Name -Index $f.Name @c -Overlap 10

        $second.BeginSource | Should -Be 'Checkpoint'
        $second.Begin | Should -Be $first.End.AddSeconds(-10)
        $second.Written | Should -Be 0
        (Get-SyncedCheckpoint -StatePath $f.State).End | Should -Be $second.End
    }

    It 'writes nothing and leaves no checkpoint under -WhatIf, reporting what would be written' {
        $id = [guid]::NewGuid()
        Add-CassandraUser $session $f $id $now.AddHours(-1) 'would be copied'

        $result = Invoke-SyncedRun -Keyspace $f.Name -Index $f.Name @c -WhatIf

        $result.Status | Should -Be 'WhatIf'
        $result.WouldWrite | Should -Be 1
        $result.CheckpointAdvanced | Should -BeFalse
        Get-SandboxDocument -ElasticsearchUri $emulator.ElasticsearchUri -Index "$($f.Name)-users" -Id $id | Should -BeNullOrEmpty
        Get-SyncedCheckpoint -StatePath $f.State | Should -BeNullOrEmpty
    }

    It "runs the original README's examples: an explicit range in unix seconds, then from the checkpoint" {
        $inJanuary = [guid]::NewGuid(); $inMarch = [guid]::NewGuid()
        Add-CassandraUser $session $f $inJanuary ([DateTimeOffset]::new(2015, 1, 15, 0, 0, 0, [TimeSpan]::Zero)) 'january'
        Add-CassandraUser $session $f $inMarch ([DateTimeOffset]::new(2015, 3, 15, 0, 0, 0, [TimeSpan]::Zero)) 'march'

        $ranged = Invoke-SyncedRun -Begin 1420070400 -End 1422748800 -Keyspace $f.Name -Index $f.Name @c
        $ranged.Begin | Should -Be ([datetime]::new(2015, 1, 1, 0, 0, 0, [DateTimeKind]::Utc))
        $ranged.End | Should -Be ([datetime]::new(2015, 2, 1, 0, 0, 0, [DateTimeKind]::Utc))
        $ranged.Written | Should -Be 1
        $ranged.CheckpointAdvanced | Should -BeFalse
        $ranged.CheckpointNote | Should -Match 'no watermark yet'
        Get-SandboxDocument -ElasticsearchUri $emulator.ElasticsearchUri -Index "$($f.Name)-users" -Id $inMarch | Should -BeNullOrEmpty

        $default = Invoke-SyncedRun -Keyspace $f.Name -Index $f.Name @c
        $default.BeginSource | Should -Be 'Epoch'
        $default.CheckpointAdvanced | Should -BeTrue
        (Get-SandboxDocument -ElasticsearchUri $emulator.ElasticsearchUri -Index "$($f.Name)-users" -Id $inMarch).name | Should -Be 'march'
    }

    It 'syncs one way only with -Direction' {
        $toEs = [guid]::NewGuid(); $toCassandra = [guid]::NewGuid()
        Add-CassandraUser $session $f $toEs $now.AddHours(-1) 'to es'
        Add-SandboxDocument -ElasticsearchUri $emulator.ElasticsearchUri -Index "$($f.Name)-users" -Id $toCassandra -Tmstmp $now.AddHours(-1) -Fields @{ name = 'stays'; age = 1 }

        $result = Invoke-SyncedRun -Keyspace $f.Name -Index $f.Name @c -Direction CassandraToElasticsearch

        $result.Tables.Direction | Should -Be @('CassandraToElasticsearch')
        (Get-SandboxDocument -ElasticsearchUri $emulator.ElasticsearchUri -Index "$($f.Name)-users" -Id $toEs).name | Should -Be 'to es'
        Get-CassandraNewest $session $f $toCassandra | Should -BeNullOrEmpty
    }

    It 'warns about a table that breaks the contract and syncs the others' {
        Invoke-SandboxCql $session "CREATE TABLE $($f.Name).legacy (k int PRIMARY KEY, v text)"
        Add-CassandraUser $session $f ([guid]::NewGuid()) $now.AddHours(-1) 'fine'

        $result = Invoke-SyncedRun -Keyspace $f.Name -Index $f.Name @c -WarningVariable warnings -WarningAction SilentlyContinue

        $result.Status | Should -Be 'Succeeded'
        ($result.Tables | Where-Object Table -eq 'legacy').Status | Should -Be 'Ignored'
        ($warnings -join "`n") | Should -Match 'legacy'
    }

    It 'selects tables with -Table and creates a missing index with -CreateMissing' {
        Invoke-SandboxCql $session "CREATE TABLE $($f.Name).orders (id uuid, tmstmp timeuuid, name text, age int, PRIMARY KEY (id, tmstmp)) WITH CLUSTERING ORDER BY (tmstmp DESC)"
        $order = [guid]::NewGuid()
        Add-CassandraUser $session $f $order $now.AddHours(-1) 'an order' -Table orders
        Add-CassandraUser $session $f ([guid]::NewGuid()) $now.AddHours(-1) 'not selected'

        $result = Invoke-SyncedRun -Keyspace $f.Name -Index $f.Name @c -Table ord* -CreateMissing

        $result.Tables.Table | Sort-Object -Unique | Should -Be @('orders')
        ($result.Tables | Where-Object Direction -eq 'CassandraToElasticsearch').Created | Should -BeTrue
        (Get-SandboxDocument -ElasticsearchUri $emulator.ElasticsearchUri -Index "$($f.Name)-orders" -Id $order).name | Should -Be 'an order'
    }

    It 'syncs into a single index with a discriminator field of your choosing' {
        $id = [guid]::NewGuid()
        Add-CassandraUser $session $f $id $now.AddHours(-1) 'single'
        $single = "$($f.Name)single"

        $result = Invoke-SyncedRun -Keyspace $f.Name -Index $single @c -IndexLayout SingleIndex -DiscriminatorField kind -CreateMissing -Direction CassandraToElasticsearch

        $result.Status | Should -Be 'Succeeded'
        $doc = (Invoke-RestMethod -Uri "$($emulator.ElasticsearchUri.ToString().TrimEnd('/'))/$single/_doc/users:$id")._source
        $doc.kind | Should -Be 'users'
        $doc.name | Should -Be 'single'
        { Invoke-SyncedRun -Keyspace $f.Name -Index $single @c -IndexLayout SingleIndex -DiscriminatorField tmstmp } |
            Should -Throw -ErrorId 'InvalidConfiguration,Synced.PowerShell.Commands.InvokeSyncedRunCommand'
    }

    It 'reports a failed entry as EntryNotSynced, ends with SyncIncomplete after the result, keeps that watermark, and syncs it once fixed' {
        $g = New-SyncFixture $emulator $session -ElasticsearchProperties @{ name = @{ type = 'text' }; age = @{ type = 'keyword' } }
        try {
            $bad = [guid]::NewGuid(); $good = [guid]::NewGuid()
            $when = $now.AddHours(-1)
            $index = "$($g.Name)-users"
            Add-SandboxDocument -ElasticsearchUri $emulator.ElasticsearchUri -Index $index -Id $bad -Tmstmp $when -Fields @{ name = 'bad age'; age = 'forty' }
            Add-SandboxDocument -ElasticsearchUri $emulator.ElasticsearchUri -Index $index -Id $good -Tmstmp $when -Fields @{ name = 'good'; age = '40' }
            $before = Set-FixtureCheckpoint $g $now.AddDays(-1)

            $gc = $g.Connection
            $result = Invoke-SyncedRun -Keyspace $g.Name -Index $g.Name @gc -ErrorVariable errors -ErrorAction SilentlyContinue

            $result.Status | Should -Be 'Incomplete'
            $result.FailedEntries | Should -Be 1
            $result.Failures[0].Id | Should -Be $bad
            $incomplete = @($errors | Where-Object { $_.FullyQualifiedErrorId -like 'SyncIncomplete*' })
            $incomplete | Should -HaveCount 1
            $incomplete[0].FullyQualifiedErrorId | Should -Be 'SyncIncomplete,Synced.PowerShell.Commands.InvokeSyncedRunCommand'
            $incomplete[0].TargetObject.Status | Should -Be 'Incomplete'
            $errors[-1].FullyQualifiedErrorId | Should -BeLike 'SyncIncomplete*'
            $entryErrors = @($errors | Where-Object { $_.FullyQualifiedErrorId -like 'EntryNotSynced*' })
            $entryErrors | Should -HaveCount 1
            $entryErrors[0].TargetObject | Should -Be "users/$bad"
            $entryErrors[0].Exception.Message | Should -Match 'age'
            (Get-CassandraNewest $session $g $good).age | Should -Be 40
            ($result.Tables | Where-Object Direction -eq 'ElasticsearchToCassandra').WatermarkAdvanced | Should -BeFalse
            ($result.Tables | Where-Object Direction -eq 'CassandraToElasticsearch').WatermarkAdvanced | Should -BeTrue
            (Get-SyncedCheckpoint -StatePath $g.State).End | Should -Be $before.End
            (Get-SyncedCheckpoint -StatePath $g.State).LastRun.Status | Should -Be 'Incomplete'

            Add-SandboxDocument -ElasticsearchUri $emulator.ElasticsearchUri -Index $index -Id $bad -Tmstmp $when -Fields @{ name = 'bad age'; age = '41' }
            $gc = $g.Connection
            $retry = Invoke-SyncedRun -Keyspace $g.Name -Index $g.Name @gc
            $retry.Status | Should -Be 'Succeeded'
            $retry.BeginSource | Should -Be 'Checkpoint'
            (Get-SyncedCheckpoint -StatePath $g.State).End | Should -Be $retry.End
            (Get-CassandraNewest $session $g $bad).age | Should -Be 41
        }
        finally { Remove-Item -Recurse -Force $g.State -ErrorAction SilentlyContinue }
    }

    It 'exits non-zero from pwsh -Command when anything failed, as a scheduler needs' {
        $g = New-SyncFixture $emulator $session -ElasticsearchProperties @{ name = @{ type = 'text' }; age = @{ type = 'keyword' } }
        try {
            Add-SandboxDocument -ElasticsearchUri $emulator.ElasticsearchUri -Index "$($g.Name)-users" -Id ([guid]::NewGuid()) -Tmstmp $now.AddHours(-1) -Fields @{ age = 'not a number' }
            $command = "Import-Module '$env:SYNCED_TEST_MODULE'; Invoke-SyncedRun -Keyspace $($g.Name) -Index $($g.Name) -CassandraHost $($emulator.CassandraHost) -CassandraPort $($emulator.CassandraPort) -ElasticsearchUri $($emulator.ElasticsearchUri) -Consistency One -StatePath '$($g.State)'"
            Push-Location (Join-Path $PSScriptRoot '../..')
            try { $output = & dotnet pwsh -NoProfile -NonInteractive -Command $command 2>&1 }
            finally { Pop-Location }
            $LASTEXITCODE | Should -Not -Be 0
            ($output -join "`n") | Should -Match 'did not sync everything'
        }
        finally { Remove-Item -Recurse -Force $g.State -ErrorAction SilentlyContinue }
    }

    It 'shows progress per direction and tells each phase with -Verbose' {
        Add-CassandraUser $session $f ([guid]::NewGuid()) $now.AddHours(-1) 'progress'
        $ps = New-SyncedPowerShell
        try {
            $null = $ps.AddCommand('Invoke-SyncedRun').AddParameter('Keyspace', $f.Name).AddParameter('Index', $f.Name).AddParameter('Verbose')
            foreach ($key in $c.Keys) { $null = $ps.AddParameter($key, $c[$key]) }
            $output = $ps.Invoke()
            $output[0].Status | Should -Be 'Succeeded'
            $ps.Streams.Progress.Activity | Should -Contain 'Syncing Cassandra -> Elasticsearch'
            ($ps.Streams.Verbose.Message -join "`n") | Should -Match 'Range \['
        }
        finally { $ps.Dispose() }
    }

    It 'has a readable default view' {
        Add-CassandraUser $session $f ([guid]::NewGuid()) $now.AddHours(-1) 'view'
        $text = Invoke-SyncedRun -Keyspace $f.Name -Index $f.Name @c | Out-String -Width 200
        $text | Should -Match 'Range \(UTC\)'
        $text | Should -Match 'Watermarks\s+: Advanced'
        $text | Should -Match 'Cassandra -> ES users: Synced, 1 read, 1 written'
        ($result = Invoke-SyncedRun -Keyspace $f.Name -Index $f.Name @c).Tables | Out-String -Width 200 | Should -Match 'Cassandra -> ES\s+users\s+Synced'
    }

    It 'refuses a second run of the same configuration while one holds the lock' {
        $checkpoint = Set-FixtureCheckpoint $f $now.AddDays(-1)
        $lock = [System.IO.Path]::ChangeExtension($checkpoint.Path, '.lock')
        Set-Content -Path $lock -Value (@{ pid = $PID; host = [Environment]::MachineName; startedAt = [datetime]::UtcNow.ToString('o') } | ConvertTo-Json)
        try {
            { Invoke-SyncedRun -Keyspace $f.Name -Index $f.Name @c } | Should -Throw -ErrorId 'CheckpointLocked,Synced.PowerShell.Commands.InvokeSyncedRunCommand'
        }
        finally { Remove-Item $lock }
    }

    It 'stops promptly on Ctrl+C, leaving the checkpoint untouched and the lock released' {
        $checkpoint = Set-FixtureCheckpoint $f $now.AddDays(-1)
        Assert-StopsPromptlyOnSilentNode -Command Invoke-SyncedRun -Keyspace $f.Name -Index $f.Name -Connection $c
        (Get-SyncedCheckpoint -StatePath $f.State).End | Should -Be $checkpoint.End
        { Set-FixtureCheckpoint $f $now.AddDays(-2) } | Should -Not -Throw
    }

    It 'keeps the result and runs both directions when errors stop the caller, then stops with SyncIncomplete' {
        $g = New-SyncFixture $emulator $session -ElasticsearchProperties @{ name = @{ type = 'text' }; age = @{ type = 'keyword' } }
        try {
            $bad = [guid]::NewGuid(); $toEs = [guid]::NewGuid()
            Add-SandboxDocument -ElasticsearchUri $emulator.ElasticsearchUri -Index "$($g.Name)-users" -Id $bad -Tmstmp $now.AddHours(-1) -Fields @{ age = 'not a number' }
            Add-CassandraUser $session $g $toEs $now.AddHours(-1) 'crosses anyway'
            $gc = $g.Connection
            $caught = $null
            try { Invoke-SyncedRun -Keyspace $g.Name -Index $g.Name @gc -ErrorAction Stop -OutVariable seen | Out-Null }
            catch { $caught = $_ }

            $caught.FullyQualifiedErrorId | Should -Be 'SyncIncomplete,Synced.PowerShell.Commands.InvokeSyncedRunCommand'
            $caught.Exception.Message | Should -Match ([regex]::Escape("$bad"))
            $caught.TargetObject.Status | Should -Be 'Incomplete'
            $caught.TargetObject.Tables.Direction | Should -Contain 'ElasticsearchToCassandra'
            $seen[0].Status | Should -Be 'Incomplete'
            (Get-SandboxDocument -ElasticsearchUri $emulator.ElasticsearchUri -Index "$($g.Name)-users" -Id $toEs).name | Should -Be 'crosses anyway'
        }
        finally { Remove-Item -Recurse -Force $g.State -ErrorAction SilentlyContinue }
    }

    It 'exits 1 from a pwsh -File script with $ErrorActionPreference = Stop, after both directions ran, with the result at hand' {
        $g = New-SyncFixture $emulator $session -ElasticsearchProperties @{ name = @{ type = 'text' }; age = @{ type = 'keyword' } }
        $script = Join-Path $g.State 'job.ps1'
        try {
            $toEs = [guid]::NewGuid()
            Add-SandboxDocument -ElasticsearchUri $emulator.ElasticsearchUri -Index "$($g.Name)-users" -Id ([guid]::NewGuid()) -Tmstmp $now.AddHours(-1) -Fields @{ age = 'not a number' }
            Add-CassandraUser $session $g $toEs $now.AddHours(-1) 'from the script'
            Set-Content -Path $script -Value @"
`$ErrorActionPreference = 'Stop'
Import-Module '$env:SYNCED_TEST_MODULE'
try { `$r = Invoke-SyncedRun -Keyspace $($g.Name) -Index $($g.Name) -CassandraHost $($emulator.CassandraHost) -CassandraPort $($emulator.CassandraPort) -ElasticsearchUri $($emulator.ElasticsearchUri) -Consistency One -StatePath '$($g.State)' }
catch { `$r = `$_.TargetObject; Write-Output "status=`$(`$r.Status)"; throw }
"@
            Push-Location (Join-Path $PSScriptRoot '../..')
            try { $output = & dotnet pwsh -NoProfile -NonInteractive -File $script 2>&1 }
            finally { Pop-Location }
            $LASTEXITCODE | Should -Be 1
            ($output -join "`n") | Should -Match 'status=Incomplete'
            ((($output -join "`n") -replace '\x1b\[[0-9;]*m', '')) | Should -Match 'did not sync[\s|]+everything'
            (Get-SandboxDocument -ElasticsearchUri $emulator.ElasticsearchUri -Index "$($g.Name)-users" -Id $toEs).name | Should -Be 'from the script'
        }
        finally { Remove-Item -Recurse -Force $g.State -ErrorAction SilentlyContinue }
    }

    It 'fails with TableNotFound, naming the tables there, when a -Table pattern matches nothing, and writes no checkpoint' -ForEach @(
        @{ Pattern = 'nosuchtable' }
        @{ Pattern = 'zz*' }
    ) {
        $thrown = { Invoke-SyncedRun -Keyspace $f.Name -Index $f.Name @c -Table $Pattern } |
            Should -Throw -ErrorId 'TableNotFound,Synced.PowerShell.Commands.InvokeSyncedRunCommand' -PassThru
        $thrown.Exception.Message | Should -Match 'users'
        $thrown.CategoryInfo.Category | Should -Be 'ObjectNotFound'
        Get-ChildItem $f.State -Filter '*.json' | Should -BeNullOrEmpty
    }

    It 'says a table without a counterpart leaves the run incomplete, naming -CreateMissing and -ExcludeTable' {
        Invoke-SandboxCql $session "CREATE TABLE $($f.Name).products (id uuid, tmstmp timeuuid, name text, PRIMARY KEY (id, tmstmp))"
        $result = Invoke-SyncedRun -Keyspace $f.Name -Index $f.Name @c -ErrorVariable errors -ErrorAction SilentlyContinue -WarningAction SilentlyContinue
        $result.Status | Should -Be 'Incomplete'
        ($result.Tables | Where-Object Table -eq 'products').Status | Should -Be 'Unmatched'
        $errors[-1].FullyQualifiedErrorId | Should -BeLike 'SyncIncomplete*'
        $errors[-1].Exception.Message | Should -Match '-CreateMissing'
        $errors[-1].Exception.Message | Should -Match '-ExcludeTable products'
        (Invoke-SyncedRun -Keyspace $f.Name -Index $f.Name @c -ExcludeTable products).Status | Should -Be 'Succeeded'
    }

    It 'refuses a -StatePath that is a file with StatePathInvalid' {
        $file = Join-Path $f.State 'not-a-directory'
        Set-Content -Path $file -Value 'x'
        $parameters = $c.Clone(); $parameters.StatePath = $file
        { Invoke-SyncedRun -Keyspace $f.Name -Index $f.Name @parameters } |
            Should -Throw -ErrorId 'StatePathInvalid,Synced.PowerShell.Commands.InvokeSyncedRunCommand'
    }

    It 'compares its range after the run with -Verify and says both sides agree' {
        Add-CassandraUser $session $f ([guid]::NewGuid()) $now.AddHours(-1) 'verified'
        Add-SandboxDocument -ElasticsearchUri $emulator.ElasticsearchUri -Index "$($f.Name)-users" -Id ([guid]::NewGuid()) -Tmstmp $now.AddHours(-2) -Fields @{ name = 'from es'; age = 2 }

        $result = Invoke-SyncedRun -Keyspace $f.Name -Index $f.Name @c -Verify -WarningVariable warnings

        $result.Status | Should -Be 'Succeeded'
        $result.VerifiedDifferences | Should -Be 0
        ($result.Verification | Measure-Object).Count | Should -BeGreaterThan 0
        $warnings | Should -BeNullOrEmpty
        ($result | Out-String -Width 80) | Should -Match 'Verified\s+: both sides agree'
    }

    It 'refuses an empty range with InvalidTimeRange' {
        { Invoke-SyncedRun -Keyspace $f.Name -Index $f.Name @c -Begin 1422748800 -End 1420070400 } |
            Should -Throw -ErrorId 'InvalidTimeRange,Synced.PowerShell.Commands.InvokeSyncedRunCommand'
    }

    It 'stops before anything is written when <Case>' -ForEach @(
        @{ Case = 'Cassandra is unreachable'; Change = @{ CassandraPort = 1 }; ErrorId = 'ClusterUnreachable' }
        @{ Case = 'Elasticsearch is unreachable'; Change = @{ ElasticsearchUri = 'http://127.0.0.1:1' }; ErrorId = 'ClusterUnreachable' }
        @{ Case = 'the keyspace does not exist'; Keyspace = 'nosuchkeyspace'; ErrorId = 'KeyspaceNotFound' }
        @{ Case = 'the index does not exist'; Index = 'nosuchindex'; ErrorId = 'IndexNotFound' }
        @{ Case = 'the TLS handshake with Cassandra fails'; Change = @{ CassandraTls = $true }; ErrorId = 'TlsFailed' }
        @{ Case = 'a CA file does not exist'; Change = @{ CassandraCertificateAuthorityPath = '/nonexistent/ca.pem' }; ErrorId = 'InvalidConfiguration' }
        @{ Case = 'a certificate fingerprint is malformed'; Change = @{ ElasticsearchCertificateFingerprint = 'AA:BB' }; ErrorId = 'InvalidConfiguration' }
        @{ Case = 'both an API key and credentials are given'; Change = @{ ElasticsearchApiKey = (ConvertTo-SecureString 'k' -AsPlainText -Force); ElasticsearchCredential = [pscredential]::new('u', (ConvertTo-SecureString 'p' -AsPlainText -Force)) }; ErrorId = 'InvalidConfiguration' }
    ) {
        $parameters = $c.Clone()
        if ($Change) { foreach ($k in $Change.Keys) { $parameters[$k] = $Change[$k] } }
        $keyspace = if ($Keyspace) { $Keyspace } else { $f.Name }
        $index = if ($Index) { $Index } else { $f.Name }
        { Invoke-SyncedRun -Keyspace $keyspace -Index $index @parameters } | Should -Throw -ErrorId "$ErrorId,Synced.PowerShell.Commands.InvokeSyncedRunCommand"
        Get-SyncedCheckpoint -StatePath $f.State | Should -BeNullOrEmpty
    }

    It 'names the parameters to check when <Case>' -ForEach @(
        @{ Case = 'Cassandra is unreachable'; Change = @{ CassandraPort = 1 }; Named = @('-CassandraHost', '-CassandraPort') }
        @{ Case = 'the index does not exist'; Index = 'nosuchindex'; Named = @('-Index', '-CreateMissing') }
        @{ Case = 'the keyspace does not exist'; Keyspace = 'nosuchkeyspace'; Named = @('-Keyspace') }
        @{ Case = 'a timeout is out of bounds'; Change = @{ RequestTimeout = 0 }; Named = @('-RequestTimeout', 'Numbers are seconds') }
        @{ Case = 'both an API key and credentials are given'; Change = @{ ElasticsearchApiKey = (ConvertTo-SecureString 'k' -AsPlainText -Force); ElasticsearchCredential = [pscredential]::new('u', (ConvertTo-SecureString 'p' -AsPlainText -Force)) }; Named = @('-ElasticsearchApiKey', '-ElasticsearchCredential') }
        @{ Case = 'a contact point has no port number'; Change = @{ CassandraHost = 'db1:notaport' }; Named = @('-CassandraHost') }
    ) {
        $parameters = $c.Clone()
        if ($Change) { foreach ($k in $Change.Keys) { $parameters[$k] = $Change[$k] } }
        $keyspace = if ($Keyspace) { $Keyspace } else { $f.Name }
        $index = if ($Index) { $Index } else { $f.Name }
        $caught = $null
        try { Invoke-SyncedRun -Keyspace $keyspace -Index $index @parameters -ErrorAction Stop } catch { $caught = $_ }
        $caught | Should -Not -BeNullOrEmpty
        foreach ($name in $Named) { "$caught" | Should -Match ([regex]::Escape($name)) }
    }

    It 'has parameters with the standard names and defaults' {
        $command = Get-Command Invoke-SyncedRun
        $command.Parameters['CassandraCredential'].ParameterType | Should -Be ([pscredential])
        $command.Parameters['ElasticsearchApiKey'].ParameterType | Should -Be ([securestring])
        $command.Parameters['Keyspace'].Attributes.Mandatory | Should -Contain $true
        $metadata = [System.Management.Automation.CommandMetadata]::new($command)
        $metadata.SupportsShouldProcess | Should -BeTrue
    }
}

Describe 'Get-SyncedTable' {
    BeforeAll {
        $f = New-SyncFixture $emulator $session
        Invoke-SandboxCql $session "CREATE TABLE $($f.Name).legacy (k int PRIMARY KEY, v text)"
    }
    AfterAll { Remove-Item -Recurse -Force $f.State -ErrorAction SilentlyContinue }

    It 'lists both sides with whether each table meets the contract and why not' {
        $c = $f.Connection
        $tables = Get-SyncedTable -Keyspace $f.Name -Index $f.Name @c
        $tables | Should -Not -BeNullOrEmpty
        $tables[0] | Should -BeOfType ([Synced.SyncedTable])
        $users = $tables | Where-Object { $_.Side -eq 'Cassandra' -and $_.Name -eq 'users' }
        $users.MeetsContract | Should -BeTrue
        $users.OnOtherSide | Should -BeTrue
        $legacy = $tables | Where-Object Name -eq 'legacy'
        $legacy.MeetsContract | Should -BeFalse
        $legacy.Reason | Should -Not -BeNullOrEmpty
        ($tables | Where-Object Side -eq 'Elasticsearch').Name | Should -Contain 'users'
    }
}

Describe 'Test-SyncedConnection' {
    It 'reports both clusters as usable with their versions' {
        $checks = Test-SyncedConnection -CassandraHost $emulator.CassandraHost -CassandraPort $emulator.CassandraPort -ElasticsearchUri $emulator.ElasticsearchUri
        $checks | Should -HaveCount 2
        $checks | ForEach-Object { $_ | Should -BeOfType ([Synced.ConnectionTest]) }
        $checks.Success | Should -Be @($true, $true)
        $checks.Version | ForEach-Object { $_ | Should -Not -BeNullOrEmpty }
    }

    It 'returns a single boolean with -Quiet' {
        Test-SyncedConnection -CassandraHost $emulator.CassandraHost -CassandraPort $emulator.CassandraPort -ElasticsearchUri $emulator.ElasticsearchUri -Quiet | Should -BeTrue
        Test-SyncedConnection -CassandraHost $emulator.CassandraHost -CassandraPort 1 -ElasticsearchUri $emulator.ElasticsearchUri -Quiet | Should -BeFalse
    }

    It 'says what is wrong, without an error, when a cluster is down or the keyspace is missing' {
        $checks = Test-SyncedConnection -CassandraHost $emulator.CassandraHost -CassandraPort $emulator.CassandraPort -ElasticsearchUri 'http://127.0.0.1:1' -Keyspace nosuchkeyspace -ErrorVariable errors
        $errors | Should -BeNullOrEmpty
        $cassandra = $checks | Where-Object Side -eq 'Cassandra'
        $cassandra.Reachable | Should -BeTrue
        $cassandra.TargetExists | Should -BeFalse
        $cassandra.Message | Should -Match 'nosuchkeyspace'
        ($checks | Where-Object Side -eq 'Elasticsearch').Reachable | Should -BeFalse
    }
}
