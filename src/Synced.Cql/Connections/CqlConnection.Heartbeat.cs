using System;
using System.Threading;
using System.Threading.Tasks;
using Synced.Cql.Errors;
using Synced.Cql.Requests;

namespace Synced.Cql.Connections;

// The heartbeat: an OPTIONS when nothing was written for an interval, so idle connections stay open and dead ones are found.
internal sealed partial class CqlConnection
{
    private Timer? _heartbeat;
    private long _lastWriteTicks;

    private void StartHeartbeat(TimeSpan interval, TimeSpan timeout)
    {
        if (interval <= TimeSpan.Zero)
        {
            return;
        }

        _heartbeat = new Timer(_ => _ = HeartbeatAsync(interval, timeout), null, interval, interval);
    }

    private async Task HeartbeatAsync(TimeSpan interval, TimeSpan timeout)
    {
        if (IsClosed || DateTime.UtcNow.Ticks - Interlocked.Read(ref _lastWriteTicks) < interval.Ticks)
        {
            return;
        }

        try
        {
            await SendAsync(OptionsRequest.Instance, timeout, CancellationToken.None).ConfigureAwait(false);
        }
        catch (Exception ex)
        {
            Close(new CqlConnectionException(Host, "heartbeat (OPTIONS) failed; closing the connection.", ex));
        }
    }
}
