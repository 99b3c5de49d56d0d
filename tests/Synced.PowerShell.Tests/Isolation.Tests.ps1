# Synced keeps its engine and third-party dependencies in a load context of its own on pwsh 7, so another module
# that loads a different version of one of them into the default context neither breaks Synced nor is broken by it.
# The other module is built here: a stand-in Elasticsearch.Net 6.8.23 (assembly version 6.0.0.0, as Elastic
# versions its 6.x clients; the NuGet source serves no Elasticsearch.Net but the 7.17.5 Synced uses) and a binary
# module whose cmdlet calls into it and that loads it through RequiredAssemblies, as such modules do.
BeforeAll {
    . (Join-Path $PSScriptRoot 'TestHelpers.ps1')
    Import-SyncedTestModule
    Import-SandboxModule
    $emulator = Get-RealClusters
    if (-not $emulator) { $emulator = Start-SyncedEmulator -EmulatorDll (Get-EmulatorDll) -Cassandra -Elasticsearch }
    $session = Connect-SandboxCassandra $emulator
    $now = [DateTimeOffset]::UtcNow

    function New-TestAssembly {
        # Compiles C# with the compiler pwsh ships (Add-Type cannot name the assembly it writes).
        param([string] $Name, [string] $Source, [string[]] $Reference = @(), [string] $Path)
        Add-Type -AssemblyName Microsoft.CodeAnalysis, Microsoft.CodeAnalysis.CSharp
        $tree = [Microsoft.CodeAnalysis.CSharp.CSharpSyntaxTree]::ParseText($Source)
        $references = foreach ($file in @((Get-ChildItem (Join-Path $PSHOME 'ref') -Filter '*.dll').FullName) + $Reference) {
            [Microsoft.CodeAnalysis.MetadataReference]::CreateFromFile($file)
        }
        $options = [Microsoft.CodeAnalysis.CSharp.CSharpCompilationOptions]::new([Microsoft.CodeAnalysis.OutputKind]::DynamicallyLinkedLibrary)
        $compilation = [Microsoft.CodeAnalysis.CSharp.CSharpCompilation]::Create($Name, [Microsoft.CodeAnalysis.SyntaxTree[]]@($tree),
            [Microsoft.CodeAnalysis.MetadataReference[]]@($references), $options)
        $stream = [IO.File]::Create($Path)
        try { $result = $compilation.Emit($stream) } finally { $stream.Dispose() }
        if (-not $result.Success) { throw "Compiling $Name failed: $($result.Diagnostics -join '; ')" }
    }

    # The other module: OtherSearch/OtherSearch.psd1, its cmdlet Get-OtherSearchClient, and its Elasticsearch.Net.
    $otherModule = Join-Path $TestDrive 'OtherSearch'
    $null = New-Item -ItemType Directory -Path $otherModule
    $standIn = Join-Path $otherModule 'Elasticsearch.Net.dll'
    New-TestAssembly -Name 'Elasticsearch.Net' -Path $standIn -Source @'
using System.Reflection;
[assembly: AssemblyVersion("6.0.0.0")]
[assembly: AssemblyInformationalVersion("6.8.23")]
namespace Elasticsearch.Net
{
    public sealed class ElasticLowLevelClient
    {
        public string ClientVersion => typeof(ElasticLowLevelClient).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>().InformationalVersion;
    }
}
'@
    New-TestAssembly -Name 'OtherSearch' -Path (Join-Path $otherModule 'OtherSearch.dll') -Reference @($standIn, (Join-Path $PSHOME 'System.Management.Automation.dll')) -Source @'
using System.Management.Automation;
using System.Runtime.Loader;
namespace OtherSearch
{
    [Cmdlet(VerbsCommon.Get, "OtherSearchClient")]
    public sealed class GetOtherSearchClientCommand : PSCmdlet
    {
        protected override void EndProcessing()
        {
            var client = new Elasticsearch.Net.ElasticLowLevelClient();
            var assembly = typeof(Elasticsearch.Net.ElasticLowLevelClient).Assembly;
            var result = new PSObject();
            result.Properties.Add(new PSNoteProperty("ClientVersion", client.ClientVersion));
            result.Properties.Add(new PSNoteProperty("AssemblyVersion", assembly.GetName().Version.ToString()));
            result.Properties.Add(new PSNoteProperty("LoadContext", AssemblyLoadContext.GetLoadContext(assembly).Name));
            WriteObject(result);
        }
    }
}
'@
    Set-Content -Path (Join-Path $otherModule 'OtherSearch.psd1') -Value @"
@{
    RootModule        = 'OtherSearch.dll'
    ModuleVersion     = '1.0.0'
    GUID              = '$([guid]::NewGuid())'
    RequiredAssemblies = @('Elasticsearch.Net.dll')
    CmdletsToExport   = @('Get-OtherSearchClient')
    FunctionsToExport = @()
}
"@

    # One pwsh session that imports both modules in the given order, calls the other module and syncs with Synced
    # (before and after the other module's import when Synced comes first); it writes what happened as JSON.
    $sessionScript = Join-Path $TestDrive 'BothModules.ps1'
    Set-Content -Path $sessionScript -Value @'
param([string] $Order, [string] $OtherModule, [string] $SyncedModule, [string] $Connection, [string] $Keyspace, [string] $OutFile)
$report = [ordered]@{ Steps = @(); Other = $null; Runs = @(); Error = $null }
$c = @{}
($Connection | ConvertFrom-Json).PSObject.Properties | ForEach-Object { $c[$_.Name] = $_.Value }
function Sync {
    $run = Invoke-SyncedRun -Keyspace $Keyspace -Index $Keyspace @c -ErrorAction Stop
    $script:report.Runs += [ordered]@{ Status = "$($run.Status)"; Written = $run.Written; Problems = @($run.Problems) }
}
try {
    if ($Order -eq 'OtherFirst') {
        Import-Module $OtherModule -ErrorAction Stop; $report.Steps += 'imported OtherSearch'
        Import-Module $SyncedModule -ErrorAction Stop; $report.Steps += 'imported Synced'
        Sync; $report.Steps += 'synced'
        $report.Other = Get-OtherSearchClient; $report.Steps += 'called OtherSearch'
    }
    else {
        Import-Module $SyncedModule -ErrorAction Stop; $report.Steps += 'imported Synced'
        Sync; $report.Steps += 'synced'
        Import-Module $OtherModule -ErrorAction Stop; $report.Steps += 'imported OtherSearch'
        $report.Other = Get-OtherSearchClient; $report.Steps += 'called OtherSearch'
        Sync; $report.Steps += 'synced again'
    }
}
catch { $report.Error = "$_" }
$report.Loaded = @([AppDomain]::CurrentDomain.GetAssemblies() | Where-Object { $_.GetName().Name -in 'Elasticsearch.Net', 'Nest', 'Synced.Core' } | ForEach-Object {
    [ordered]@{ Name = $_.GetName().Name; Version = "$($_.GetName().Version)"; LoadContext = [System.Runtime.Loader.AssemblyLoadContext]::GetLoadContext($_).Name }
})
$report | ConvertTo-Json -Depth 6 | Set-Content -Path $OutFile
'@

    function Invoke-BothModules([string] $Order, $Fixture) {
        $out = Join-Path $TestDrive "$Order.json"
        $connection = $Fixture.Connection.Clone()
        $connection.ElasticsearchUri = "$($connection.ElasticsearchUri)"
        Push-Location (Join-Path $PSScriptRoot '../..')
        try {
            $output = & dotnet pwsh -NoProfile -NonInteractive -File $sessionScript -Order $Order -OtherModule (Join-Path $otherModule 'OtherSearch.psd1') `
                -SyncedModule $env:SYNCED_TEST_MODULE -Connection ($connection | ConvertTo-Json -Compress) -Keyspace $Fixture.Name -OutFile $out 2>&1
        }
        finally { Pop-Location }
        if (-not (Test-Path $out)) { throw "The pwsh session wrote no report (exit code $LASTEXITCODE): $($output -join "`n")" }
        Get-Content -Raw $out | ConvertFrom-Json
    }
}

AfterAll {
    if ($session) { $session.Dispose() }
    Stop-SyncedEmulator $emulator
}

Describe 'Synced next to a module that loads another Elasticsearch.Net' {
    BeforeEach {
        $f = New-SyncFixture $emulator $session
        $fromCassandra = [guid]::NewGuid(); $fromElasticsearch = [guid]::NewGuid()
        Add-CassandraUser $session $f $fromCassandra $now.AddHours(-2) 'from cassandra'
        Add-SandboxDocument -ElasticsearchUri $emulator.ElasticsearchUri -Index "$($f.Name)-users" -Id $fromElasticsearch -Tmstmp $now.AddHours(-1) -Fields @{ name = 'from elasticsearch'; age = 41 }
    }
    AfterEach { Remove-Item -Recurse -Force $f.State -ErrorAction SilentlyContinue }

    It 'works in one session with it, whichever is imported first (<_>)' -ForEach @('OtherFirst', 'SyncedFirst') {
        $report = Invoke-BothModules $_ $f

        $report.Error | Should -BeNullOrEmpty -Because "every step should work (done: $($report.Steps -join ', '))"
        # The other module's call into its own Elasticsearch.Net, from the default context.
        $report.Other.ClientVersion | Should -Be '6.8.23'
        $report.Other.AssemblyVersion | Should -Be '6.0.0.0'
        $report.Other.LoadContext | Should -Be 'Default'
        # Synced's runs synced both ways.
        $report.Runs[0].Status | Should -Be 'Succeeded'
        $report.Runs[0].Written | Should -Be 2
        $report.Runs | ForEach-Object { $_.Status | Should -Be 'Succeeded' -Because ($_.Problems -join '; ') }
        (Get-CassandraNewest $session $f $fromElasticsearch).name | Should -Be 'from elasticsearch'
        (Get-SandboxDocument -ElasticsearchUri $emulator.ElasticsearchUri -Index "$($f.Name)-users" -Id $fromCassandra).name | Should -Be 'from cassandra'
        # Both versions side by side: the other module's in the default context, Synced's with its engine.
        $elasticsearchNet = @($report.Loaded | Where-Object Name -eq 'Elasticsearch.Net')
        $engine = @($report.Loaded | Where-Object Name -eq 'Synced.Core')
        $engine.Count | Should -Be 1
        $engine[0].LoadContext | Should -Not -Be 'Default'
        $elasticsearchNet.Count | Should -Be 2
        ($elasticsearchNet | Where-Object LoadContext -eq 'Default').Version | Should -Be '6.0.0.0'
        ($elasticsearchNet | Where-Object LoadContext -eq $engine[0].LoadContext).Version | Should -Be '7.0.0.0'
        ($report.Loaded | Where-Object Name -eq 'Nest').LoadContext | Should -Be $engine[0].LoadContext
    }
}

Describe 'Output objects whose properties hold engine types' {
    BeforeAll {
        # An Elasticsearch document whose age Cassandra's int column cannot take: one failed entry.
        $g = New-SyncFixture $emulator $session -ElasticsearchProperties @{ name = @{ type = 'text' }; age = @{ type = 'keyword' } }
        $failing = [guid]::NewGuid()
        Add-SandboxDocument -ElasticsearchUri $emulator.ElasticsearchUri -Index "$($g.Name)-users" -Id $failing -Tmstmp $now.AddHours(-1) -Fields @{ age = 'not a number' }
        $gc = $g.Connection
        $result = Invoke-SyncedRun -Keyspace $g.Name -Index $g.Name @gc -ErrorAction SilentlyContinue
        $checkpoint = Get-SyncedCheckpoint -StatePath $g.State
        $table = Get-SyncedTable -Keyspace $g.Name -Index $g.Name @gc | Where-Object Side -eq 'Cassandra'
    }
    AfterAll { Remove-Item -Recurse -Force $g.State -ErrorAction SilentlyContinue }

    It 'holds engine types from the engine''s load context (RunResult.Failures, Checkpoint.LastRun, SyncedTable.Scan)' {
        foreach ($value in $result.Failures[0], $checkpoint.LastRun, $table.Scan) {
            [System.Runtime.Loader.AssemblyLoadContext]::GetLoadContext($value.GetType().Assembly).Name | Should -Be 'Synced'
        }
    }

    It 'formats them' {
        ($result.Failures | Out-String -Width 300) | Should -Match ([regex]::Escape("$failing"))
        ($result.Failures | Format-List | Out-String -Width 300) | Should -Match 'Direction\s+: ElasticsearchToCassandra'
        ($checkpoint | Format-List | Out-String -Width 300) | Should -Match '(?s)LastRun\s+: Incomplete .*1 failed'
        ($table | Format-List Name, Scan | Out-String) | Should -Match 'Scan\s+: FullScan'
    }

    It 'serializes them to JSON and CLIXML' {
        $json = $result | ConvertTo-Json -Depth 4 | ConvertFrom-Json
        $json.Failures[0].Id | Should -Be "$failing"
        $json.Failures[0].Reason | Should -Not -BeNullOrEmpty
        ($checkpoint | ConvertTo-Json -Depth 4 | ConvertFrom-Json).LastRun.Status | Should -Be 'Incomplete'
        ($table | ConvertTo-Json -EnumsAsStrings | ConvertFrom-Json).Scan | Should -Be 'FullScan'

        $file = Join-Path $TestDrive 'outputs.clixml'
        @($result, $checkpoint, $table) | Export-Clixml -Path $file -Depth 4
        $run, $mark, $listed = Import-Clixml -Path $file
        $run.PSObject.TypeNames[0] | Should -Be 'Deserialized.Synced.RunResult'
        $run.Failures[0].Id | Should -Be $failing
        # A deserialized enum keeps its value and its name (ToString), whatever assembly defined it.
        $run.Failures[0].Direction.ToString() | Should -Be 'ElasticsearchToCassandra'
        $mark.LastRun.Status | Should -Be 'Incomplete'
        $listed.Scan.ToString() | Should -Be 'FullScan'
    }
}
