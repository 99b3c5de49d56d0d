using System;

namespace Synced.Core.Checkpoints;

/// <summary>Who holds a configuration's run lock.</summary>
public sealed class LockHolder
{
    /// <summary>Creates a holder description.</summary>
    public LockHolder(int processId, string host, DateTime startedAt, DateTime? processStartedAt)
    {
        ProcessId = processId;
        Host = host;
        StartedAt = startedAt;
        ProcessStartedAt = processStartedAt;
    }

    /// <summary>Process id of the run.</summary>
    public int ProcessId { get; }

    /// <summary>Host name of the machine it runs on.</summary>
    public string Host { get; }

    /// <summary>When it took the lock, UTC.</summary>
    public DateTime StartedAt { get; }

    /// <summary>When that process started, UTC (tells a live holder from a reused process id).</summary>
    public DateTime? ProcessStartedAt { get; }
}
