BeforeAll {
    . (Join-Path $PSScriptRoot 'TestHelpers.ps1')
    Import-SyncedTestModule
    Import-SandboxModule
    # A Cassandra 5.0 emulator (storage-attached indexes) with Elasticsearch, and a 4.1 one for what 5.0 alone allows.
    $emulator = Start-SyncedEmulator -EmulatorDll (Get-EmulatorDll) -Cassandra -Elasticsearch -ExtraArguments @('--cassandra-version', '5.0.2')
    $session = Connect-SandboxCassandra $emulator
    $old = Start-SyncedEmulator -EmulatorDll (Get-EmulatorDll) -Cassandra -Elasticsearch
    $oldSession = Connect-SandboxCassandra $old
    $now = [DateTimeOffset]::UtcNow

    function Get-SaiIndex($Session, $Keyspace, $Table) {
        Get-SandboxRow $Session 'SELECT index_name, kind, options FROM system_schema.indexes WHERE keyspace_name = ? AND table_name = ?' @($Keyspace, $Table)
    }

    function Invoke-Verbose([scriptblock] $Script, [hashtable] $Arguments) {
        # Runs a command in a runspace of its own and returns its output and streams.
        $ps = New-SyncedPowerShell
        $null = $ps.AddScript($Script).AddParameters($Arguments)
        $output = $ps.Invoke()
        [pscustomobject]@{ Output = $output; Verbose = $ps.Streams.Verbose.Message -join "`n"; Warning = $ps.Streams.Warning.Message -join "`n"; Errors = @($ps.Streams.Error) }
        $ps.Dispose()
    }
}

AfterAll {
    if ($session) { $session.Dispose() }
    if ($oldSession) { $oldSession.Dispose() }
    Stop-SyncedEmulator $emulator
    Stop-SyncedEmulator $old
}

Describe 'Get-SyncedTable shows the scan of each Cassandra table' {
    BeforeAll {
        $f = New-SyncFixture $emulator $session
        Invoke-SandboxCql $session "CREATE TABLE $($f.Name).indexed (id uuid, tmstmp timeuuid, name text, PRIMARY KEY (id, tmstmp))"
        Invoke-SandboxCql $session "CREATE INDEX indexed_by_time ON $($f.Name).indexed (tmstmp) USING 'sai'"
        Invoke-SandboxCql $session "CREATE TABLE $($f.Name).legacy (k int PRIMARY KEY, v text)"
        $fc = $f.Connection
        $tables = Get-SyncedTable -Keyspace $f.Name -Index $f.Name @fc
    }
    AfterAll { Remove-Item -Recurse -Force $f.State -ErrorAction SilentlyContinue }

    It 'says IndexOnTmstmp with the index name for a table with an SAI index on tmstmp' {
        $indexed = $tables | Where-Object { $_.Side -eq 'Cassandra' -and $_.Name -eq 'indexed' }
        $indexed.Scan | Should -Be 'IndexOnTmstmp'
        $indexed.ScanIndex | Should -Be 'indexed_by_time'
        $indexed.CreateIndexStatement | Should -BeNullOrEmpty
        $indexed.Keyspace | Should -Be $f.Name
    }

    It 'says FullScan with the one statement that creates the index for a table without it' {
        $users = $tables | Where-Object { $_.Side -eq 'Cassandra' -and $_.Name -eq 'users' }
        $users.Scan | Should -Be 'FullScan'
        $users.CreateIndexStatement | Should -Be "CREATE INDEX users_tmstmp_sai ON $($f.Name).users (tmstmp) USING 'sai'"
        $users.ScanNote | Should -BeNullOrEmpty
    }

    It 'has no scan for Elasticsearch types and tables outside the contract' {
        ($tables | Where-Object Side -eq 'Elasticsearch').Scan | Should -BeNullOrEmpty
        ($tables | Where-Object Name -eq 'legacy').Scan | Should -BeNullOrEmpty
    }

    It 'shows the scan in its default view' {
        $text = $tables | Out-String -Width 250
        $text | Should -Match 'Scan'
        $text | Should -Match 'indexed\s.*IndexOnTmstmp'
        $text | Should -Match 'users\s.*FullScan'
    }

    It 'says on Cassandra 4.1 that the index needs 5.0, with no statement' {
        $g = New-SyncFixture $old $oldSession
        try {
            $gc = $g.Connection
            $users = Get-SyncedTable -Keyspace $g.Name -Index $g.Name @gc | Where-Object { $_.Side -eq 'Cassandra' -and $_.Name -eq 'users' }
            $users.Scan | Should -Be 'FullScan'
            $users.CreateIndexStatement | Should -BeNullOrEmpty
            $users.ScanNote | Should -Match 'from 5\.0'
            $users.ScanNote | Should -Match '4\.1'
        }
        finally { Remove-Item -Recurse -Force $g.State -ErrorAction SilentlyContinue }
    }
}

Describe 'Add-SyncedIndex' {
    BeforeEach {
        $f = New-SyncFixture $emulator $session
        $c = $f.Connection
    }
    AfterEach { Remove-Item -Recurse -Force $f.State -ErrorAction SilentlyContinue }

    It 'creates the SAI index on tmstmp, returns it, and the next run reads through it' {
        Add-CassandraUser $session $f ([guid]::NewGuid()) $now.AddHours(-1) 'indexed'

        $index = Add-SyncedIndex -Keyspace $f.Name -Table users @c

        $index | Should -BeOfType ([Synced.SyncedIndex])
        $index.Keyspace | Should -Be $f.Name
        $index.Table | Should -Be 'users'
        $index.Name | Should -Be 'users_tmstmp_sai'
        $index.Column | Should -Be 'tmstmp'
        $index.Created | Should -BeTrue
        $index.Statement | Should -Be "CREATE INDEX users_tmstmp_sai ON $($f.Name).users (tmstmp) USING 'sai'"
        $row = @(Get-SaiIndex $session $f.Name 'users')
        $row.Count | Should -Be 1
        $row[0].kind | Should -Be 'CUSTOM'
        $options = @{}
        foreach ($pair in $row[0].options.GetEnumerator()) { $options[[string]$pair.Key] = [string]$pair.Value }
        $options['class_name'] | Should -Be 'org.apache.cassandra.index.sai.StorageAttachedIndex'
        $options['target'] | Should -Be 'tmstmp'
        (Get-SyncedTable $f.Name $f.Name @c | Where-Object { $_.Side -eq 'Cassandra' -and $_.Name -eq 'users' }).Scan | Should -Be 'IndexOnTmstmp'
        $run = Invoke-Verbose { param($Keyspace, $Connection) Invoke-SyncedRun -Keyspace $Keyspace -Index $Keyspace @Connection -Verbose } @{ Keyspace = $f.Name; Connection = $c }
        $run.Output[0].Status | Should -Be 'Succeeded'
        $run.Verbose | Should -Match 'CassandraToElasticsearch users: .*reads the range through the index users_tmstmp_sai on tmstmp'
    }

    It 'says on a run without the index that it scans in full, with the statement' {
        $run = Invoke-Verbose { param($Keyspace, $Connection) Invoke-SyncedRun -Keyspace $Keyspace -Index $Keyspace @Connection -Verbose } @{ Keyspace = $f.Name; Connection = $c }
        $run.Output[0].Status | Should -Be 'Succeeded'
        $run.Verbose | Should -Match 'CassandraToElasticsearch users: .*full scan with ALLOW FILTERING.*CREATE INDEX users_tmstmp_sai'
    }

    It 'reports a table that has the index already as not created, and creates nothing' {
        Invoke-SandboxCql $session "CREATE INDEX mine ON $($f.Name).users (tmstmp) USING 'sai'"

        $index = Add-SyncedIndex $f.Name users @c

        $index.Created | Should -BeFalse
        $index.Name | Should -Be 'mine'
        @(Get-SaiIndex $session $f.Name 'users').Count | Should -Be 1
        ($index | Out-String) | Should -Match 'mine\s+tmstmp\s+was there'
    }

    It 'creates nothing under -WhatIf and says what it would run' {
        $command = "Import-Module '$env:SYNCED_TEST_MODULE'; Add-SyncedIndex -Keyspace $($f.Name) -Table users -CassandraHost $($emulator.CassandraHost) -CassandraPort $($emulator.CassandraPort) -WhatIf"
        Push-Location (Join-Path $PSScriptRoot '../..')
        try { $output = & dotnet pwsh -NoProfile -NonInteractive -Command $command 2>&1 }
        finally { Pop-Location }

        $LASTEXITCODE | Should -Be 0
        ($output -join "`n") | Should -Match "What if: .*CREATE INDEX users_tmstmp_sai ON $($f.Name)\.users \(tmstmp\) USING 'sai'"
        Get-SaiIndex $session $f.Name 'users' | Should -BeNullOrEmpty
    }

    It 'supports ShouldProcess with a medium impact' {
        $metadata = [System.Management.Automation.CommandMetadata]::new((Get-Command Add-SyncedIndex))
        $metadata.SupportsShouldProcess | Should -BeTrue
        $metadata.ConfirmImpact | Should -Be 'Medium'
    }

    It 'indexes what Get-SyncedTable pipes in, each table once, passing over tables outside the contract' {
        Invoke-SandboxCql $session "CREATE TABLE $($f.Name).orders (id uuid, tmstmp timeuuid, total int, PRIMARY KEY (id, tmstmp))"
        Invoke-SandboxCql $session "CREATE TABLE $($f.Name).legacy (k int PRIMARY KEY, v text)"

        $created = Get-SyncedTable $f.Name $f.Name @c | Where-Object Scan -eq FullScan | Add-SyncedIndex @c
        $wildcard = Add-SyncedIndex $f.Name '*' @c -ErrorVariable problems

        ($created | Sort-Object Table).Table | Should -Be @('orders', 'users')
        $created.Created | Should -Not -Contain $false
        $problems | Should -BeNullOrEmpty
        ($wildcard | Sort-Object Table).Table | Should -Be @('orders', 'users')
        $wildcard.Created | Should -Not -Contain $true
        Get-SaiIndex $session $f.Name 'legacy' | Should -BeNullOrEmpty
    }

    It 'fails a table name the keyspace does not have with TableNotFound, naming its tables, and goes on with the others' {
        $index = Add-SyncedIndex $f.Name nothing, users @c -ErrorAction SilentlyContinue -ErrorVariable problems

        $problems.Count | Should -Be 1
        $problems[0].FullyQualifiedErrorId | Should -BeLike 'TableNotFound,*'
        $problems[0].Exception.Message | Should -Match 'users'
        $index.Table | Should -Be 'users'
    }

    It 'fails a table outside the contract named in full with TableOutsideContract and creates nothing' {
        Invoke-SandboxCql $session "CREATE TABLE $($f.Name).legacy (k int PRIMARY KEY, v text)"

        Add-SyncedIndex $f.Name legacy @c -ErrorAction SilentlyContinue -ErrorVariable problems | Should -BeNullOrEmpty

        $problems[0].FullyQualifiedErrorId | Should -BeLike 'TableOutsideContract,*'
        $problems[0].CategoryInfo.Category | Should -Be 'InvalidData'
        Get-SaiIndex $session $f.Name 'legacy' | Should -BeNullOrEmpty
    }

    It 'fails with IndexNotCreated and the statement when Cassandra refuses it' {
        # The name the index would take is held by an index on another column.
        Invoke-SandboxCql $session "CREATE INDEX users_tmstmp_sai ON $($f.Name).users (name) USING 'sai'"

        Add-SyncedIndex $f.Name users @c -ErrorAction SilentlyContinue -ErrorVariable problems | Should -BeNullOrEmpty

        $problems[0].FullyQualifiedErrorId | Should -BeLike 'IndexNotCreated,*'
        $problems[0].Exception.Message | Should -Match "CREATE INDEX users_tmstmp_sai ON $($f.Name)\.users \(tmstmp\) USING 'sai'"
        $problems[0].TargetObject | Should -Be "$($f.Name).users"
    }

    It 'stops with IndexNotSupported on Cassandra 4.1 and creates nothing' {
        $g = New-SyncFixture $old $oldSession
        try {
            $gc = $g.Connection
            { Add-SyncedIndex $g.Name users @gc -ErrorAction Stop } | Should -Throw -ErrorId 'IndexNotSupported,Synced.PowerShell.Commands.AddSyncedIndexCommand'
            $problem = $null
            try { Add-SyncedIndex $g.Name users @gc -ErrorAction Stop } catch { $problem = $_ }
            $problem.Exception.Message | Should -Match 'from 5\.0'
            $problem.CategoryInfo.Category | Should -Be 'NotImplemented'
            Get-SaiIndex $oldSession $g.Name 'users' | Should -BeNullOrEmpty
        }
        finally { Remove-Item -Recurse -Force $g.State -ErrorAction SilentlyContinue }
    }

    It 'stops with KeyspaceNotFound for a keyspace that is not there' {
        { Add-SyncedIndex nosuchkeyspace users @c -ErrorAction Stop } | Should -Throw -ErrorId 'KeyspaceNotFound,Synced.PowerShell.Commands.AddSyncedIndexCommand'
    }

    It 'stops with ClusterUnreachable when Cassandra does not answer' {
        $down = $c.Clone()
        $down.CassandraPort = 1
        { Add-SyncedIndex $f.Name users @down -ErrorAction Stop } | Should -Throw -ErrorId 'ClusterUnreachable,Synced.PowerShell.Commands.AddSyncedIndexCommand'
    }
}
