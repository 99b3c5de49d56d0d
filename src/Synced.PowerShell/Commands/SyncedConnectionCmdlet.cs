using System;
using System.Linq;
using System.Management.Automation;
using System.Net;
using System.Security;
using System.Security.Cryptography.X509Certificates;
using System.Threading;
using System.Threading.Tasks;
using Synced.Core.Checkpoints;
using Synced.Core.Connections;
using Synced.PowerShell.Infrastructure;
using Synced.PowerShell.Parameters;

namespace Synced.PowerShell.Commands;

/// <summary>
/// The connection parameters of the cmdlets that talk to the clusters, with one set of defaults. PowerShell
/// disposes the cmdlet when its pipeline ends, however it ends (an error, Ctrl+C).
/// </summary>
public abstract class SyncedConnectionCmdlet : SyncedCmdlet, IDisposable
{
    private readonly CancellationTokenSource _stopping = new();

    /// <summary>Cassandra contact points (host or host:port). Default: localhost.</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string[]? CassandraHost { get; set; }

    /// <summary>CQL port for contact points without one. Default: 9042.</summary>
    [Parameter]
    [ValidateRange(1, 65535)]
    public int CassandraPort { get; set; } = ConfigurationDefaults.CassandraPort;

    /// <summary>Credentials for Cassandra's PasswordAuthenticator.</summary>
    [Parameter]
    [Credential]
    public PSCredential? CassandraCredential { get; set; }

    /// <summary>Connects to Cassandra over TLS (implied by -CassandraCertificateAuthorityPath and -CassandraClientCertificate).</summary>
    [Parameter]
    public SwitchParameter CassandraTls { get; set; }

    /// <summary>CA certificate file (PEM or DER) that signed the Cassandra nodes' certificates.</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string? CassandraCertificateAuthorityPath { get; set; }

    /// <summary>Client certificate for Cassandra nodes that require one.</summary>
    [Parameter]
    public X509Certificate2? CassandraClientCertificate { get; set; }

    /// <summary>CA certificate file (PEM or DER) that signed the Elasticsearch nodes' certificates.</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string? ElasticsearchCertificateAuthorityPath { get; set; }

    /// <summary>SHA-256 fingerprint (hex) of the Elasticsearch node certificate to trust.</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string? ElasticsearchCertificateFingerprint { get; set; }

    /// <summary>The local data center for DC-aware routing.</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string? CassandraDataCenter { get; set; }

    /// <summary>Consistency of Cassandra reads and writes. Default: LocalQuorum.</summary>
    [Parameter]
    public Consistency Consistency { get; set; } = Consistency.LocalQuorum;

    /// <summary>Consistency of Cassandra reads, instead of -Consistency.</summary>
    [Parameter]
    public Consistency? ReadConsistency { get; set; }

    /// <summary>Consistency of Cassandra writes, instead of -Consistency.</summary>
    [Parameter]
    public Consistency? WriteConsistency { get; set; }

    /// <summary>Elasticsearch URIs. Default: http://localhost:9200.</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public Uri[]? ElasticsearchUri { get; set; }

    /// <summary>Basic-auth credentials for Elasticsearch.</summary>
    [Parameter]
    [Credential]
    public PSCredential? ElasticsearchCredential { get; set; }

    /// <summary>An Elasticsearch API key (base64 "id:key"), instead of -ElasticsearchCredential.</summary>
    [Parameter]
    public SecureString? ElasticsearchApiKey { get; set; }

    /// <summary>How tables map to indices: PerTable (index-table, under an alias) or SingleIndex. Default: PerTable.</summary>
    [Parameter]
    public IndexLayout IndexLayout { get; set; } = IndexLayout.PerTable;

    /// <summary>The keyword field that tells tables apart with -IndexLayout SingleIndex. Default: table.</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string DiscriminatorField { get; set; } = "table";

    /// <summary>
    /// Time to open a connection to either cluster (TCP, TLS and the handshake or first request), per node.
    /// Default: 10 seconds. Numbers are seconds.
    /// </summary>
    [Parameter]
    [SecondsTimeSpan]
    public TimeSpan ConnectTimeout { get; set; } = ConnectionSettings.DefaultConnectTimeout;

    /// <summary>
    /// Time one request to either cluster waits for its answer (a bulk, a scan page, a read). Default: 60
    /// seconds, room for large bulks and slow scans. Numbers are seconds.
    /// </summary>
    [Parameter]
    [SecondsTimeSpan]
    public TimeSpan RequestTimeout { get; set; } = ConnectionSettings.DefaultRequestTimeout;

    /// <summary>Cancelled by Ctrl+C (StopProcessing).</summary>
    protected CancellationToken StopToken => _stopping.Token;

    /// <summary>The connection settings the parameters describe, checked: a setting that cannot be used is a terminating error naming its parameter.</summary>
    protected ConnectionSettings BuildConnectionSettings()
    {
        var settings = new ConnectionSettings
        {
            CassandraPort = CassandraPort,
            CassandraCredential = CassandraCredential?.GetNetworkCredential(),
            CassandraDataCenter = CassandraDataCenter,
            Consistency = Consistency.ToEngine(),
            ReadConsistency = ReadConsistency.ToEngine(),
            WriteConsistency = WriteConsistency.ToEngine(),
            ElasticsearchCredential = ElasticsearchCredential?.GetNetworkCredential(),
            ElasticsearchApiKey = ElasticsearchApiKey is null ? null : new NetworkCredential(string.Empty, ElasticsearchApiKey).Password,
            IndexLayout = IndexLayout.ToEngine(),
            DiscriminatorField = DiscriminatorField,
            CassandraTls = CassandraTls,
            CassandraCertificateAuthorityPath = ResolvePath(CassandraCertificateAuthorityPath),
            CassandraClientCertificate = CassandraClientCertificate,
            ElasticsearchCertificateAuthorityPath = ResolvePath(ElasticsearchCertificateAuthorityPath),
            ElasticsearchCertificateFingerprint = ElasticsearchCertificateFingerprint,
            ConnectTimeout = ConnectTimeout,
            RequestTimeout = RequestTimeout,
        };
        foreach (var host in CassandraHost ?? Array.Empty<string>()) settings.CassandraHosts.Add(host);
        foreach (var uri in ElasticsearchUri ?? Array.Empty<Uri>()) settings.ElasticsearchUris.Add(uri);
        try
        {
            settings.Validate();
        }
        catch (InvalidSettingException ex)
        {
            ThrowTerminatingError(SettingError(ex));
        }
        return settings;
    }

    private string? ResolvePath(string? path)
        => path is null ? null : SessionState.Path.GetUnresolvedProviderPathFromPSPath(path);

    /// <summary>The error record of a setting that cannot be used: its message names the parameter (and the one that would do instead).</summary>
    private protected ErrorRecord SettingError(InvalidSettingException ex)
    {
        var parameter = ParameterNames.Of(ex.Setting);
        var parameters = ex.Alternative is null ? new[] { parameter } : new[] { parameter, ParameterNames.Of(ex.Alternative) };
        var message = ParameterNames.Add(ex.Message, parameters);
        if (ex.Setting is nameof(ConnectTimeout) or nameof(RequestTimeout))
            message += $" Numbers are seconds, e.g. {parameter} 90.";
        var consistency = ex.Setting is nameof(Consistency) or nameof(ReadConsistency) or nameof(WriteConsistency);
        var bound = MyInvocation.BoundParameters.TryGetValue(parameter.Substring(1), out var value) ? value : null;
        return new ErrorRecord(new ArgumentException(message, ex),
            consistency ? ErrorIds.InvalidConsistency : ErrorIds.InvalidConfiguration,
            ex.InnerException is System.IO.FileNotFoundException ? ErrorCategory.ObjectNotFound : ErrorCategory.InvalidArgument,
            consistency ? parameter.Substring(1) : bound ?? parameter.Substring(1));
    }

    /// <summary>The terminating error record of a cluster that cannot be used: its id says what went wrong, its message which parameters to check.</summary>
    private protected static ErrorRecord ConnectionError(ConnectionFailureException ex)
    {
        var (id, category) = ex.Failure.Kind switch
        {
            ConnectionFailureKind.Unreachable => (ErrorIds.ClusterUnreachable, ErrorCategory.ConnectionError),
            ConnectionFailureKind.BadCredentials or ConnectionFailureKind.Forbidden => (ErrorIds.AuthenticationFailed, ErrorCategory.AuthenticationError),
            ConnectionFailureKind.Tls => (ErrorIds.TlsFailed, ErrorCategory.SecurityError),
            ConnectionFailureKind.WrongServer or ConnectionFailureKind.UnsupportedVersion => (ErrorIds.NotTheExpectedServer, ErrorCategory.InvalidResult),
            ConnectionFailureKind.KeyspaceNotFound => (ErrorIds.KeyspaceNotFound, ErrorCategory.ObjectNotFound),
            ConnectionFailureKind.IndexNotFound => (ErrorIds.IndexNotFound, ErrorCategory.ObjectNotFound),
            _ => (ErrorIds.ClusterError, ErrorCategory.NotSpecified),
        };
        return new ErrorRecord(new ConnectionFailureException(new ConnectionFailure(ex.Failure.Kind, ex.Failure.Side, ParameterNames.Describe(ex.Failure),
            ex.Failure.Remedies.ToArray()), ex), id, category, ex.Failure.Side.ToString());
    }

    /// <summary>
    /// Runs engine work on a worker while this thread writes what it posts; Ctrl+C ends it as a stopped
    /// pipeline, and a cluster that cannot be used becomes a terminating error record.
    /// </summary>
    private protected T RunOnWorker<T>(PipelineBridge bridge, Func<Task<T>> work)
    {
        try
        {
            return bridge.Run(this, work, _stopping);
        }
        catch (OperationCanceledException) when (StopToken.IsCancellationRequested)
        {
            throw new PipelineStoppedException();
        }
        catch (ConnectionFailureException ex)
        {
            ThrowTerminatingError(ConnectionError(ex));
            throw; // not reached
        }
        catch (InvalidSettingException ex)
        {
            ThrowTerminatingError(SettingError(ex));
            throw; // not reached
        }
    }

    /// <summary>True when -WhatIf (or $WhatIfPreference) is in effect: the work compares and writes nothing.</summary>
    private protected bool WhatIfRequested()
    {
        if (MyInvocation.BoundParameters.TryGetValue("WhatIf", out var bound)) return LanguagePrimitives.IsTrue(bound);
        return LanguagePrimitives.IsTrue(GetVariableValue("WhatIfPreference"));
    }

    /// <inheritdoc />
    protected override void StopProcessing()
    {
        try
        {
            _stopping.Cancel();
        }
        catch (ObjectDisposedException)
        {
            // Ctrl+C came as the pipeline ended: nothing is left to stop.
        }
    }

    /// <summary>Releases what the cmdlet holds (PowerShell calls this when the pipeline ends).</summary>
    public void Dispose()
    {
        Dispose(true);
        GC.SuppressFinalize(this);
    }

    /// <summary>Releases the Ctrl+C source; a cmdlet that holds connections closes them here too.</summary>
    /// <param name="disposing">True when called from <see cref="Dispose()"/>.</param>
    protected virtual void Dispose(bool disposing)
    {
        if (disposing) _stopping.Dispose();
    }
}
