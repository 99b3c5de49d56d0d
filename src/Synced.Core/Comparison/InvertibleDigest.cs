using System;
using System.Collections.Generic;

namespace Synced.Core.Comparison;

/// <summary>
/// An invertible digest of a set of versions (an invertible Bloom lookup table): a fixed number of cells, each
/// version added to one cell in each of three parts, each cell keeping the count, the XOR of ids and
/// milliseconds, and the XOR of the versions' <see cref="VersionHash"/>. Digests of two sides subtract cell by
/// cell, so every version both sides hold cancels out and only the symmetric difference remains; when that is
/// small enough it is read back exactly ("peeled"), whatever the size of the sets. Its size is fixed: it never
/// grows with the table.
/// </summary>
/// <remarks>
/// A cell is pure when its count is ±1 and its check equals the hash of its id and milliseconds; a pure cell holds
/// exactly one version (unless two different sets of versions have equal 64-bit check sums: probability 2^-64 per
/// test, under a random seed). Peeling takes it out of its three cells and goes on; decoding succeeds only when
/// every cell ends empty, which proves every version of the difference was read back. With three parts it
/// succeeds with high probability while the difference holds fewer versions than about 0.8 × the cells, and fails
/// (detectably) above that.
/// </remarks>
internal sealed class InvertibleDigest
{
    private const int Parts = 3;
    private readonly int _perPart;
    private readonly long[] _count;
    private readonly ulong[] _low;
    private readonly ulong[] _high;
    private readonly long[] _time;
    private readonly ulong[] _check;
    private readonly VersionHash _hash;

    /// <summary>Creates an empty digest of about <paramref name="cells"/> cells (rounded up to a multiple of three).</summary>
    public InvertibleDigest(int cells, VersionHash hash)
    {
        if (cells < Parts) throw new ArgumentOutOfRangeException(nameof(cells), cells, "an invertible digest needs at least three cells");
        _perPart = (cells + Parts - 1) / Parts;
        var total = _perPart * Parts;
        _count = new long[total];
        _low = new ulong[total];
        _high = new ulong[total];
        _time = new long[total];
        _check = new ulong[total];
        _hash = hash;
    }

    /// <summary>Number of cells.</summary>
    public int Cells => _count.Length;

    /// <summary>Adds a version whose <see cref="VersionHash"/> is <paramref name="hash"/>.</summary>
    public void Add(ulong low, ulong high, long milliseconds, ulong hash)
    {
        for (var part = 0; part < Parts; part++)
        {
            var cell = CellOf(hash, part);
            _count[cell]++;
            _low[cell] ^= low;
            _high[cell] ^= high;
            _time[cell] ^= milliseconds;
            _check[cell] ^= hash;
        }
    }

    /// <summary>Takes <paramref name="other"/>'s versions away (both must share the hash and size): what remains is this minus other.</summary>
    public void Subtract(InvertibleDigest other)
    {
        if (other.Cells != Cells) throw new ArgumentException("digests of different sizes cannot be subtracted", nameof(other));
        for (var i = 0; i < _count.Length; i++)
        {
            _count[i] -= other._count[i];
            _low[i] ^= other._low[i];
            _high[i] ^= other._high[i];
            _time[i] ^= other._time[i];
            _check[i] ^= other._check[i];
        }
    }

    /// <summary>
    /// Reads the difference back into <paramref name="found"/>: sign +1 for versions only this digest held, -1 for
    /// those only the subtracted one held. Empties the digest. False when it cannot be read back completely (the
    /// difference is too large) or holds more than <paramref name="limit"/> versions; <paramref name="found"/> is
    /// then incomplete and must not be used.
    /// </summary>
    public bool TryDecode(List<DecodedVersion> found, int limit)
    {
        var pure = new Stack<int>();
        for (var i = 0; i < _count.Length; i++)
            if (_count[i] is 1 or -1) pure.Push(i);

        while (pure.Count > 0)
        {
            var cell = pure.Pop();
            var sign = _count[cell];
            if (sign is not (1 or -1)) continue;
            var low = _low[cell];
            var high = _high[cell];
            var time = _time[cell];
            var hash = _hash.Of(low, high, time);
            if (hash != _check[cell]) continue; // several versions whose counts add up to ±1
            if (found.Count >= limit) return false;
            found.Add(new DecodedVersion(VersionHash.FromHalves(low, high), time, (int)sign));
            for (var part = 0; part < Parts; part++)
            {
                var other = CellOf(hash, part);
                _count[other] -= sign;
                _low[other] ^= low;
                _high[other] ^= high;
                _time[other] ^= time;
                _check[other] ^= hash;
                if (_count[other] is 1 or -1) pure.Push(other);
            }
        }

        for (var i = 0; i < _count.Length; i++)
            if (_count[i] != 0 || _low[i] != 0 || _high[i] != 0 || _time[i] != 0 || _check[i] != 0) return false;
        return true;
    }

    private int CellOf(ulong hash, int part) => part * _perPart + (int)(VersionHash.Derive(hash, part) % (ulong)_perPart);
}

/// <summary>A version read back from an <see cref="InvertibleDigest"/>: which side held it (+1 the first, -1 the second).</summary>
internal readonly struct DecodedVersion
{
    public DecodedVersion(Guid id, long milliseconds, int sign)
    {
        Id = id;
        Milliseconds = milliseconds;
        Sign = sign;
    }

    public Guid Id { get; }

    public long Milliseconds { get; }

    public int Sign { get; }
}
