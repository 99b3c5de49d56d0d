using System;
using System.Buffers;
using System.Buffers.Binary;
using System.Globalization;
using System.Numerics;
using System.Text;

namespace Synced.Emulators.Cassandra.Values;

/// <summary>
/// CQL decimal: serialized as an [int] scale then the unscaled value as a varint (value = unscaled × 10^-scale),
/// the form of Cassandra's DecimalType. Text follows java.math.BigDecimal: digits, an optional fraction and exponent.
/// </summary>
internal static class DecimalValue
{
    private static readonly SearchValues<char> ExponentMark = SearchValues.Create("eE");

    public static byte[] Parse(string text)
    {
        var s = text.Trim();
        var exponent = 0;
        var e = s.AsSpan().IndexOfAny(ExponentMark);
        if (e >= 0)
        {
            exponent = int.Parse(s.AsSpan(e + 1), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture);
            s = s.Substring(0, e);
        }
        var negative = s.StartsWith('-');
        if (negative || s.StartsWith('+')) s = s.Substring(1);
        var point = s.IndexOf('.');
        var digits = point < 0 ? s : s.Remove(point, 1);
        var fraction = point < 0 ? 0 : s.Length - point - 1;
        if (digits.Length == 0) throw new FormatException($"'{text}' is not a decimal");
        foreach (var c in digits) if (c is < '0' or > '9') throw new FormatException($"'{text}' is not a decimal");
        var unscaled = BigInteger.Parse(digits, NumberStyles.None, CultureInfo.InvariantCulture);
        if (negative) unscaled = -unscaled;
        return Encode(unscaled, checked(fraction - exponent));
    }

    public static byte[] Encode(BigInteger unscaled, int scale)
    {
        var magnitude = unscaled.ToByteArray(isUnsigned: false, isBigEndian: true);
        var bytes = new byte[4 + magnitude.Length];
        BinaryPrimitives.WriteInt32BigEndian(bytes, scale);
        magnitude.CopyTo(bytes, 4);
        return bytes;
    }

    public static (BigInteger Unscaled, int Scale) Decode(ReadOnlySpan<byte> bytes)
    {
        if (bytes.Length < 5) throw new FormatException($"A decimal needs at least 5 bytes, not {bytes.Length}");
        return (new BigInteger(bytes.Slice(4), isUnsigned: false, isBigEndian: true), BinaryPrimitives.ReadInt32BigEndian(bytes));
    }

    /// <summary>The text java.math.BigDecimal.toString gives: plain when the exponent is small, else scientific.</summary>
    public static string Format(ReadOnlySpan<byte> bytes)
    {
        var (unscaled, scale) = Decode(bytes);
        var negative = unscaled.Sign < 0;
        var digits = BigInteger.Abs(unscaled).ToString(CultureInfo.InvariantCulture);
        var adjusted = -(long)scale + (digits.Length - 1);
        var sb = new StringBuilder();
        if (negative) sb.Append('-');
        if (scale >= 0 && adjusted >= -6)
        {
            if (scale == 0) sb.Append(digits);
            else if (digits.Length > scale) sb.Append(digits, 0, digits.Length - scale).Append('.').Append(digits, digits.Length - scale, scale);
            else sb.Append("0.").Append('0', scale - digits.Length).Append(digits);
        }
        else
        {
            sb.Append(digits[0]);
            if (digits.Length > 1) sb.Append('.').Append(digits, 1, digits.Length - 1);
            sb.Append('E').Append(adjusted >= 0 ? "+" : "").Append(adjusted.ToString(CultureInfo.InvariantCulture));
        }
        return sb.ToString();
    }
}
