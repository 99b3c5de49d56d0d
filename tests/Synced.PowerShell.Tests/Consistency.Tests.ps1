BeforeAll {
    . (Join-Path $PSScriptRoot 'TestHelpers.ps1')
    Import-SyncedTestModule
    # Nothing listens here: a consistency error must come before any connection attempt.
    $script:nowhere = @{ CassandraHost = '127.0.0.1'; CassandraPort = 1; ElasticsearchUri = 'http://127.0.0.1:1' }
}

Describe 'Consistency parameters' {
    It 'refuses -Consistency <Level> up front because it cannot serve <Use>' -ForEach @(
        @{ Level = 'Any'; Use = 'reads'; Instead = '-ReadConsistency' }
        @{ Level = 'Serial'; Use = 'writes'; Instead = '-WriteConsistency' }
        @{ Level = 'LocalSerial'; Use = 'writes'; Instead = '-WriteConsistency' }
    ) {
        $state = New-TestStatePath
        $err = $null
        try { Invoke-SyncedRun -Keyspace ks -Index ix @nowhere -StatePath $state -Consistency $Level -ErrorAction Stop } catch { $err = $_ }

        $err | Should -Not -BeNullOrEmpty
        $err.FullyQualifiedErrorId | Should -Be 'InvalidConsistency,Synced.PowerShell.Commands.InvokeSyncedRunCommand'
        $err.CategoryInfo.Category | Should -Be 'InvalidArgument'
        $err.Exception.Message | Should -Match "cannot serve Cassandra $Use"
        $err.Exception.Message | Should -Match $Instead
    }

    It 'refuses -ReadConsistency Any and -WriteConsistency Serial with the same error id' {
        { Test-SyncedConnection @nowhere -ReadConsistency Any } |
            Should -Throw -ErrorId 'InvalidConsistency,Synced.PowerShell.Commands.TestSyncedConnectionCommand'
        { Test-SyncedConnection @nowhere -WriteConsistency Serial } |
            Should -Throw -ErrorId 'InvalidConsistency,Synced.PowerShell.Commands.TestSyncedConnectionCommand'
    }

    It 'accepts a write-only shared level when reads get their own' {
        $checks = Test-SyncedConnection @nowhere -Consistency Any -ReadConsistency One
        @($checks | Where-Object Side -eq 'Cassandra').Count | Should -Be 1
        ($checks | Where-Object Side -eq 'Cassandra').Reachable | Should -BeFalse
    }
}
