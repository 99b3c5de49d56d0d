using System;
using System.Collections.Concurrent;
using System.Threading;
using System.Threading.Tasks;
using Synced.Cql.Errors;
using Synced.Cql.Protocol;
using Synced.Cql.Requests;

namespace Synced.Cql.Connections;

// Multiplexing: many requests in flight at once, each on its own stream id, answered in any order.
internal sealed partial class CqlConnection
{
    private readonly PendingRequest?[] _pending;
    private readonly ConcurrentStack<short> _freeIds = new();
    private readonly SemaphoreSlim _slots;
    private int _inFlight;
    private int _orphaned;

    /// <summary>
    /// Sends a request and waits for its response. An ERROR response is thrown as its <see cref="CqlServerException"/>;
    /// no answer within <paramref name="timeout"/> throws <see cref="CqlTimeoutException"/>.
    /// </summary>
    public async Task<CqlResponse> SendAsync(CqlRequest request, TimeSpan timeout, CancellationToken cancellationToken)
    {
        ThrowIfClosed();
        if (!_slots.Wait(0))
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

        if (!_freeIds.TryPop(out var streamId))
        {
            _slots.Release();
            throw new InvalidOperationException("Stream id pool out of sync with its semaphore.");
        }

        var pending = new PendingRequest();
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

        using var timeoutSource = cancellationToken.CanBeCanceled
            ? CancellationTokenSource.CreateLinkedTokenSource(cancellationToken)
            : new CancellationTokenSource();
        timeoutSource.CancelAfter(timeout);
        using (timeoutSource.Token.Register(() => pending.Completion.TrySetCanceled()))
        {
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
        _freeIds.Push(streamId);
        _slots.Release();
    }

    private sealed class PendingRequest
    {
        public readonly TaskCompletionSource<CqlResponse> Completion =
            new(TaskCreationOptions.RunContinuationsAsynchronously);

        public const int Waiting = 0;
        public const int Answered = 1;
        public const int Abandoned = 2;

        /// <summary>Waiting, then Answered by the reader loop or Abandoned by a timeout, whichever comes first.</summary>
        public int State;
    }
}
