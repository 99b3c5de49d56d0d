using System.Management.Automation;
using Synced.Core.Connections;
using Synced.PowerShell.Infrastructure;

namespace Synced.PowerShell.Commands;

/// <summary>
/// <para type="synopsis">Tests the connections to Cassandra and Elasticsearch.</para>
/// </summary>
[Cmdlet(VerbsDiagnostic.Test, "SyncedConnection")]
[OutputType(typeof(Synced.ConnectionTest), typeof(bool))]
public sealed class TestSyncedConnectionCommand : SyncedConnectionCmdlet
{
    /// <summary>Also checks that this keyspace exists.</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string? Keyspace { get; set; }

    /// <summary>Also checks that this index or alias exists.</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string? Index { get; set; }

    /// <summary>Returns only $true when both clusters are usable, else $false.</summary>
    [Parameter]
    public SwitchParameter Quiet { get; set; }

    /// <inheritdoc />
    protected override void ProcessRecord()
    {
        var settings = BuildConnectionSettings();
        using var bridge = new PipelineBridge();
        var checks = RunOnWorker(bridge, () => StoreConnector.CheckAsync(settings, Keyspace, Index, StopToken));

        if (Quiet)
        {
            WriteObject(checks[0].Success && checks[1].Success);
            return;
        }
        foreach (var check in checks) WriteObject(new Synced.ConnectionTest(check));
    }
}
