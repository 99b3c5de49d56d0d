<#
.SYNOPSIS
    Writes the MAML help of the module's cmdlets from module/help/<cmdlet>.psd1 and the cmdlets' own
    parameter metadata, so syntax and parameter lists can never drift from the code.
.DESCRIPTION
    Runs in its own pwsh process (build.ps1 starts it) because it imports the built module. Fails when a
    cmdlet has no help source, no synopsis, no example, or a parameter without a description.
#>
[CmdletBinding()]
param(
    [Parameter(Mandatory)] [string] $ModuleDirectory,
    [Parameter(Mandatory)] [string] $HelpSource,
    [Parameter(Mandatory)] [string] $OutFile
)
$ErrorActionPreference = 'Stop'
$module = Import-Module (Join-Path $ModuleDirectory 'Synced.psd1') -PassThru -Force
$common = [System.Management.Automation.Cmdlet]::CommonParameters + @('UseTransaction')
$problems = [System.Collections.Generic.List[string]]::new()

function Escape([string] $text) { [System.Security.SecurityElement]::Escape($text) }
function Paragraphs([string] $text) {
    (($text -split "(`r?`n){2,}") | Where-Object { $_.Trim() } | ForEach-Object { "<maml:para>$(Escape $_.Trim())</maml:para>" }) -join ''
}
function TypeName([type] $type) {
    if ($type -eq [System.Management.Automation.SwitchParameter]) { return 'SwitchParameter' }
    $t = if ($type.IsGenericType -and $type.GetGenericTypeDefinition() -eq [Nullable`1]) { $type.GetGenericArguments()[0] } else { $type }
    return $t.Name
}
function ParameterXml($command, $parameter, $setMetadata, [hashtable] $descriptions) {
    $description = $descriptions[$parameter.Name]
    if (-not $description) { $problems.Add("$($command.Name): parameter -$($parameter.Name) has no description") }
    $pipeline = @()
    if ($setMetadata.ValueFromPipeline) { $pipeline += 'ByValue' }
    if ($setMetadata.ValueFromPipelineByPropertyName) { $pipeline += 'ByPropertyName' }
    $pipelineText = if ($pipeline) { "True ($($pipeline -join ', '))" } else { 'False' }
    $position = if ($setMetadata.Position -ge 0) { $setMetadata.Position } else { 'named' }
    $globbing = [bool]($parameter.Attributes | Where-Object { $_ -is [System.Management.Automation.SupportsWildcardsAttribute] })
    $typeName = TypeName $parameter.ParameterType
    $value = if ($typeName -eq 'SwitchParameter') { '' } else { "<command:parameterValue required=`"true`" variableLength=`"false`">$typeName</command:parameterValue>" }
    $enum = $parameter.ParameterType
    if ($enum.IsEnum) { $value += '<command:parameterValueGroup>' + (($enum.GetEnumNames() | ForEach-Object { "<command:parameterValue required=`"false`" variableLength=`"false`">$_</command:parameterValue>" }) -join '') + '</command:parameterValueGroup>' }
    "<command:parameter required=`"$($setMetadata.IsMandatory.ToString().ToLower())`" variableLength=`"true`" globbing=`"$($globbing.ToString().ToLower())`" pipelineInput=`"$pipelineText`" position=`"$position`"><maml:name>$($parameter.Name)</maml:name><maml:description>$(Paragraphs $description)</maml:description>$value<dev:type><maml:name>$typeName</maml:name></dev:type></command:parameter>"
}

$builder = [System.Text.StringBuilder]::new()
[void]$builder.Append('<?xml version="1.0" encoding="utf-8"?>').Append("`n")
[void]$builder.Append('<helpItems schema="maml" xmlns="http://msh">').Append("`n")
foreach ($command in (Get-Command -Module $module.Name -CommandType Cmdlet | Sort-Object Name)) {
    $sourceFile = Join-Path $HelpSource "$($command.Name).psd1"
    if (-not (Test-Path $sourceFile)) { $problems.Add("$($command.Name): no help source $sourceFile"); continue }
    $help = Import-PowerShellDataFile $sourceFile
    if (-not $help.Synopsis) { $problems.Add("$($command.Name): no Synopsis") }
    if (-not $help.Examples -or $help.Examples.Count -eq 0) { $problems.Add("$($command.Name): no Examples") }
    $descriptions = @{}
    $sharedFile = Join-Path $HelpSource '_ConnectionParameters.psd1'
    if (Test-Path $sharedFile) { $shared = Import-PowerShellDataFile $sharedFile; foreach ($k in $shared.Keys) { $descriptions[$k] = $shared[$k] } }
    foreach ($k in $help.Parameters.Keys) { $descriptions[$k] = $help.Parameters[$k] }
    $verb, $noun = $command.Name -split '-', 2
    [void]$builder.Append('<command:command xmlns:maml="http://schemas.microsoft.com/maml/2004/10" xmlns:command="http://schemas.microsoft.com/maml/dev/command/2004/10" xmlns:dev="http://schemas.microsoft.com/maml/dev/2004/10">')
    [void]$builder.Append("<command:details><command:name>$($command.Name)</command:name><maml:description><maml:para>$(Escape $help.Synopsis)</maml:para></maml:description><command:verb>$verb</command:verb><command:noun>$noun</command:noun></command:details>")
    [void]$builder.Append("<maml:description>$(Paragraphs $help.Description)</maml:description>")
    [void]$builder.Append('<command:syntax>')
    foreach ($set in $command.ParameterSets) {
        [void]$builder.Append("<command:syntaxItem><maml:name>$($command.Name)</maml:name>")
        foreach ($p in $set.Parameters | Where-Object { $_.Name -notin $common }) {
            $meta = $command.Parameters[$p.Name]
            [void]$builder.Append((ParameterXml $command $meta $p $descriptions))
        }
        [void]$builder.Append('</command:syntaxItem>')
    }
    [void]$builder.Append('</command:syntax><command:parameters>')
    foreach ($name in ($command.Parameters.Keys | Where-Object { $_ -notin $common } | Sort-Object)) {
        $meta = $command.Parameters[$name]
        $first = $meta.ParameterSets.Values | Select-Object -First 1
        [void]$builder.Append((ParameterXml $command $meta $first $descriptions))
    }
    [void]$builder.Append('</command:parameters><command:inputTypes>')
    foreach ($key in $help.Inputs.Keys) {
        [void]$builder.Append("<command:inputType><dev:type><maml:name>$(Escape $key)</maml:name></dev:type><maml:description>$(Paragraphs $help.Inputs[$key])</maml:description></command:inputType>")
    }
    [void]$builder.Append('</command:inputTypes><command:returnValues>')
    foreach ($key in $help.Outputs.Keys) {
        [void]$builder.Append("<command:returnValue><dev:type><maml:name>$(Escape $key)</maml:name></dev:type><maml:description>$(Paragraphs $help.Outputs[$key])</maml:description></command:returnValue>")
    }
    [void]$builder.Append('</command:returnValues><command:examples>')
    $n = 0
    foreach ($example in $help.Examples) {
        $n++
        [void]$builder.Append("<command:example><maml:title>-------------------------- Example $n --------------------------</maml:title><dev:code>$(Escape $example.Code)</dev:code><dev:remarks>$(Paragraphs $example.Remarks)</dev:remarks></command:example>")
    }
    [void]$builder.Append('</command:examples><command:relatedLinks>')
    foreach ($link in $help.Links) {
        [void]$builder.Append("<maml:navigationLink><maml:linkText>$(Escape $link)</maml:linkText><maml:uri></maml:uri></maml:navigationLink>")
    }
    [void]$builder.Append('</command:relatedLinks></command:command>').Append("`n")
}
[void]$builder.Append('</helpItems>').Append("`n")

if ($problems.Count -gt 0) {
    throw "The help is incomplete:`n  " + ($problems -join "`n  ")
}
$null = New-Item -ItemType Directory -Force -Path (Split-Path $OutFile)
[System.IO.File]::WriteAllText($OutFile, $builder.ToString(), [System.Text.UTF8Encoding]::new($false))
[xml](Get-Content -Raw $OutFile) | Out-Null   # well-formed or throw
