using System;
using System.Globalization;
using System.IO;
using System.Text.RegularExpressions;

namespace Synced.Emulators.Cassandra.Execution;

/// <summary>Parses CQL duration literals (<c>1h30m</c>, <c>P1DT2H</c>, <c>P2W</c>) into the serialized form: three zig-zag vints (months, days, nanoseconds).</summary>
internal static class DurationValue
{
    private static readonly Regex Units = new(@"(\d+)(y|mo|w|d|h|ms|m|s|us|µs|ns)", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant);
    private static readonly Regex Iso = new(@"^P(?:(?<y>\d+)Y)?(?:(?<mo>\d+)M)?(?:(?<w>\d+)W)?(?:(?<d>\d+)D)?(?:T(?:(?<h>\d+)H)?(?:(?<mi>\d+)M)?(?:(?<s>\d+)S)?)?$", RegexOptions.CultureInvariant);

    public static byte[] Parse(string text)
    {
        var negative = text.StartsWith("-", StringComparison.Ordinal);
        if (negative) text = text.Substring(1);
        long months = 0, days = 0, nanos = 0;
        var iso = Iso.Match(text);
        if (text.StartsWith("P", StringComparison.Ordinal) && iso.Success)
        {
            long G(string g) => iso.Groups[g].Success ? long.Parse(iso.Groups[g].Value, CultureInfo.InvariantCulture) : 0;
            months = G("y") * 12 + G("mo");
            days = G("w") * 7 + G("d");
            nanos = ((G("h") * 60 + G("mi")) * 60 + G("s")) * 1_000_000_000L;
        }
        else
        {
            var consumed = 0;
            foreach (Match m in Units.Matches(text))
            {
                if (m.Index != consumed) throw new FormatException($"Unable to convert '{text}' to a duration");
                consumed += m.Length;
                var n = long.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture);
                switch (m.Groups[2].Value.ToLowerInvariant())
                {
                    case "y": months += n * 12; break;
                    case "mo": months += n; break;
                    case "w": days += n * 7; break;
                    case "d": days += n; break;
                    case "h": nanos += n * 3_600_000_000_000L; break;
                    case "m": nanos += n * 60_000_000_000L; break;
                    case "s": nanos += n * 1_000_000_000L; break;
                    case "ms": nanos += n * 1_000_000L; break;
                    case "us": case "µs": nanos += n * 1_000L; break;
                    case "ns": nanos += n; break;
                }
            }
            if (consumed != text.Length || consumed == 0) throw new FormatException($"Unable to convert '{text}' to a duration");
        }
        if (negative) { months = -months; days = -days; nanos = -nanos; }
        using var ms = new MemoryStream();
        WriteVInt(ms, months);
        WriteVInt(ms, days);
        WriteVInt(ms, nanos);
        return ms.ToArray();
    }

    /// <summary>Cassandra's unsigned vint of the zig-zag encoded value: leading 1-bits of the first byte count the extra bytes.</summary>
    private static void WriteVInt(Stream s, long value)
    {
        var v = (ulong)((value << 1) ^ (value >> 63));
        // Extra bytes needed: the smallest n with v < 2^(7*(n+1)), at most 8.
        var extra = 0;
        while (extra < 8 && (v >> (7 * (extra + 1))) != 0) extra++;
        var buf = new byte[extra + 1];
        for (var i = extra; i >= 0; i--)
        {
            buf[i] = (byte)v;
            v >>= 8;
        }
        if (extra < 8) buf[0] |= (byte)(0xFF << (8 - extra));
        else buf[0] = 0xFF;
        s.Write(buf, 0, buf.Length);
    }
}
