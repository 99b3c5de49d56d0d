using System;
using System.Globalization;
using System.IO;
using System.Text;
using System.Text.RegularExpressions;

namespace Synced.Emulators.Cassandra.Values;

/// <summary>
/// CQL duration: three signed vints (months, days, nanoseconds), each zig-zag encoded then written as Cassandra's
/// unsigned vint, whose first byte's leading 1-bits count the extra bytes (at most 8; VIntCoding). Literals are
/// <c>1h30m</c>, ISO 8601 <c>P1DT2H</c> or <c>P2W</c>, with one optional leading minus for the whole value.
/// </summary>
internal static class DurationValue
{
    private static readonly Regex Units = new(@"(\d+)(y|mo|w|d|h|ms|m|s|us|µs|ns)", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant);
    private static readonly Regex Iso = new(@"^P(?:(?<y>\d+)Y)?(?:(?<mo>\d+)M)?(?:(?<w>\d+)W)?(?:(?<d>\d+)D)?(?:T(?:(?<h>\d+)H)?(?:(?<mi>\d+)M)?(?:(?<s>\d+)S)?)?$", RegexOptions.CultureInvariant);

    public static byte[] Parse(string text)
    {
        var negative = text.StartsWith('-');
        if (negative) text = text.Substring(1);
        long months = 0, days = 0, nanos = 0;
        var iso = Iso.Match(text);
        if (text.StartsWith('P') && iso.Success)
        {
            long G(string g) => iso.Groups[g].Success ? long.Parse(iso.Groups[g].Value, CultureInfo.InvariantCulture) : 0;
            months = checked(G("y") * 12 + G("mo"));
            days = checked(G("w") * 7 + G("d"));
            nanos = checked(((G("h") * 60 + G("mi")) * 60 + G("s")) * 1_000_000_000L);
        }
        else
        {
            var consumed = 0;
            foreach (Match m in Units.Matches(text))
            {
                if (m.Index != consumed) throw new FormatException($"Unable to convert '{text}' to a duration");
                consumed += m.Length;
                var n = long.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture);
                checked
                {
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
            }
            if (consumed != text.Length || consumed == 0) throw new FormatException($"Unable to convert '{text}' to a duration");
        }
        if (months > int.MaxValue || days > int.MaxValue) throw new FormatException("The duration months and days must fit an int");
        return negative ? Encode(-(int)months, -(int)days, -nanos) : Encode((int)months, (int)days, nanos);
    }

    public static byte[] Encode(int months, int days, long nanos)
    {
        if (!(months >= 0 && days >= 0 && nanos >= 0 || months <= 0 && days <= 0 && nanos <= 0))
            throw new FormatException($"The duration months, days and nanoseconds must be all of the same sign ({months}, {days}, {nanos})");
        using var ms = new MemoryStream();
        VInt.WriteSigned(ms, months);
        VInt.WriteSigned(ms, days);
        VInt.WriteSigned(ms, nanos);
        return ms.ToArray();
    }

    public static (int Months, int Days, long Nanos) Decode(ReadOnlySpan<byte> bytes)
    {
        var pos = 0;
        var months = VInt.ReadSigned(bytes, ref pos);
        var days = VInt.ReadSigned(bytes, ref pos);
        var nanos = VInt.ReadSigned(bytes, ref pos);
        if (pos != bytes.Length) throw new FormatException($"A duration has {bytes.Length - pos} bytes too many");
        return (checked((int)months), checked((int)days), nanos);
    }

    /// <summary>A duration literal of the value, e.g. <c>1mo2d3ns</c> or <c>-1mo1d1ns</c>.</summary>
    public static string Format(ReadOnlySpan<byte> bytes)
    {
        var (months, days, nanos) = Decode(bytes);
        var negative = months < 0 || days < 0 || nanos < 0;
        var sb = new StringBuilder();
        if (negative) sb.Append('-');
        sb.Append(Math.Abs((long)months).ToString(CultureInfo.InvariantCulture)).Append("mo");
        sb.Append(Math.Abs((long)days).ToString(CultureInfo.InvariantCulture)).Append('d');
        // |long.MinValue| does not fit a long: write its digits directly.
        sb.Append(nanos == long.MinValue ? "9223372036854775808" : Math.Abs(nanos).ToString(CultureInfo.InvariantCulture)).Append("ns");
        return sb.ToString();
    }
}
