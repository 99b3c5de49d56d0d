using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text;

namespace Synced.Core.Metrics;

/// <summary>
/// Writes the Prometheus text exposition format (version 0.0.4): per metric family one <c># HELP</c> and one
/// <c># TYPE</c> line, then its samples <c>name{label="value",...} number</c>, label values escaped.
/// </summary>
internal sealed class PrometheusText
{
    private readonly StringBuilder _text = new();
    private readonly HashSet<string> _families = new(StringComparer.Ordinal);

    /// <summary>Starts a family; each name once.</summary>
    public void Family(string name, string type, string help)
    {
        if (!_families.Add(name)) throw new InvalidOperationException($"metric family '{name}' written twice");
        _text.Append("# HELP ").Append(name).Append(' ').Append(EscapeHelp(help)).Append('\n');
        _text.Append("# TYPE ").Append(name).Append(' ').Append(type).Append('\n');
    }

    /// <summary>Adds a sample of the family just started.</summary>
    public void Sample(string name, IReadOnlyList<KeyValuePair<string, string>> labels, double value)
    {
        _text.Append(name);
        if (labels.Count > 0)
        {
            _text.Append('{');
            for (var i = 0; i < labels.Count; i++)
            {
                if (i > 0) _text.Append(',');
                _text.Append(labels[i].Key).Append("=\"").Append(EscapeLabel(labels[i].Value)).Append('"');
            }
            _text.Append('}');
        }
        _text.Append(' ').Append(FormatValue(value)).Append('\n');
    }

    /// <inheritdoc />
    public override string ToString() => _text.ToString();

    /// <summary>A sample value: shortest round-trip form, NaN and ±Inf as the format spells them.</summary>
    public static string FormatValue(double value)
    {
        if (double.IsNaN(value)) return "NaN";
        if (double.IsPositiveInfinity(value)) return "+Inf";
        if (double.IsNegativeInfinity(value)) return "-Inf";
        return value.ToString("R", CultureInfo.InvariantCulture);
    }

    /// <summary>Unix time in seconds (with milliseconds) of a UTC time.</summary>
    public static double UnixSeconds(DateTime utc)
        => (utc.ToUniversalTime() - new DateTime(1970, 1, 1, 0, 0, 0, DateTimeKind.Utc)).Ticks / (double)TimeSpan.TicksPerSecond;

    /// <summary>A label value as the format needs it: backslash, double quote and line feed escaped.</summary>
    public static string EscapeLabel(string value) => value.Replace("\\", "\\\\").Replace("\"", "\\\"").Replace("\n", "\\n");

    private static string EscapeHelp(string help) => help.Replace("\\", "\\\\").Replace("\n", "\\n");
}
