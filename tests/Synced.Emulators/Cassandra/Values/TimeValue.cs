using System;
using System.Buffers.Binary;
using System.Globalization;
using System.Text.RegularExpressions;

namespace Synced.Emulators.Cassandra.Values;

/// <summary>CQL time: nanoseconds since midnight as a [long] (Cassandra's TimeType); text <c>hh:mm:ss[.fffffffff]</c>.</summary>
internal static class TimeValue
{
    public const long NanosPerDay = 86_400_000_000_000L;
    private static readonly Regex Pattern = new(@"^(?<h>\d{1,2}):(?<m>\d{2}):(?<s>\d{2})(?:\.(?<f>\d{1,9}))?$", RegexOptions.CultureInvariant);

    public static byte[] Parse(string text)
    {
        var m = Pattern.Match(text.Trim());
        if (!m.Success) throw new FormatException("Timestamp format must be hh:mm:ss[.fffffffff]");
        var hours = long.Parse(m.Groups["h"].Value, CultureInfo.InvariantCulture);
        var minutes = long.Parse(m.Groups["m"].Value, CultureInfo.InvariantCulture);
        var seconds = long.Parse(m.Groups["s"].Value, CultureInfo.InvariantCulture);
        if (hours > 23 || minutes > 59 || seconds > 59) throw new FormatException("Hour, minute or second out of range");
        var nanos = m.Groups["f"].Success ? long.Parse(m.Groups["f"].Value.PadRight(9, '0'), CultureInfo.InvariantCulture) : 0;
        return FromNanos(((hours * 60 + minutes) * 60 + seconds) * 1_000_000_000L + nanos);
    }

    public static byte[] FromNanos(long nanos)
    {
        if (nanos is < 0 or >= NanosPerDay) throw new FormatException($"Time value ({nanos}) is out of range");
        var bytes = new byte[8];
        BinaryPrimitives.WriteInt64BigEndian(bytes, nanos);
        return bytes;
    }

    public static string Format(ReadOnlySpan<byte> bytes)
    {
        var nanos = BinaryPrimitives.ReadInt64BigEndian(bytes);
        var seconds = nanos / 1_000_000_000L;
        return $"{seconds / 3600:00}:{seconds / 60 % 60:00}:{seconds % 60:00}.{nanos % 1_000_000_000L:000000000}";
    }
}
