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
    // One struct per cell (40 bytes, within one or two cache lines): adding a version touches three cells, not fifteen arrays.
    private readonly Cell[] _cells;
    private readonly VersionHash _hash;

    /// <summary>Creates an empty digest of about <paramref name="cells"/> cells (rounded up to a multiple of three).</summary>
    public InvertibleDigest(int cells, VersionHash hash)
    {
        if (cells < Parts) throw new ArgumentOutOfRangeException(nameof(cells), cells, "an invertible digest needs at least three cells");
        _perPart = (cells + Parts - 1) / Parts;
        _cells = new Cell[_perPart * Parts];
        _hash = hash;
    }

    /// <summary>Number of cells.</summary>
    public int Cells => _cells.Length;

    /// <summary>Adds a version whose <see cref="VersionHash"/> is <paramref name="hash"/>.</summary>
    public void Add(ulong low, ulong high, long milliseconds, ulong hash)
    {
        for (var part = 0; part < Parts; part++)
            _cells[CellOf(hash, part)].Toggle(1, low, high, milliseconds, hash);
    }

    /// <summary>Takes <paramref name="other"/>'s versions away (both must share the hash and size): what remains is this minus other.</summary>
    public void Subtract(InvertibleDigest other)
    {
        if (other.Cells != Cells) throw new ArgumentException("digests of different sizes cannot be subtracted", nameof(other));
        for (var i = 0; i < _cells.Length; i++)
        {
            ref readonly var theirs = ref other._cells[i];
            _cells[i].Toggle(-theirs.Count, theirs.Low, theirs.High, theirs.Time, theirs.Check);
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
        for (var i = 0; i < _cells.Length; i++)
            if (_cells[i].Count is 1 or -1) pure.Push(i);

        while (pure.Count > 0)
        {
            var index = pure.Pop();
            var cell = _cells[index];
            if (cell.Count is not (1 or -1)) continue;
            var hash = _hash.Of(cell.Low, cell.High, cell.Time);
            if (hash != cell.Check) continue; // several versions whose counts add up to ±1
            if (found.Count >= limit) return false;
            found.Add(new DecodedVersion(VersionHash.FromHalves(cell.Low, cell.High), cell.Time, (int)cell.Count));
            for (var part = 0; part < Parts; part++)
            {
                var other = CellOf(hash, part);
                _cells[other].Toggle(-cell.Count, cell.Low, cell.High, cell.Time, hash);
                if (_cells[other].Count is 1 or -1) pure.Push(other);
            }
        }

        foreach (var cell in _cells)
            if (cell.Count != 0 || cell.Low != 0 || cell.High != 0 || cell.Time != 0 || cell.Check != 0) return false;
        return true;
    }

    private int CellOf(ulong hash, int part) => part * _perPart + (int)(VersionHash.Derive(hash, part) % (ulong)_perPart);

    /// <summary>The count and XOR sums of the versions in one cell.</summary>
    private struct Cell
    {
        public long Count;
        public ulong Low;
        public ulong High;
        public long Time;
        public ulong Check;

        /// <summary>Adds (count +1) or takes away (count -1) a version: XOR is its own inverse, so only the count has a sign.</summary>
        public void Toggle(long count, ulong low, ulong high, long time, ulong check)
        {
            Count += count;
            Low ^= low;
            High ^= high;
            Time ^= time;
            Check ^= check;
        }
    }
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
