using System;

namespace Synced.Emulators.Cassandra.Values;

/// <summary>UUIDs as the protocol carries them: 16 bytes in RFC 4122 (big-endian) order.</summary>
internal static class Uuids
{
    public static Guid ToGuid(ReadOnlySpan<byte> bytes) => new(bytes, bigEndian: true);

    public static void WriteGuid(Guid value, Span<byte> destination)
    {
        if (!value.TryWriteBytes(destination, bigEndian: true, out _)) throw new ArgumentException("a UUID needs 16 bytes", nameof(destination));
    }

    public static byte[] ToBytes(Guid value)
    {
        var bytes = new byte[16];
        WriteGuid(value, bytes);
        return bytes;
    }

    /// <summary>Parses the 8-4-4-4-12 hex form (hyphens optional) into its 16 bytes.</summary>
    public static byte[] Parse(string text)
    {
        var hex = text.Replace("-", "", StringComparison.Ordinal);
        if (hex.Length != 32) throw new FormatException($"'{text}' is not a UUID");
        return Convert.FromHexString(hex);
    }

    /// <summary>The 8-4-4-4-12 lower-case hex form.</summary>
    public static string Format(ReadOnlySpan<byte> bytes)
    {
        var hex = Convert.ToHexString(bytes).ToLowerInvariant();
        return $"{hex[..8]}-{hex[8..12]}-{hex[12..16]}-{hex[16..20]}-{hex[20..]}";
    }
}
