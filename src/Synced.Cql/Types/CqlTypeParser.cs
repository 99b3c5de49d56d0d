using System;
using System.Collections.Generic;

namespace Synced.Cql.Types;

/// <summary>Recursive-descent parser for CQL type text.</summary>
internal sealed class CqlTypeParser
{
    private readonly string _text;
    private readonly Func<string?, string, CqlType?>? _resolveUdt;
    private int _position;

    private CqlTypeParser(string text, Func<string?, string, CqlType?>? resolveUdt)
    {
        _text = text;
        _resolveUdt = resolveUdt;
    }

    public static CqlType Parse(string text, Func<string?, string, CqlType?>? resolveUdt)
    {
        if (text == null)
        {
            throw new ArgumentNullException(nameof(text));
        }

        var parser = new CqlTypeParser(text, resolveUdt);
        var type = parser.ParseType();
        parser.SkipSpaces();
        if (parser._position != text.Length)
        {
            throw parser.Error("unexpected text after the type");
        }

        return type;
    }

    private CqlType ParseType()
    {
        SkipSpaces();
        if (Peek() == '\'')
        {
            return CqlType.Custom(ReadQuotedString());
        }

        var first = ReadIdentifier();
        string? keyspace = null;
        var name = first;
        SkipSpaces();
        if (Peek() == '.')
        {
            _position++;
            keyspace = first;
            name = ReadIdentifier();
        }

        if (keyspace == null && !first.StartsWith("\"", StringComparison.Ordinal))
        {
            switch (first.ToLowerInvariant())
            {
                case "frozen":
                {
                    Expect('<');
                    var inner = ParseType();
                    Expect('>');
                    return inner.AsFrozen();
                }

                case "list":
                {
                    Expect('<');
                    var element = ParseType();
                    Expect('>');
                    return CqlType.List(element);
                }

                case "set":
                {
                    Expect('<');
                    var element = ParseType();
                    Expect('>');
                    return CqlType.Set(element);
                }

                case "map":
                {
                    Expect('<');
                    var key = ParseType();
                    Expect(',');
                    var value = ParseType();
                    Expect('>');
                    return CqlType.Map(key, value);
                }

                case "vector":
                {
                    Expect('<');
                    var element = ParseType();
                    Expect(',');
                    SkipSpaces();
                    var start = _position;
                    while (_position < _text.Length && char.IsDigit(_text[_position]))
                    {
                        _position++;
                    }

                    if (!int.TryParse(_text.Substring(start, _position - start), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var dimensions)
                        || dimensions < 1)
                    {
                        throw Error("a vector's dimension is a positive whole number");
                    }

                    Expect('>');
                    return CqlType.Vector(element, dimensions);
                }

                case "tuple":
                {
                    Expect('<');
                    var components = new List<CqlType> { ParseType() };
                    while (TryConsume(','))
                    {
                        components.Add(ParseType());
                    }

                    Expect('>');
                    return CqlType.Tuple(components.ToArray());
                }

                case "ascii": return CqlType.Ascii;
                case "bigint": return CqlType.Bigint;
                case "blob": return CqlType.Blob;
                case "boolean": return CqlType.Boolean;
                case "counter": return CqlType.Counter;
                case "date": return CqlType.Date;
                case "decimal": return CqlType.Decimal;
                case "double": return CqlType.Double;
                case "duration": return CqlType.Duration;
                case "float": return CqlType.Float;
                case "inet": return CqlType.Inet;
                case "int": return CqlType.Int;
                case "smallint": return CqlType.Smallint;
                case "text":
                case "varchar": return CqlType.Text;
                case "time": return CqlType.Time;
                case "timestamp": return CqlType.Timestamp;
                case "timeuuid": return CqlType.Timeuuid;
                case "tinyint": return CqlType.Tinyint;
                case "uuid": return CqlType.Uuid;
                case "varint": return CqlType.Varint;
            }
        }

        var normalizedKeyspace = keyspace == null ? null : CqlIdentifier.Normalize(keyspace);
        var normalizedName = CqlIdentifier.Normalize(name);
        var udt = (_resolveUdt?.Invoke(normalizedKeyspace, normalizedName)) ?? throw Error($"unknown type '{(normalizedKeyspace == null ? normalizedName : normalizedKeyspace + "." + normalizedName)}' (not a native type, and no user-defined type of that name)");
        return udt;
    }

    private string ReadIdentifier()
    {
        SkipSpaces();
        var start = _position;
        if (Peek() == '"')
        {
            _position++;
            while (_position < _text.Length)
            {
                if (_text[_position] == '"')
                {
                    if (_position + 1 < _text.Length && _text[_position + 1] == '"')
                    {
                        _position += 2;
                        continue;
                    }

                    _position++;
                    return _text.Substring(start, _position - start);
                }

                _position++;
            }

            throw Error("unterminated quoted identifier");
        }

        while (_position < _text.Length && (char.IsLetterOrDigit(_text[_position]) || _text[_position] == '_'))
        {
            _position++;
        }

        if (start == _position)
        {
            throw Error("expected a type name");
        }

        return _text.Substring(start, _position - start);
    }

    private string ReadQuotedString()
    {
        _position++;
        var builder = new System.Text.StringBuilder();
        while (_position < _text.Length)
        {
            var c = _text[_position++];
            if (c == '\'')
            {
                if (Peek() == '\'')
                {
                    builder.Append('\'');
                    _position++;
                    continue;
                }

                return builder.ToString();
            }

            builder.Append(c);
        }

        throw Error("unterminated custom type class name");
    }

    private void Expect(char c)
    {
        if (!TryConsume(c))
        {
            throw Error($"expected '{c}'");
        }
    }

    private bool TryConsume(char c)
    {
        SkipSpaces();
        if (Peek() == c)
        {
            _position++;
            return true;
        }

        return false;
    }

    private char Peek() => _position < _text.Length ? _text[_position] : '\0';

    private void SkipSpaces()
    {
        while (_position < _text.Length && char.IsWhiteSpace(_text[_position]))
        {
            _position++;
        }
    }

    private FormatException Error(string what)
        => new($"Cannot parse CQL type '{_text}' at offset {_position}: {what}.");
}
