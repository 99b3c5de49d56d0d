using System;
using System.IO;
using Synced.Cql.Errors;

namespace Synced.Cql;

/// <summary>
/// Decides whether a failed attempt is tried again. Only statements that are safe to repeat retry: reads
/// (SELECT) and statements marked idempotent, on ReadTimeout, WriteTimeout, Unavailable, Overloaded, IsBootstrapping
/// or a lost connection, at most <see cref="MaxRetries"/> times with exponential backoff. Everything else fails at once.
/// </summary>
public class CqlRetryPolicy
{
    /// <summary>Attempts after the first.</summary>
    public int MaxRetries { get; set; } = 3;

    /// <summary>Delay before the first retry; doubled each time.</summary>
    public TimeSpan BaseDelay { get; set; } = TimeSpan.FromMilliseconds(50);

    /// <summary>Longest delay between attempts.</summary>
    public TimeSpan MaxDelay { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>A policy that never retries.</summary>
    public static CqlRetryPolicy Never => new() { MaxRetries = 0 };

    /// <summary>True when attempt <paramref name="attempt"/> (1-based) failing with <paramref name="failure"/> may be retried.</summary>
    public virtual bool ShouldRetry(CqlStatement statement, Exception failure, int attempt)
    {
        if (attempt > MaxRetries || !statement.IsSafeToRetry)
        {
            return false;
        }

        switch (failure)
        {
            case ReadTimeoutException _:
            case WriteTimeoutException _:
            case UnavailableException _:
            case OverloadedException _:
            case IsBootstrappingException _:
            case CqlTimeoutException _:
                return true;
            case CqlAuthenticationException _:
                return false;
            case CqlConnectionException _:
            case IOException _:
                return true;
            default:
                return false;
        }
    }

    /// <summary>Delay before attempt <paramref name="attempt"/> + 1.</summary>
    public virtual TimeSpan GetDelay(int attempt)
    {
        var ms = BaseDelay.TotalMilliseconds * Math.Pow(2, Math.Max(0, attempt - 1));
        return TimeSpan.FromMilliseconds(Math.Min(ms, MaxDelay.TotalMilliseconds));
    }
}
