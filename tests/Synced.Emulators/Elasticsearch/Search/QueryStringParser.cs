using System;
using System.Collections.Generic;
using System.Text;
using System.Text.Json;

namespace Synced.Emulators.Elasticsearch;

/// <summary>
/// The subset of Lucene query syntax the emulator understands, for <c>q=</c>, <c>query_string</c> and
/// <c>simple_query_string</c>: terms, <c>field:value</c>, quoted phrases (all their words), trailing <c>*</c>,
/// <c>field:*</c>, <c>+</c>/<c>-</c>, AND/OR/NOT, and <c>*</c> / <c>*:*</c> for everything.
/// </summary>
internal static class QueryStringParser
{
    public static Query Parse(string text, string? defaultField, bool defaultAnd)
    {
        var trimmed = text.Trim();
        if (trimmed.Length == 0 || trimmed is "*" or "*:*") return MatchAllQuery.All;
        var result = new BoolQuery();
        var tokens = Tokenize(trimmed);
        var nextRequired = false;
        var nextProhibited = false;
        var previousOptional = new List<Query>();
        foreach (var token in tokens)
        {
            switch (token)
            {
                case "AND":
                    // "a AND b": both sides required.
                    foreach (var q in previousOptional) { result.Should.Remove(q); result.Must.Add(q); }
                    previousOptional.Clear();
                    nextRequired = true;
                    continue;
                case "OR":
                    continue;
                case "NOT":
                    nextProhibited = true;
                    continue;
            }
            var clause = token;
            var required = nextRequired;
            var prohibited = nextProhibited;
            nextRequired = nextProhibited = false;
            if (clause.StartsWith('+')) { required = true; clause = clause.Substring(1); }
            else if (clause.StartsWith('-') || clause.StartsWith('!')) { prohibited = true; clause = clause.Substring(1); }
            var query = Clause(clause, defaultField);
            previousOptional.Clear();
            if (prohibited) result.MustNot.Add(query);
            else if (required || defaultAnd) result.Must.Add(query);
            else
            {
                result.Should.Add(query);
                previousOptional.Add(query);
            }
        }
        if (result.Must.Count + result.Should.Count == 0) result.Must.Add(MatchAllQuery.All);
        return result;
    }

    private static Query Clause(string clause, string? defaultField)
    {
        var field = defaultField is null or "*" ? null : defaultField;
        var value = clause;
        var colon = FindFieldSeparator(clause);
        if (colon > 0)
        {
            field = clause.Substring(0, colon).Replace("\\", "", StringComparison.Ordinal);
            value = clause.Substring(colon + 1);
        }
        var quoted = value.Length >= 2 && value[0] == '"' && value[^1] == '"';
        if (quoted) value = value.Substring(1, value.Length - 2);
        if (field is null) return new AllFieldsQuery(value);
        if (!quoted && value == "*") return new ExistsQuery(field);
        if (!quoted && value.EndsWith('*')) return new PrefixQuery(field, value.TrimEnd('*'));
        using var doc = JsonDocument.Parse(JsonSerializer.Serialize(value));
        return new MatchQuery(field, doc.RootElement, all: quoted);
    }

    private static int FindFieldSeparator(string clause)
    {
        var inQuote = false;
        for (var i = 0; i < clause.Length; i++)
        {
            if (clause[i] == '"') inQuote = !inQuote;
            else if (clause[i] == '\\') i++;
            else if (clause[i] == ':' && !inQuote) return i;
        }
        return -1;
    }

    private static List<string> Tokenize(string text)
    {
        var tokens = new List<string>();
        var current = new StringBuilder();
        var inQuote = false;
        foreach (var c in text)
        {
            if (c == '"') inQuote = !inQuote;
            if (!inQuote && (char.IsWhiteSpace(c) || c is '(' or ')'))
            {
                if (current.Length > 0) tokens.Add(current.ToString());
                current.Clear();
                continue;
            }
            current.Append(c);
        }
        if (inQuote) throw Errors.Parsing($"Failed to parse query [{text}]: unterminated quote");
        if (current.Length > 0) tokens.Add(current.ToString());
        return tokens;
    }
}
