using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text;

namespace Synced.Core.Metrics;

/// <summary>
/// Reads the samples back from a text written by <see cref="PrometheusText"/> (comments skipped, labels
/// unescaped), so counters can carry on from the last file a previous process wrote. A line it cannot read is
/// skipped: at worst a counter starts again from zero, which Prometheus treats as a reset.
/// </summary>
internal static class PrometheusSamples
{
    /// <summary>One sample: family name, labels, value.</summary>
    public readonly struct Sample
    {
        public Sample(string name, IReadOnlyDictionary<string, string> labels, double value)
        {
            Name = name;
            Labels = labels;
            Value = value;
        }

        public string Name { get; }
        public IReadOnlyDictionary<string, string> Labels { get; }
        public double Value { get; }
    }

    public static List<Sample> Parse(string text)
    {
        var samples = new List<Sample>();
        foreach (var raw in text.Split('\n'))
        {
            var line = raw.TrimEnd('\r');
            if (line.Length == 0 || line[0] == '#') continue;
            if (TryParse(line, out var sample)) samples.Add(sample);
        }
        return samples;
    }

    private static bool TryParse(string line, out Sample sample)
    {
        sample = default;
        var i = 0;
        while (i < line.Length && line[i] != '{' && line[i] != ' ') i++;
        if (i == 0 || i >= line.Length) return false;
        var name = line.Substring(0, i);
        var labels = new Dictionary<string, string>(StringComparer.Ordinal);
        if (line[i] == '{')
        {
            i++;
            while (i < line.Length && line[i] != '}')
            {
                var equals = line.IndexOf('=', i);
                if (equals < 0 || equals + 1 >= line.Length || line[equals + 1] != '"') return false;
                var key = line.Substring(i, equals - i).Trim();
                var value = new StringBuilder();
                var j = equals + 2;
                for (; j < line.Length && line[j] != '"'; j++)
                {
                    if (line[j] != '\\' || j + 1 >= line.Length) { value.Append(line[j]); continue; }
                    j++;
                    value.Append(line[j] == 'n' ? '\n' : line[j]);
                }
                if (j >= line.Length) return false;
                labels[key] = value.ToString();
                i = j + 1;
                if (i < line.Length && line[i] == ',') i++;
            }
            if (i >= line.Length) return false;
            i++;
        }
        var rest = line.Substring(i).Trim();
        var space = rest.IndexOf(' ');
        if (space >= 0) rest = rest.Substring(0, space); // a timestamp may follow
        if (!double.TryParse(rest, NumberStyles.Float, CultureInfo.InvariantCulture, out var number)) return false;
        sample = new Sample(name, labels, number);
        return true;
    }
}
