using System;

namespace Synced.Cql.Connections;

/// <summary>
/// How long to wait before trying a node (or the control connection) again: <see cref="CqlClusterOptions.ReconnectBaseDelay"/>
/// after the first failure, doubled after each further one, at most <see cref="CqlClusterOptions.ReconnectMaxDelay"/>.
/// </summary>
internal static class ReconnectBackoff
{
    public static TimeSpan After(int failures, CqlClusterOptions options)
    {
        var ms = options.ReconnectBaseDelay.TotalMilliseconds * Math.Pow(2, Math.Min(failures - 1, 30));
        return TimeSpan.FromMilliseconds(Math.Min(ms, options.ReconnectMaxDelay.TotalMilliseconds));
    }
}
