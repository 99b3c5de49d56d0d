using System;
using System.Collections.Generic;
using System.Text;

namespace Synced.Emulators.Cassandra.Cql;

/// <summary>Splits CQL text into tokens; comments and whitespace are dropped.</summary>
internal static class CqlLexer
{
    public static List<CqlToken> Tokenize(string text)
    {
        var tokens = new List<CqlToken>();
        var i = 0;
        while (true)
        {
            SkipSpaceAndComments(text, ref i);
            if (i >= text.Length)
            {
                tokens.Add(new CqlToken(CqlTokenKind.End, "", i));
                return tokens;
            }
            var start = i;
            var c = text[i];
            if (c == '\'')
            {
                tokens.Add(new CqlToken(CqlTokenKind.String, ReadQuoted(text, ref i, '\''), start));
            }
            else if (c == '"')
            {
                tokens.Add(new CqlToken(CqlTokenKind.QuotedIdentifier, ReadQuoted(text, ref i, '"'), start));
            }
            else if (c == '$' && i + 1 < text.Length && text[i + 1] == '$')
            {
                var end = text.IndexOf("$$", i + 2, StringComparison.Ordinal);
                if (end < 0) throw new CqlSyntaxException($"line 1:{start} unterminated $$ string");
                tokens.Add(new CqlToken(CqlTokenKind.String, text.Substring(i + 2, end - i - 2), start));
                i = end + 2;
            }
            else if (TryUuid(text, i))
            {
                tokens.Add(new CqlToken(CqlTokenKind.Uuid, text.Substring(i, 36), start));
                i += 36;
            }
            else if (c == '0' && i + 1 < text.Length && (text[i + 1] == 'x' || text[i + 1] == 'X'))
            {
                i += 2;
                while (i < text.Length && Uri.IsHexDigit(text[i])) i++;
                tokens.Add(new CqlToken(CqlTokenKind.Hex, text.Substring(start + 2, i - start - 2), start));
            }
            else if (char.IsDigit(c) || (c == '-' && i + 1 < text.Length && (char.IsDigit(text[i + 1]) || text[i + 1] == '.') && NumberMayStart(tokens)))
            {
                tokens.Add(ReadNumberOrDuration(text, ref i));
            }
            else if (char.IsLetter(c) || c == '_')
            {
                while (i < text.Length && (char.IsLetterOrDigit(text[i]) || text[i] == '_')) i++;
                var word = text.Substring(start, i - start);
                // ISO 8601 duration such as P1DT2H or P2W.
                if ((word[0] == 'P' || word[0] == 'p') && word.Length > 1 && char.IsDigit(word[1]) || word == "PT")
                    tokens.Add(new CqlToken(CqlTokenKind.Duration, word, start));
                else
                    tokens.Add(new CqlToken(CqlTokenKind.Identifier, word, start));
            }
            else if (c == '?')
            {
                tokens.Add(new CqlToken(CqlTokenKind.QuestionMark, "?", start));
                i++;
            }
            else if (c == ':' && i + 1 < text.Length && (char.IsLetter(text[i + 1]) || text[i + 1] == '_' || text[i + 1] == '"') && MarkerMayStart(tokens))
            {
                i++;
                string name;
                if (text[i] == '"') name = ReadQuoted(text, ref i, '"');
                else
                {
                    var s = i;
                    while (i < text.Length && (char.IsLetterOrDigit(text[i]) || text[i] == '_')) i++;
                    name = text.Substring(s, i - s).ToLowerInvariant();
                }
                tokens.Add(new CqlToken(CqlTokenKind.NamedMarker, name, start));
            }
            else
            {
                var two = i + 1 < text.Length ? text.Substring(i, 2) : "";
                if (two is "<=" or ">=" or "!=")
                {
                    tokens.Add(new CqlToken(CqlTokenKind.Symbol, two, start));
                    i += 2;
                }
                else if ("(),;.*=<>[]{}:+-".Contains(c))
                {
                    tokens.Add(new CqlToken(CqlTokenKind.Symbol, c.ToString(), start));
                    i++;
                }
                else
                {
                    throw new CqlSyntaxException($"line 1:{start} no viable alternative at character '{c}'");
                }
            }
        }
    }

    private static bool NumberMayStart(List<CqlToken> tokens)
    {
        // "-5" is a negative literal unless it follows something that can end an operand (then it is a minus).
        if (tokens.Count == 0) return true;
        var last = tokens[tokens.Count - 1];
        return last.Kind == CqlTokenKind.Symbol && last.Text != ")" && last.Text != "]" && last.Text != "}"
            || last.Kind == CqlTokenKind.Identifier && IsOperatorKeyword(last.Text);
    }

    /// <summary>
    /// Whether ":name" is a named bind marker here: not after a field name, a value or a closing bracket, where the
    /// colon separates a UDT field or a map key from its value (<c>{x:NULL}</c>), as Cassandra's grammar reads it.
    /// </summary>
    private static bool MarkerMayStart(List<CqlToken> tokens)
    {
        if (tokens.Count == 0) return true;
        var last = tokens[tokens.Count - 1];
        return last.Kind switch
        {
            CqlTokenKind.Symbol => last.Text is not (")" or "]" or "}"),
            CqlTokenKind.Identifier => IsOperatorKeyword(last.Text) || last.Text.Equals("IN", StringComparison.OrdinalIgnoreCase)
                || last.Text.Equals("CONTAINS", StringComparison.OrdinalIgnoreCase) || last.Text.Equals("KEY", StringComparison.OrdinalIgnoreCase),
            _ => false,
        };
    }

    private static bool IsOperatorKeyword(string word) => word.Equals("LIMIT", StringComparison.OrdinalIgnoreCase)
        || word.Equals("TTL", StringComparison.OrdinalIgnoreCase) || word.Equals("TIMESTAMP", StringComparison.OrdinalIgnoreCase)
        || word.Equals("VALUES", StringComparison.OrdinalIgnoreCase);

    private static CqlToken ReadNumberOrDuration(string text, ref int i)
    {
        var start = i;
        if (text[i] == '-') i++;
        while (i < text.Length && char.IsDigit(text[i])) i++;
        // Duration like 1h30m or 2d: digits followed by unit letters, repeated.
        if (i < text.Length && char.IsLetter(text[i]) && text[i] != 'e' && text[i] != 'E')
        {
            while (i < text.Length && (char.IsLetterOrDigit(text[i]) || text[i] == 'µ')) i++;
            return new CqlToken(CqlTokenKind.Duration, text.Substring(start, i - start), start);
        }
        var isFloat = false;
        if (i + 1 < text.Length && text[i] == '.' && char.IsDigit(text[i + 1]))
        {
            isFloat = true;
            i++;
            while (i < text.Length && char.IsDigit(text[i])) i++;
        }
        if (i < text.Length && (text[i] == 'e' || text[i] == 'E'))
        {
            var j = i + 1;
            if (j < text.Length && (text[j] == '+' || text[j] == '-')) j++;
            if (j < text.Length && char.IsDigit(text[j]))
            {
                isFloat = true;
                i = j;
                while (i < text.Length && char.IsDigit(text[i])) i++;
            }
        }
        return new CqlToken(isFloat ? CqlTokenKind.Float : CqlTokenKind.Integer, text.Substring(start, i - start), start);
    }

    private static bool TryUuid(string text, int i)
    {
        if (i + 36 > text.Length) return false;
        for (var k = 0; k < 36; k++)
        {
            var ch = text[i + k];
            if (k is 8 or 13 or 18 or 23) { if (ch != '-') return false; }
            else if (!Uri.IsHexDigit(ch)) return false;
        }
        return i + 36 == text.Length || !(char.IsLetterOrDigit(text[i + 36]) || text[i + 36] == '_');
    }

    private static string ReadQuoted(string text, ref int i, char quote)
    {
        var start = i;
        var sb = new StringBuilder();
        i++;
        while (true)
        {
            if (i >= text.Length) throw new CqlSyntaxException($"line 1:{start} unterminated quoted text");
            if (text[i] == quote)
            {
                if (i + 1 < text.Length && text[i + 1] == quote)
                {
                    sb.Append(quote);
                    i += 2;
                    continue;
                }
                i++;
                return sb.ToString();
            }
            sb.Append(text[i++]);
        }
    }

    private static void SkipSpaceAndComments(string text, ref int i)
    {
        while (i < text.Length)
        {
            if (char.IsWhiteSpace(text[i])) i++;
            else if (i + 1 < text.Length && (text[i] == '-' && text[i + 1] == '-' || text[i] == '/' && text[i + 1] == '/'))
            {
                while (i < text.Length && text[i] != '\n') i++;
            }
            else if (i + 1 < text.Length && text[i] == '/' && text[i + 1] == '*')
            {
                var end = text.IndexOf("*/", i + 2, StringComparison.Ordinal);
                i = end < 0 ? text.Length : end + 2;
            }
            else return;
        }
    }
}
