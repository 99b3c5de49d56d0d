using System;
using System.Net;
using Synced.Core.Checkpoints;
using Synced.Core.Scheduling;

namespace Synced.Core.Metrics;

/// <summary>
/// Publishes the metrics of a configuration after every run: to a file (atomically, counters carried on from
/// the file an earlier run left) and, while running continuously, on an HTTP endpoint that renders them at
/// each scrape.
/// </summary>
public sealed class MetricsPublisher : IDisposable
{
    private readonly SyncMetrics _metrics;
    private readonly Func<DateTime> _utcNow;

    /// <summary>Creates a publisher; give a file, a listen address and port, or both.</summary>
    /// <param name="configuration">Whose metrics.</param>
    /// <param name="file">The metrics file, or null.</param>
    /// <param name="listen">Where to serve <c>/metrics</c>, or null.</param>
    /// <param name="utcNow">The clock the watermark lags are measured with; null for the machine's.</param>
    /// <exception cref="MetricsException">The port cannot be used.</exception>
    public MetricsPublisher(SyncConfiguration configuration, MetricsFile? file, IPEndPoint? listen, Func<DateTime>? utcNow = null)
    {
        _metrics = new SyncMetrics(configuration);
        File = file;
        _utcNow = utcNow ?? (() => DateTime.UtcNow);
        if (file?.TryRead() is { } previous) _metrics.ContinueFrom(previous);
        if (listen is not null) Server = new MetricsServer(listen.Address, listen.Port, () => _metrics.Render(_utcNow()));
    }

    /// <summary>The file, or null.</summary>
    public MetricsFile? File { get; }

    /// <summary>The HTTP endpoint, or null.</summary>
    public MetricsServer? Server { get; }

    /// <summary>Records a run and rewrites the file; runs that are not recorded (WhatIf, Skipped) leave the file alone.</summary>
    /// <exception cref="MetricsException">The file cannot be written (the run is recorded for the endpoint all the same).</exception>
    public void Publish(RunOutcome outcome)
    {
        if (!_metrics.Record(outcome)) return;
        File?.Write(_metrics.Render(_utcNow()));
    }

    /// <summary>The text as it would be rendered now.</summary>
    public string Render() => _metrics.Render(_utcNow());

    /// <summary>Stops serving.</summary>
    public void Dispose() => Server?.Dispose();
}
