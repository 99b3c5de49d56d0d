using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.RegularExpressions;

namespace Synced.Core.Model;

/// <summary>
/// Which tables take part: names matching any include pattern and no exclude pattern. Patterns use
/// PowerShell-style wildcards (<c>*</c>, <c>?</c>, <c>[abc]</c>) and match case-insensitively, as table and
/// index names do.
/// </summary>
public sealed class TableSelection
{
    /// <summary>Every table.</summary>
    public static readonly TableSelection All = new(null, null);

    private readonly Regex[] _include;
    private readonly Regex[] _exclude;

    /// <summary>Creates a selection; null or empty include means every table.</summary>
    public TableSelection(IEnumerable<string>? include, IEnumerable<string>? exclude)
    {
        Include = Normalize(include, "*");
        Exclude = Normalize(exclude, null);
        _include = Include.Select(ToRegex).ToArray();
        _exclude = Exclude.Select(ToRegex).ToArray();
    }

    /// <summary>Include patterns, lower case, sorted, without duplicates (<c>*</c> when none was given).</summary>
    public IReadOnlyList<string> Include { get; }

    /// <summary>Exclude patterns, lower case, sorted, without duplicates.</summary>
    public IReadOnlyList<string> Exclude { get; }

    /// <summary>True when <paramref name="table"/> takes part.</summary>
    public bool Matches(string table)
        => _include.Any(r => r.IsMatch(table)) && !_exclude.Any(r => r.IsMatch(table));

    /// <summary>
    /// Refuses a selection with an include pattern that matches none of <paramref name="tables"/> (given patterns
    /// only: the default "*" over no tables is not a typo), or whose exclusions leave nothing of what it includes.
    /// </summary>
    /// <param name="tables">The table names both sides hold.</param>
    /// <exception cref="TableNotFoundException">Some pattern matches nothing.</exception>
    public void EnsureMatchesAny(IEnumerable<string> tables)
    {
        var names = tables.Distinct(StringComparer.OrdinalIgnoreCase).OrderBy(n => n, StringComparer.OrdinalIgnoreCase).ToList();
        var unmatched = Include.Where((p, i) => p != "*" && !names.Any(n => _include[i].IsMatch(n))).ToList();
        if (unmatched.Count == 0 && Include.All(p => p != "*") && !names.Any(Matches))
            unmatched = Include.ToList(); // every pattern matches, but the exclusions leave nothing
        if (unmatched.Count > 0) throw new TableNotFoundException(unmatched, names);
    }

    private static List<string> Normalize(IEnumerable<string>? patterns, string? whenEmpty)
    {
        var list = (patterns ?? Array.Empty<string>())
            .Where(p => !string.IsNullOrWhiteSpace(p))
            .Select(p => p.Trim().ToLowerInvariant())
            .Distinct(StringComparer.Ordinal)
            .OrderBy(p => p, StringComparer.Ordinal)
            .ToList();
        if (list.Count == 0 && whenEmpty is not null) list.Add(whenEmpty);
        if (list.Contains("*")) list.RemoveAll(p => p != "*");
        return list;
    }

    private static Regex ToRegex(string pattern)
    {
        var builder = new System.Text.StringBuilder("^");
        for (var i = 0; i < pattern.Length; i++)
        {
            var c = pattern[i];
            switch (c)
            {
                case '*': builder.Append(".*"); break;
                case '?': builder.Append('.'); break;
                case '[':
                    var close = pattern.IndexOf(']', i + 1);
                    if (close > i + 1)
                    {
                        builder.Append('[').Append(pattern.Substring(i + 1, close - i - 1).Replace("\\", "\\\\")).Append(']');
                        i = close;
                    }
                    else builder.Append("\\[");
                    break;
                default: builder.Append(Regex.Escape(c.ToString())); break;
            }
        }
        return new Regex(builder.Append('$').ToString(), RegexOptions.IgnoreCase | RegexOptions.CultureInvariant);
    }

    /// <inheritdoc />
    public override string ToString()
        => Exclude.Count == 0 ? string.Join(",", Include) : $"{string.Join(",", Include)} except {string.Join(",", Exclude)}";
}
