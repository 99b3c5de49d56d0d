using System;
using System.Collections.Immutable;
using System.Threading;
using System.Threading.Tasks;

namespace Synced.Emulators.Cassandra;

/// <summary>
/// Fault injection for tests: fail requests with a chosen error, delay them, or drop a connection. Rules are kept
/// in an immutable list swapped atomically, so requests check them without taking a lock.
/// </summary>
public sealed class CassandraFaults
{
    private ImmutableList<Rule> _rules = ImmutableList<Rule>.Empty;
    private ImmutableList<SlowRange> _slowRanges = ImmutableList<SlowRange>.Empty;
    private int _dropAfterFrames = -1;

    /// <summary>
    /// The next <paramref name="count"/> requests matching <paramref name="when"/> (QUERY, PREPARE, EXECUTE and BATCH
    /// when null) are answered with ERROR <paramref name="code"/> and <paramref name="message"/> instead of running.
    /// Codes that carry fields get plausible ones (e.g. Unavailable: ONE, required 1, alive 0).
    /// </summary>
    public void FailNext(int count, CqlErrorCode code, string message, Func<CqlRequestInfo, bool>? when = null)
    {
        if (count <= 0) throw new ArgumentOutOfRangeException(nameof(count), count, "count must be positive");
        Add(new Rule(count, when ?? IsStatement, code, message, TimeSpan.Zero));
    }

    /// <summary>Fails the next <paramref name="count"/> statements whose CQL text contains <paramref name="queryContains"/> (ordinal, case-insensitive).</summary>
    public void FailNextMatching(string queryContains, CqlErrorCode code, string message, int count = 1)
        => FailNext(count, code, message, r => r.Query is not null && r.Query.Contains(queryContains, StringComparison.OrdinalIgnoreCase));

    /// <summary>Delays the next <paramref name="count"/> matching requests (all statements when <paramref name="when"/> is null) by <paramref name="delay"/> before they run.</summary>
    public void AddLatency(TimeSpan delay, Func<CqlRequestInfo, bool>? when = null, int count = int.MaxValue)
    {
        if (delay < TimeSpan.Zero) throw new ArgumentOutOfRangeException(nameof(delay), delay, "delay must not be negative");
        Add(new Rule(count, when ?? IsStatement, null, null, delay));
    }

    /// <summary>
    /// One-shot: the node answers <paramref name="frames"/> more request frames (counted over all connections), then
    /// closes the connection that carries the next frame without answering it, as a crashed node would.
    /// </summary>
    public void DropConnectionAfterFrames(int frames)
    {
        if (frames < 0) throw new ArgumentOutOfRangeException(nameof(frames), frames, "frames must not be negative");
        Volatile.Write(ref _dropAfterFrames, frames);
    }

    /// <summary>
    /// Makes the replicas of a token range unresponsive for reads of one table (any table when <paramref name="table"/>
    /// is null): the next <paramref name="count"/> reads whose partitions or token range meet the inclusive range
    /// [<paramref name="fromToken"/>, <paramref name="toToken"/>] wait the node's read_request_timeout (single
    /// partition) or range_request_timeout (range reads), then answer ReadTimeout, as a coordinator whose replicas
    /// do not answer in time does.
    /// </summary>
    public void MakeTokenRangeSlow(string keyspace, string? table, long fromToken, long toToken, int count = int.MaxValue)
    {
        if (fromToken > toToken) throw new ArgumentOutOfRangeException(nameof(toToken), toToken, "the range must not be empty");
        if (count <= 0) throw new ArgumentOutOfRangeException(nameof(count), count, "count must be positive");
        ImmutableInterlocked.Update(ref _slowRanges, l => l.Add(new SlowRange(keyspace, table, fromToken, toToken, count)));
    }

    /// <summary>Whether a read of <paramref name="keyspace"/>.<paramref name="table"/> over <paramref name="target"/> meets a slow range (consumes one of its reads).</summary>
    internal bool IsSlow(string keyspace, string table, Execution.ReadTarget target)
    {
        foreach (var range in _slowRanges)
            if (range.Keyspace == keyspace && (range.Table is null || range.Table == table) && target.Intersects(range.From, range.To) && range.TryConsume())
                return true;
        return false;
    }

    private sealed class SlowRange
    {
        private int _remaining;

        public SlowRange(string keyspace, string? table, long from, long to, int count)
        {
            Keyspace = keyspace;
            Table = table;
            From = from;
            To = to;
            _remaining = count;
        }

        public string Keyspace { get; }
        public string? Table { get; }
        public long From { get; }
        public long To { get; }

        public bool TryConsume()
        {
            while (true)
            {
                var r = Volatile.Read(ref _remaining);
                if (r <= 0) return false;
                if (r == int.MaxValue || Interlocked.CompareExchange(ref _remaining, r - 1, r) == r) return true;
            }
        }
    }

    /// <summary>Removes every rule.</summary>
    public void Clear()
    {
        Interlocked.Exchange(ref _rules, ImmutableList<Rule>.Empty);
        Interlocked.Exchange(ref _slowRanges, ImmutableList<SlowRange>.Empty);
        Volatile.Write(ref _dropAfterFrames, -1);
    }

    private static bool IsStatement(CqlRequestInfo r) => r.Opcode is CqlOpcode.Query or CqlOpcode.Prepare or CqlOpcode.Execute or CqlOpcode.Batch;

    private void Add(Rule rule) => ImmutableInterlocked.Update(ref _rules, l => l.Add(rule));

    /// <summary>Whether the connection must be dropped at this frame (consumes the one-shot).</summary>
    internal bool ShouldDrop()
    {
        while (true)
        {
            var remaining = Volatile.Read(ref _dropAfterFrames);
            if (remaining < 0) return false;
            var next = remaining == 0 ? -1 : remaining - 1;
            if (Interlocked.CompareExchange(ref _dropAfterFrames, next, remaining) == remaining) return remaining == 0;
        }
    }

    /// <summary>Applies latency rules and returns the error to answer with, if a failure rule matches.</summary>
    internal async Task<(CqlErrorCode Code, string Message)?> ApplyAsync(CqlRequestInfo request, CancellationToken cancellationToken)
    {
        var rules = _rules;
        if (rules.IsEmpty) return null;
        foreach (var rule in rules)
        {
            if (!rule.Predicate(request) || !rule.TryConsume())
                continue;
            if (rule.Delay > TimeSpan.Zero) await Task.Delay(rule.Delay, cancellationToken).ConfigureAwait(false);
            if (rule.Code is { } code) return (code, rule.Message!);
        }
        return null;
    }

    private sealed class Rule
    {
        private int _remaining;

        public Rule(int count, Func<CqlRequestInfo, bool> predicate, CqlErrorCode? code, string? message, TimeSpan delay)
        {
            _remaining = count;
            Predicate = predicate;
            Code = code;
            Message = message;
            Delay = delay;
        }

        public Func<CqlRequestInfo, bool> Predicate { get; }
        public CqlErrorCode? Code { get; }
        public string? Message { get; }
        public TimeSpan Delay { get; }

        public bool TryConsume()
        {
            while (true)
            {
                var r = Volatile.Read(ref _remaining);
                if (r <= 0) return false;
                if (r == int.MaxValue || Interlocked.CompareExchange(ref _remaining, r - 1, r) == r) return true;
            }
        }
    }
}
