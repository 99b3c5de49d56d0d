using System;
using System.Collections.Generic;

namespace Synced.Core.Cassandra;

/// <summary>
/// The warnings Cassandra nodes attached to the store's requests (the warnings flag of a response frame: tombstones,
/// large partitions, aggregation without a partition key...): each distinct one kept and passed on once, up to a cap,
/// so a scan that warns on every page does not bury the run's own output.
/// </summary>
internal sealed class ServerWarnings
{
    /// <summary>Distinct warnings passed on before the rest are only counted.</summary>
    public const int Cap = 50;

    private readonly object _lock = new();
    private readonly HashSet<string> _seen = new(StringComparer.Ordinal);
    private readonly List<string> _kept = new();
    private readonly Action<string>? _sink;
    private int _dropped;

    public ServerWarnings(Action<string>? sink) => _sink = sink;

    /// <summary>The distinct warnings so far (at most <see cref="Cap"/>, plus a last line counting the others).</summary>
    public IReadOnlyList<string> Snapshot()
    {
        lock (_lock)
        {
            var copy = new List<string>(_kept);
            if (_dropped > 0) copy.Add($"{_dropped} more Cassandra warning(s) not shown");
            return copy;
        }
    }

    /// <summary>Records a warning; passes it on when it is new and under the cap.</summary>
    public void Add(string warning)
    {
        bool pass, announceCap = false;
        lock (_lock)
        {
            if (!_seen.Add(warning)) return;
            pass = _kept.Count < Cap;
            if (pass) _kept.Add(warning);
            else announceCap = _dropped++ == 0;
        }
        if (pass) _sink?.Invoke(warning);
        else if (announceCap) _sink?.Invoke($"Cassandra sent more than {Cap} distinct warnings; the others are counted but not shown.");
    }
}
