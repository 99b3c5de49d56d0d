using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Net;
using Synced.Emulators.Cassandra.Execution;

namespace Synced.Emulators.Cassandra.Cluster;

/// <summary>
/// Query traces, read through system_traces.sessions and system_traces.events as Cassandra's tracing writes them:
/// one session per traced request (coordinator, client, request, parameters, start, duration in microseconds) and
/// its events (activity, source node, elapsed microseconds at that source, thread). The most recent sessions are kept.
/// </summary>
internal sealed class TraceLog
{
    private readonly object _gate = new();
    private readonly LinkedList<TraceSession> _sessions = new();

    public int Capacity { get; set; } = 2_000;

    public TraceSession Begin(IPEndPoint coordinator, IPAddress client, string request, IReadOnlyDictionary<string, string> parameters)
    {
        var session = new TraceSession(TimeUuids.Now(), coordinator, client, request, parameters);
        lock (_gate)
        {
            _sessions.AddLast(session);
            while (_sessions.Count > Capacity) _sessions.RemoveFirst();
        }
        return session;
    }

    public IReadOnlyList<TraceSession> Snapshot()
    {
        lock (_gate) return new List<TraceSession>(_sessions);
    }
}

/// <summary>One traced request and its events.</summary>
internal sealed class TraceSession
{
    private readonly object _gate = new();
    private readonly List<TraceEvent> _events = new();
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private readonly Dictionary<IPAddress, long> _sourceStart = new();

    public TraceSession(byte[] id, IPEndPoint coordinator, IPAddress client, string request, IReadOnlyDictionary<string, string> parameters)
    {
        Id = id;
        Coordinator = coordinator;
        Client = client;
        Request = request;
        Parameters = parameters;
        StartedAt = DateTimeOffset.UtcNow;
    }

    /// <summary>The session id: a timeuuid, as Cassandra's tracing uses.</summary>
    public byte[] Id { get; }
    public IPEndPoint Coordinator { get; }
    public IPAddress Client { get; }
    public string Request { get; }
    public IReadOnlyDictionary<string, string> Parameters { get; }
    public DateTimeOffset StartedAt { get; }
    /// <summary>Microseconds the request took; null until it completes (drivers poll until it is set).</summary>
    public int? DurationMicros { get; private set; }

    public IReadOnlyList<TraceEvent> Events
    {
        get { lock (_gate) return _events.ToArray(); }
    }

    /// <summary>Records an activity at <paramref name="source"/>, timed from the moment that node joined the request.</summary>
    public void Add(IPAddress source, string activity)
    {
        lock (_gate)
        {
            var now = _clock.Elapsed.Ticks / 10;
            if (!_sourceStart.TryGetValue(source, out var start)) _sourceStart[source] = start = now;
            _events.Add(new TraceEvent(TimeUuids.Now(), activity, source, (int)(now - start), source.Equals(Coordinator.Address) ? "Native-Transport-Requests-1" : "ReadStage-1"));
        }
    }

    public void Complete()
    {
        lock (_gate) DurationMicros ??= Math.Max(1, (int)(_clock.Elapsed.Ticks / 10));
    }
}

/// <summary>One row of system_traces.events.</summary>
internal sealed record TraceEvent(byte[] EventId, string Activity, IPAddress Source, int SourceElapsedMicros, string Thread);
