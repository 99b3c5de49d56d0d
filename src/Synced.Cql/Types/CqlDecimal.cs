using System;
using System.Globalization;
using System.Numerics;
using System.Text;

namespace Synced.Cql.Types;

/// <summary>
/// A CQL <c>decimal</c> kept exactly: value = <see cref="Unscaled"/> × 10^-<see cref="Scale"/>, with any precision and a
/// scale that may be negative. Equality is by representation (1.0 and 1.00 differ, as in Java's BigDecimal);
/// use <see cref="CompareTo"/> for numeric order.
/// </summary>
public readonly struct CqlDecimal : IEquatable<CqlDecimal>, IComparable<CqlDecimal>
{
    private static readonly char[] ExponentMarks = ['e', 'E'];

    private static readonly BigInteger DecimalMantissaLimit = BigInteger.One << 96;

    public CqlDecimal(BigInteger unscaled, int scale)
    {
        Unscaled = unscaled;
        Scale = scale;
    }

    public BigInteger Unscaled { get; }

    public int Scale { get; }

    /// <summary>Exact conversion from <see cref="decimal"/> (keeps its scale, e.g. 1.50m → unscaled 150, scale 2).</summary>
    public static CqlDecimal FromDecimal(decimal value)
    {
        var bits = decimal.GetBits(value);
        var magnitude = new BigInteger((uint)bits[0])
                        | (new BigInteger((uint)bits[1]) << 32)
                        | (new BigInteger((uint)bits[2]) << 64);
        var scale = (bits[3] >> 16) & 0xFF;
        var negative = bits[3] < 0;
        return new CqlDecimal(negative ? -magnitude : magnitude, scale);
    }

    /// <summary>Converts to <see cref="decimal"/> when that is exact; false when it would lose digits or overflow.</summary>
    public bool TryToDecimal(out decimal value)
    {
        var unscaled = Unscaled;
        var scale = Scale;
        if (scale < 0)
        {
            if (unscaled.IsZero)
            {
                value = 0m;
                return true;
            }

            if (scale < -29)
            {
                value = 0;
                return false;
            }

            unscaled *= BigInteger.Pow(10, -scale);
            scale = 0;
        }

        while (scale > 28 || BigInteger.Abs(unscaled) >= DecimalMantissaLimit)
        {
            if (scale == 0)
            {
                value = 0;
                return false;
            }

            var quotient = BigInteger.DivRem(unscaled, 10, out var remainder);
            if (!remainder.IsZero)
            {
                value = 0;
                return false;
            }

            unscaled = quotient;
            scale--;
        }

        var magnitude = BigInteger.Abs(unscaled);
        var lo = (int)(uint)(magnitude & uint.MaxValue);
        var mid = (int)(uint)((magnitude >> 32) & uint.MaxValue);
        var hi = (int)(uint)((magnitude >> 64) & uint.MaxValue);
        value = new decimal(lo, mid, hi, unscaled.Sign < 0, (byte)scale);
        return true;
    }

    /// <summary>Converts to <see cref="decimal"/>; throws <see cref="OverflowException"/> when not exact.</summary>
    public decimal ToDecimal()
    {
        if (!TryToDecimal(out var value))
        {
            throw new OverflowException($"The decimal {this} does not fit System.Decimal exactly (28 digits of scale, 96-bit mantissa).");
        }

        return value;
    }

    /// <summary>Nearest <see cref="double"/> (may lose precision).</summary>
    public double ToDouble() => double.Parse(ToString(), NumberStyles.Float, CultureInfo.InvariantCulture);

    /// <summary>
    /// Parses <c>[-]digits[.digits][E[+|-]digits]</c>; the scale is the number of fraction digits minus the exponent,
    /// so <c>0.0128</c> is (128, 4) and <c>64206E+100</c> is (64206, -100).
    /// </summary>
    public static CqlDecimal Parse(string text)
    {
        if (!TryParse(text, out var value))
        {
            throw new FormatException($"'{text}' is not a decimal number.");
        }

        return value;
    }

    public static bool TryParse(string? text, out CqlDecimal value)
    {
        value = default;
        if (string.IsNullOrWhiteSpace(text))
        {
            return false;
        }

        var s = text!.Trim();
        var exponentAt = s.IndexOfAny(ExponentMarks);
        long exponent = 0;
        if (exponentAt >= 0)
        {
            if (!long.TryParse(s.Substring(exponentAt + 1), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out exponent))
            {
                return false;
            }

            s = s.Substring(0, exponentAt);
        }

        var negative = false;
        if (s.StartsWith("-", StringComparison.Ordinal) || s.StartsWith("+", StringComparison.Ordinal))
        {
            negative = s[0] == '-';
            s = s.Substring(1);
        }

        var point = s.IndexOf('.');
        var integerDigits = point >= 0 ? s.Substring(0, point) : s;
        var fractionDigits = point >= 0 ? s.Substring(point + 1) : string.Empty;
        var digits = integerDigits + fractionDigits;
        if (digits.Length == 0)
        {
            return false;
        }

        foreach (var c in digits)
        {
            if (c < '0' || c > '9')
            {
                return false;
            }
        }

        var scale = fractionDigits.Length - exponent;
        if (scale < int.MinValue || scale > int.MaxValue)
        {
            return false;
        }

        var unscaled = BigInteger.Parse(digits, NumberStyles.None, CultureInfo.InvariantCulture);
        value = new CqlDecimal(negative ? -unscaled : unscaled, (int)scale);
        return true;
    }

    /// <summary>Plain notation for scale ≥ 0 (e.g. <c>-0.0012</c>), <c>unscaledE+n</c> for negative scales; parses back to the same value.</summary>
    public override string ToString()
    {
        var digits = BigInteger.Abs(Unscaled).ToString(CultureInfo.InvariantCulture);
        var sign = Unscaled.Sign < 0 ? "-" : string.Empty;
        if (Scale == 0)
        {
            return sign + digits;
        }

        if (Scale < 0)
        {
            return sign + digits + "E+" + (-(long)Scale).ToString(CultureInfo.InvariantCulture);
        }

        if (Scale > 10_000)
        {
            return sign + digits + "E-" + Scale.ToString(CultureInfo.InvariantCulture);
        }

        if (digits.Length <= Scale)
        {
            return sign + "0." + new string('0', Scale - digits.Length) + digits;
        }

        var builder = new StringBuilder(sign, digits.Length + 2);
        builder.Append(digits, 0, digits.Length - Scale).Append('.').Append(digits, digits.Length - Scale, Scale);
        return builder.ToString();
    }

    public bool Equals(CqlDecimal other) => Scale == other.Scale && Unscaled.Equals(other.Unscaled);

    public override bool Equals(object? obj) => obj is CqlDecimal other && Equals(other);

    public override int GetHashCode() => Unscaled.GetHashCode() ^ Scale;

    /// <summary>Numeric order (1.0 equals 1.00 here).</summary>
    public int CompareTo(CqlDecimal other)
    {
        if (Scale == other.Scale)
        {
            return Unscaled.CompareTo(other.Unscaled);
        }

        if (Scale < other.Scale)
        {
            return (Unscaled * BigInteger.Pow(10, other.Scale - Scale)).CompareTo(other.Unscaled);
        }

        return Unscaled.CompareTo(other.Unscaled * BigInteger.Pow(10, Scale - other.Scale));
    }

    public static implicit operator CqlDecimal(decimal value) => FromDecimal(value);

    public static explicit operator decimal(CqlDecimal value) => value.ToDecimal();

    /// <summary>True when both are equal (<see cref="Equals(CqlDecimal)"/>).</summary>
    public static bool operator ==(CqlDecimal left, CqlDecimal right) => left.Equals(right);

    /// <summary>True when they differ (<see cref="Equals(CqlDecimal)"/>).</summary>
    public static bool operator !=(CqlDecimal left, CqlDecimal right) => !left.Equals(right);

    /// <summary>Ordering by <see cref="CompareTo(CqlDecimal)"/>.</summary>
    public static bool operator <(CqlDecimal left, CqlDecimal right) => left.CompareTo(right) < 0;

    /// <summary>Ordering by <see cref="CompareTo(CqlDecimal)"/>.</summary>
    public static bool operator <=(CqlDecimal left, CqlDecimal right) => left.CompareTo(right) <= 0;

    /// <summary>Ordering by <see cref="CompareTo(CqlDecimal)"/>.</summary>
    public static bool operator >(CqlDecimal left, CqlDecimal right) => left.CompareTo(right) > 0;

    /// <summary>Ordering by <see cref="CompareTo(CqlDecimal)"/>.</summary>
    public static bool operator >=(CqlDecimal left, CqlDecimal right) => left.CompareTo(right) >= 0;
}
