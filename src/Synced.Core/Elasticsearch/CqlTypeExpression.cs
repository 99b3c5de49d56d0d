using System;
using System.Collections.Generic;
using System.Text;

namespace Synced.Core.Elasticsearch;

/// <summary>
/// A CQL type as written in a schema (<c>map&lt;text, frozen&lt;list&lt;int&gt;&gt;&gt;</c>), parsed into its name and
/// arguments. <c>frozen&lt;..&gt;</c> is unwrapped (it changes storage, not values); user-defined type names keep
/// their spelling without quotes; a custom type's class string is kept as its name.
/// </summary>
internal sealed class CqlTypeExpression
{
    private static readonly HashSet<string> NativeTypes = new(StringComparer.Ordinal)
    {
        "ascii", "bigint", "blob", "boolean", "counter", "date", "decimal", "double", "duration", "float", "inet",
        "int", "smallint", "text", "time", "timestamp", "timeuuid", "tinyint", "uuid", "varchar", "varint",
    };

    private CqlTypeExpression(string name, IReadOnlyList<CqlTypeExpression> arguments, bool isCustom, int dimensions = 0)
    {
        Name = name;
        Arguments = arguments;
        IsCustom = isCustom;
        Dimensions = dimensions;
    }

    /// <summary>The n of <c>vector&lt;T, n&gt;</c> (Cassandra 5.0); 0 for other types.</summary>
    public int Dimensions { get; }

    /// <summary>Lower-case name of a native or collection type, or the name of a user-defined type.</summary>
    public string Name { get; }

    /// <summary>Element types of list/set, key and value of map, components of tuple.</summary>
    public IReadOnlyList<CqlTypeExpression> Arguments { get; }

    /// <summary>A custom type given by its Java class name in quotes.</summary>
    public bool IsCustom { get; }

    public bool IsNative => !IsCustom && Arguments.Count == 0 && NativeTypes.Contains(Name);

    public bool IsCollection => Name is "list" or "set" or "map";

    /// <summary>Cassandra 5.0's <c>vector&lt;T, n&gt;</c>.</summary>
    public bool IsVector => Name == "vector" && Dimensions > 0;

    public bool IsTuple => Name == "tuple";

    /// <summary>A user-defined type: a name that is no native, collection or tuple type.</summary>
    public bool IsUserDefined => !IsCustom && !IsNative && !IsCollection && !IsTuple && !IsVector;

    /// <summary>Parses a CQL type; throws <see cref="FormatException"/> with the position of a syntax error.</summary>
    public static CqlTypeExpression Parse(string text)
    {
        if (text is null) throw new ArgumentNullException(nameof(text));
        var position = 0;
        var type = ParseType(text, ref position);
        SkipSpaces(text, ref position);
        if (position != text.Length)
            throw new FormatException($"unexpected '{text[position]}' at position {position} of CQL type '{text}'");
        return type;
    }

    private static CqlTypeExpression ParseType(string text, ref int position)
    {
        SkipSpaces(text, ref position);
        if (position >= text.Length) throw new FormatException($"CQL type '{text}' ends where a type was expected");

        if (text[position] == '\'')
        {
            var end = text.IndexOf('\'', position + 1);
            if (end < 0) throw new FormatException($"unterminated custom type class in CQL type '{text}'");
            var className = text.Substring(position + 1, end - position - 1);
            position = end + 1;
            return new CqlTypeExpression(className, Array.Empty<CqlTypeExpression>(), isCustom: true);
        }

        var name = ReadName(text, ref position);
        var lowered = name.IsQuoted ? name.Text : name.Text.ToLowerInvariant();
        SkipSpaces(text, ref position);
        if (position >= text.Length || text[position] != '<')
            return new CqlTypeExpression(lowered, Array.Empty<CqlTypeExpression>(), isCustom: false);

        position++;
        var arguments = new List<CqlTypeExpression>();
        while (true)
        {
            arguments.Add(ParseType(text, ref position));
            SkipSpaces(text, ref position);
            if (position >= text.Length) throw new FormatException($"CQL type '{text}' is missing a '>'");
            if (text[position] == ',') { position++; continue; }
            if (text[position] == '>') { position++; break; }
            throw new FormatException($"unexpected '{text[position]}' at position {position} of CQL type '{text}'");
        }

        if (lowered == "vector")
        {
            // vector<T, n>: the element type and a positive dimension.
            if (arguments.Count != 2 || arguments[1].Arguments.Count != 0 || !int.TryParse(arguments[1].Name, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var dimensions) || dimensions < 1)
                throw new FormatException($"vector<> takes a type and a positive dimension in CQL type '{text}'");
            return new CqlTypeExpression(lowered, new[] { arguments[0] }, isCustom: false, dimensions);
        }
        if (lowered == "frozen")
        {
            if (arguments.Count != 1) throw new FormatException($"frozen<> takes one type in CQL type '{text}'");
            return arguments[0];
        }
        var expected = lowered switch { "list" => 1, "set" => 1, "map" => 2, _ => -1 };
        if (lowered == "tuple" ? arguments.Count == 0 : expected != arguments.Count)
            throw new FormatException($"{lowered}<> has {arguments.Count} type argument(s) in CQL type '{text}'");
        return new CqlTypeExpression(lowered, arguments, isCustom: false);
    }

    private readonly struct TypeName
    {
        public TypeName(string text, bool isQuoted)
        {
            Text = text;
            IsQuoted = isQuoted;
        }

        public string Text { get; }

        public bool IsQuoted { get; }
    }

    private static TypeName ReadName(string text, ref int position)
    {
        // A keyspace-qualified UDT (ks.type) keeps only the type name; quoted names keep their case.
        var builder = new StringBuilder();
        var quoted = false;
        while (position < text.Length)
        {
            var c = text[position];
            if (c == '"')
            {
                var end = position + 1;
                var part = new StringBuilder();
                while (true)
                {
                    if (end >= text.Length) throw new FormatException($"unterminated quoted name in CQL type '{text}'");
                    if (text[end] == '"')
                    {
                        if (end + 1 < text.Length && text[end + 1] == '"') { part.Append('"'); end += 2; continue; }
                        break;
                    }
                    part.Append(text[end]);
                    end++;
                }
                builder.Clear().Append(part);
                quoted = true;
                position = end + 1;
            }
            else if (char.IsLetterOrDigit(c) || c == '_')
            {
                builder.Append(c);
                position++;
            }
            else if (c == '.')
            {
                builder.Clear();
                quoted = false;
                position++;
            }
            else break;
        }
        if (builder.Length == 0) throw new FormatException($"a type name was expected at position {position} of CQL type '{text}'");
        return new TypeName(builder.ToString(), quoted);
    }

    private static void SkipSpaces(string text, ref int position)
    {
        while (position < text.Length && char.IsWhiteSpace(text[position])) position++;
    }

    /// <inheritdoc />
    public override string ToString()
        => Arguments.Count == 0 ? Name : $"{Name}<{string.Join(", ", Arguments)}>";
}
