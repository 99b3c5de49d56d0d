using System;
using System.Diagnostics;
using System.Threading;
using System.Threading.Tasks;
using Synced.Cql.Errors;
using Synced.Cql.Protocol;
using Synced.Cql.Requests;

namespace Synced.Cql.Connections;

// Multiplexing: many requests in flight at once, each on its own stream id, answered in any order.
internal sealed partial class CqlConnection
{
    /// <summary>How often the requests in flight are checked for their deadline and their caller's cancellation.</summary>
    internal static readonly TimeSpan SweepInterval = TimeSpan.FromMilliseconds(100);

    private readonly PendingRequest?[] _pending;
    private readonly object _idLock = new();
    private readonly short[] _freeIds;
    private int _freeCount;
    private readonly SemaphoreSlim _slots;
    private int _inFlight;
    private int _orphaned;
    private Timer? _sweeper;

    /// <summary>
    /// Sends a request and waits for its response. An ERROR response is thrown as its <see cref="CqlServerException"/>;
    /// no answer within <paramref name="timeout"/> throws <see cref="CqlTimeoutException"/>.
    /// </summary>
    public async Task<CqlResponse> SendAsync(CqlRequest request, TimeSpan timeout, CancellationToken cancellationToken)
    {
        ThrowIfClosed();
        if (!_slots.Wait(0, CancellationToken.None))
        {
            // Every stream id is in use: wait for one, but not past the connection's end.
            using var waitSource = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, _closing.Token);
            try
            {
                await _slots.WaitAsync(waitSource.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (_closing.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
            {
                throw NotSentError();
            }
        }

        short streamId;
        lock (_idLock)
        {
            streamId = _freeCount > 0 ? _freeIds[--_freeCount] : (short)-1;
        }

        if (streamId < 0)
        {
            _slots.Release();
            throw new InvalidOperationException("Stream id pool out of sync with its semaphore.");
        }

        // No timer and no registration per request: the sweep (every SweepInterval) ends a request whose deadline
        // passed or whose caller cancelled.
        var pending = new PendingRequest(Deadline(timeout), cancellationToken);
        var writer = new FrameWriter(256);
        try
        {
            writer.BeginFrame(FrameHeader.Request(streamId, request.Opcode, request.Flags));
            request.WriteBody(writer);
            writer.EndFrame();
            if (writer.Length - FrameHeader.Size > _maxRequestSize)
            {
                // A node closes the connection on a frame over its native_transport_max_frame_size, failing every
                // request in flight on it: refuse this one alone, before it is sent.
                throw new CqlRequestTooLargeException(Host, request.Describe(), writer.Length - FrameHeader.Size, _maxRequestSize);
            }
        }
        catch
        {
            writer.Dispose();
            ReleaseId(streamId);
            throw;
        }

        Volatile.Write(ref _pending[streamId], pending);
        Interlocked.Increment(ref _inFlight);
        if (IsClosed || !_outgoing.Writer.TryWrite(writer))
        {
            writer.Dispose();
            if (TakePending(streamId, pending))
            {
                ReleaseId(streamId);
            }

            throw NotSentError();
        }

        try
        {
            var response = await pending.Completion.Task.ConfigureAwait(false);
            if (response.Header.Opcode == Opcode.Error)
            {
                var reader = response.CreateReader();
                var error = CqlServerException.Read(ref reader);
                error.Host = Host;
                error.Warnings = response.Warnings;
                throw error;
            }

            return response;
        }
        catch (OperationCanceledException) when (!pending.Completion.Task.IsCompleted || pending.Completion.Task.IsCanceled)
        {
            // The id stays reserved until the late answer arrives (the reader loop frees it then),
            // so a late response is never mistaken for another request's.
            if (Interlocked.CompareExchange(ref pending.State, PendingRequest.Abandoned, PendingRequest.Waiting) == PendingRequest.Waiting
                && Interlocked.Increment(ref _orphaned) > _pending.Length / 2)
            {
                // Half the stream ids wait for answers that are not coming: the node or the link is stuck.
                Close(new CqlConnectionException(Host, $"closed after {_orphaned} requests got no answer within their timeout."));
            }

            cancellationToken.ThrowIfCancellationRequested();
            throw new CqlTimeoutException(Host, request.Describe(), timeout);
        }
    }

    /// <summary>The <see cref="Stopwatch"/> time <paramref name="timeout"/> from now; never for an infinite (negative) or huge timeout.</summary>
    private static long Deadline(TimeSpan timeout)
        => timeout < TimeSpan.Zero || timeout.TotalDays > 365 ? long.MaxValue : Stopwatch.GetTimestamp() + (long)(timeout.TotalSeconds * Stopwatch.Frequency);

    /// <summary>Starts the sweep that ends requests past their deadline or cancelled by their caller.</summary>
    private void StartSweep() => _sweeper = new Timer(static state => ((CqlConnection)state!).Sweep(), this, SweepInterval, SweepInterval);

    private void Sweep()
    {
        if (Volatile.Read(ref _inFlight) == 0)
        {
            return;
        }

        var now = Stopwatch.GetTimestamp();
        for (var i = 0; i < _pending.Length; i++)
        {
            var pending = Volatile.Read(ref _pending[i]);
            if (pending != null && Volatile.Read(ref pending.State) == PendingRequest.Waiting
                && (now >= pending.Deadline || pending.CancellationToken.IsCancellationRequested))
            {
                // The caller sees a cancellation, and tells a timeout from its own token.
                pending.Completion.TrySetCanceled();
            }
        }
    }

    private void Dispatch(FrameHeader header, byte[] body)
    {
        if (header.StreamId < 0)
        {
            if (header.Opcode == Opcode.Event && _onEvent != null)
            {
                var reader = new CqlResponse(header, body).CreateReader();
                var serverEvent = ServerEvent.Read(ref reader);
                var handler = _onEvent;
                _ = Task.Run(() => handler(serverEvent));
            }

            return;
        }

        if (header.StreamId >= _pending.Length)
        {
            throw new CqlProtocolException($"The node answered on stream {header.StreamId}, which was never used.");
        }

        var pending = Volatile.Read(ref _pending[header.StreamId]);
        if (pending == null || !TakePending(header.StreamId, pending))
        {
            throw new CqlProtocolException($"The node answered on stream {header.StreamId}, which has no request waiting.");
        }

        ReleaseId(header.StreamId);
        if (Interlocked.CompareExchange(ref pending.State, PendingRequest.Answered, PendingRequest.Waiting) == PendingRequest.Waiting)
        {
            pending.Completion.TrySetResult(new CqlResponse(header, body) { Host = Host });
        }
        else
        {
            Interlocked.Decrement(ref _orphaned);
        }
    }

    private bool TakePending(short streamId, PendingRequest pending)
    {
        if (Interlocked.CompareExchange(ref _pending[streamId], null, pending) == pending)
        {
            Interlocked.Decrement(ref _inFlight);
            return true;
        }

        return false;
    }

    private void ReleaseId(short streamId)
    {
        lock (_idLock)
        {
            _freeIds[_freeCount++] = streamId;
        }

        _slots.Release();
    }

    private sealed class PendingRequest
    {
        public readonly TaskCompletionSource<CqlResponse> Completion =
            new(TaskCreationOptions.RunContinuationsAsynchronously);

        public PendingRequest(long deadline, CancellationToken cancellationToken)
        {
            Deadline = deadline;
            CancellationToken = cancellationToken;
        }

        /// <summary>When the request times out, in <see cref="Stopwatch"/> ticks.</summary>
        public readonly long Deadline;

        /// <summary>The caller's token: the sweep ends the request when it is cancelled.</summary>
        public readonly CancellationToken CancellationToken;

        public const int Waiting = 0;
        public const int Answered = 1;
        public const int Abandoned = 2;

        /// <summary>Waiting, then Answered by the reader loop or Abandoned by a timeout, whichever comes first.</summary>
        public int State;
    }
}
