using System;
using Synced.Core.Checkpoints;
using Synced.Core.Connections;
using Synced.Core.Engine;
using Synced.Core.Model;
using Synced.Core.Time;

namespace Synced.Core.Scheduling;

/// <summary>What the loop does after a run that failed on an error: end, reconnect, or just try again later.</summary>
internal static class RunFailures
{
    /// <summary>
    /// True when the loop must end on <paramref name="error"/>: local state that needs a person (a damaged or
    /// newer checkpoint, an unusable state directory, a bad range), and, before any run got a result, a
    /// configuration the clusters refuse (credentials, TLS, keyspace, index, table pattern, another server).
    /// A cluster that is only unreachable is waited for.
    /// </summary>
    public static bool IsFatal(Exception error, bool hadResult)
    {
        switch (error)
        {
            case CheckpointCorruptException or StatePathException or InvalidTimeRangeException or InvalidSettingException or ArgumentException:
                return true;
            case ConnectionFailureException connection:
                return !hadResult && connection.Failure.IsPermanent;
            case TableNotFoundException:
                return !hadResult;
            default:
                return false;
        }
    }

    /// <summary>
    /// True when the stores may hold a broken connection after <paramref name="error"/>: anything but the
    /// checkpoint, lock and selection errors, which happen before or apart from the clusters.
    /// </summary>
    public static bool MayHaveLostConnection(Exception error)
        => error is not (CheckpointLockedException or CheckpointCorruptException or StatePathException or InvalidTimeRangeException or TableNotFoundException);

    /// <summary>True when a table of <paramref name="result"/> stopped on an error (a scan or a write that lost its cluster, typically).</summary>
    public static bool MayHaveLostConnection(SyncResult result)
    {
        foreach (var table in result.Tables)
            if (table.Status == TableStatus.Failed) return true;
        return false;
    }
}
