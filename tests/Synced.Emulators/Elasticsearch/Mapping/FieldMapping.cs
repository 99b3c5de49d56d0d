using System;
using System.Collections.Generic;
using System.Globalization;
using System.Net;
using System.Text.Json;

namespace Synced.Emulators.Elasticsearch;

/// <summary>The mapping of one field: its type, type parameters, sub-properties (objects) and multi-fields.</summary>
internal sealed class FieldMapping
{
    private static readonly HashSet<string> KnownTypes = new(StringComparer.Ordinal)
    {
        "keyword", "text", "long", "integer", "short", "byte", "double", "float", "half_float", "scaled_float",
        "unsigned_long", "boolean", "date", "date_nanos", "binary", "ip", "object", "nested", "flattened",
        "geo_point", "geo_shape", "constant_keyword", "wildcard", "match_only_text", "search_as_you_type", "alias",
        "dense_vector", "version", "integer_range", "long_range", "float_range", "double_range", "date_range", "ip_range",
    };

    public FieldMapping(string type) => Type = type;

    public string Type { get; private set; }
    public DateFormat? DateFormat { get; private set; }
    public int? IgnoreAbove { get; private set; }
    public double? ScalingFactor { get; private set; }
    public string? Dynamic { get; private set; }
    public bool Index { get; private set; } = true;

    /// <summary>False for an object with <c>enabled: false</c>: its contents are kept in the source but not parsed.</summary>
    public bool Enabled { get; private set; } = true;

    /// <summary>Sub-fields of an object or nested field, sorted by name as ES prints them.</summary>
    public SortedDictionary<string, FieldMapping>? Properties { get; private set; }

    /// <summary>Multi-fields (e.g. <c>keyword</c> under a text field).</summary>
    public SortedDictionary<string, FieldMapping>? Fields { get; private set; }

    /// <summary>Parameters the emulator keeps only to print them back.</summary>
    private readonly SortedDictionary<string, JsonElement> _otherParameters = new(StringComparer.Ordinal);

    public bool IsObject => Type is "object" or "nested";

    /// <summary>A <c>flattened</c> field: one mapper for a whole object, its leaf values indexed as keywords.</summary>
    public bool IsFlattened => Type == "flattened";

    /// <summary>The <c>depth_limit</c> of a flattened field (20 unless set).</summary>
    public int FlattenedDepthLimit { get; private set; } = 20;

    /// <summary>What a path below a flattened field resolves to: a keyed field with keyword semantics.</summary>
    public static readonly FieldMapping FlattenedKey = new("flattened");
    public bool IsNumeric => Type is "long" or "integer" or "short" or "byte" or "double" or "float" or "half_float" or "scaled_float" or "unsigned_long";
    public bool IsDate => Type is "date" or "date_nanos";
    public bool IsText => Type is "text" or "match_only_text" or "search_as_you_type";

    /// <summary>The dynamic-mapping rule for a string: text with a keyword sub-field limited to 256 characters.</summary>
    public static FieldMapping DynamicText()
    {
        var keyword = new FieldMapping("keyword") { IgnoreAbove = 256 };
        return new FieldMapping("text") { Fields = new SortedDictionary<string, FieldMapping>(StringComparer.Ordinal) { ["keyword"] = keyword } };
    }

    public static FieldMapping DynamicObject() => new("object") { Properties = new SortedDictionary<string, FieldMapping>(StringComparer.Ordinal) };

    public static FieldMapping DynamicDate() => new("date") { DateFormat = DateFormat.Default };

    /// <summary>Reads a field definition from a mapping body.</summary>
    public static FieldMapping Parse(string name, JsonElement definition)
    {
        if (definition.ValueKind != JsonValueKind.Object)
            throw Errors.MapperParsing(null, $"Expected map for property [fields] on field [{name}] but got a class java.lang.String");
        string type;
        if (definition.TryGetProperty("type", out var typeElement))
        {
            type = typeElement.GetString() ?? "object";
            if (!KnownTypes.Contains(type))
                throw Errors.MapperParsing(null, $"No handler for type [{type}] declared on field [{name}]");
        }
        else
        {
            type = "object";
        }

        var field = new FieldMapping(type);
        foreach (var p in definition.EnumerateObject())
        {
            switch (p.Name)
            {
                case "type":
                    break;
                case "properties" when field.IsObject:
                    field.Properties = ParseProperties(p.Value);
                    break;
                case "fields" when !field.IsObject:
                    field.Fields = ParseProperties(p.Value);
                    break;
                case "format" when field.IsDate:
                    field.DateFormat = new DateFormat(p.Value.GetString() ?? DateFormat.DefaultPattern);
                    break;
                case "depth_limit" when type == "flattened":
                    field.FlattenedDepthLimit = p.Value.ValueKind == JsonValueKind.Number ? p.Value.GetInt32() : int.Parse(p.Value.GetString()!, CultureInfo.InvariantCulture);
                    field._otherParameters[p.Name] = p.Value.Clone();
                    break;
                case "ignore_above":
                    field.IgnoreAbove = p.Value.ValueKind == JsonValueKind.Number ? p.Value.GetInt32() : int.Parse(p.Value.GetString()!, CultureInfo.InvariantCulture);
                    break;
                case "scaling_factor":
                    field.ScalingFactor = p.Value.ValueKind == JsonValueKind.Number ? p.Value.GetDouble() : double.Parse(p.Value.GetString()!, CultureInfo.InvariantCulture);
                    break;
                case "dynamic" when field.IsObject:
                    field.Dynamic = p.Value.ValueKind == JsonValueKind.String ? p.Value.GetString() : p.Value.GetRawText();
                    break;
                case "enabled" when field.IsObject:
                    field.Enabled = p.Value.ValueKind != JsonValueKind.False && p.Value.GetRawText() != "\"false\"";
                    field._otherParameters[p.Name] = p.Value.Clone();
                    break;
                case "index":
                    field.Index = p.Value.ValueKind != JsonValueKind.False && p.Value.GetRawText() != "\"false\"";
                    field._otherParameters[p.Name] = p.Value.Clone();
                    break;
                default:
                    field._otherParameters[p.Name] = p.Value.Clone();
                    break;
            }
        }
        if (field.IsObject) field.Properties ??= new SortedDictionary<string, FieldMapping>(StringComparer.Ordinal);
        if (field.IsDate) field.DateFormat ??= DateFormat.Default;
        if (type == "scaled_float" && field.ScalingFactor is null)
            throw Errors.MapperParsing(null, $"Field [scaling_factor] is required");
        return field;
    }

    public static SortedDictionary<string, FieldMapping> ParseProperties(JsonElement properties)
    {
        var result = new SortedDictionary<string, FieldMapping>(StringComparer.Ordinal);
        if (properties.ValueKind != JsonValueKind.Object) return result;
        foreach (var p in properties.EnumerateObject())
        {
            if (p.Name.Length == 0) throw Errors.MapperParsing(null, "name cannot be empty string");
            if (!p.Name.Contains('.'))
            {
                Add(result, p.Name, Parse(p.Name, p.Value));
                continue;
            }
            // A dotted name is an object path (ObjectMapper.TypeParser.parseProperties): "a.b" is object a holding b.
            var parts = p.Name.Split('.');
            if (Array.IndexOf(parts, "") >= 0) throw Errors.IllegalArgument($"field name cannot contain only whitespace: ['{p.Name}']");
            var field = Parse(parts[^1], p.Value);
            for (var i = parts.Length - 2; i >= 0; i--)
                field = new FieldMapping("object") { Properties = new SortedDictionary<string, FieldMapping>(StringComparer.Ordinal) { [parts[i + 1]] = field } };
            Add(result, parts[0], field);
        }
        return result;
    }

    /// <summary>Adds a field to a properties map, merging objects that dotted names declared in parts.</summary>
    private static void Add(SortedDictionary<string, FieldMapping> properties, string name, FieldMapping field)
    {
        if (properties.TryGetValue(name, out var existing))
        {
            existing.CheckMergeable(name, field);
            existing.Merge(field);
        }
        else properties[name] = field;
    }

    /// <summary>Checks that <paramref name="update"/> can be merged into this field (same type all the way down).</summary>
    public void CheckMergeable(string path, FieldMapping update)
    {
        if (update.Type != Type && !(IsObject && update.IsObject && update.Type == "object" && Type == "object"))
            throw Errors.IllegalArgument($"mapper [{path}] cannot be changed from type [{Type}] to [{update.Type}]");
        if (IsDate && update.DateFormat is not null && DateFormat is not null && update.DateFormat.Pattern != DateFormat.Pattern)
            throw Errors.IllegalArgument($"Mapper for [{path}] conflicts with existing mapper:\n\tCannot update parameter [format] from [{DateFormat.Pattern}] to [{update.DateFormat.Pattern}]");
        if (Properties is not null && update.Properties is not null)
            foreach (var (name, sub) in update.Properties)
                if (Properties.TryGetValue(name, out var existing)) existing.CheckMergeable(path + "." + name, sub);
        if (Fields is not null && update.Fields is not null)
            foreach (var (name, sub) in update.Fields)
                if (Fields.TryGetValue(name, out var existing)) existing.CheckMergeable(path + "." + name, sub);
    }

    /// <summary>Adds the new sub-properties and multi-fields of a checked update.</summary>
    public void Merge(FieldMapping update)
    {
        if (update.Properties is not null)
        {
            Properties ??= new SortedDictionary<string, FieldMapping>(StringComparer.Ordinal);
            foreach (var (name, sub) in update.Properties)
            {
                if (Properties.TryGetValue(name, out var existing)) existing.Merge(sub);
                else Properties[name] = sub;
            }
        }
        if (update.Fields is not null)
        {
            Fields ??= new SortedDictionary<string, FieldMapping>(StringComparer.Ordinal);
            foreach (var (name, sub) in update.Fields)
                if (!Fields.ContainsKey(name)) Fields[name] = sub;
        }
        if (update.Dynamic is not null) Dynamic = update.Dynamic;
        if (update.IgnoreAbove is not null) IgnoreAbove = update.IgnoreAbove;
    }

    /// <summary>Writes the definition as GET _mapping shows it.</summary>
    public void WriteTo(Utf8JsonWriter w)
    {
        w.WriteStartObject();
        if (Type != "object") w.WriteString("type", Type);
        if (Dynamic is not null) w.WriteString("dynamic", Dynamic);
        if (DateFormat is not null && DateFormat.Pattern != DateFormat.DefaultPattern) w.WriteString("format", DateFormat.Pattern);
        if (IgnoreAbove is not null) w.WriteNumber("ignore_above", IgnoreAbove.Value);
        if (ScalingFactor is not null) w.WriteNumber("scaling_factor", ScalingFactor.Value);
        foreach (var (name, value) in _otherParameters)
        {
            w.WritePropertyName(name);
            value.WriteTo(w);
        }
        if (Fields is not null && Fields.Count > 0)
        {
            w.WritePropertyName("fields");
            WriteProperties(w, Fields);
        }
        if (Properties is not null && (Properties.Count > 0 || Type == "nested"))
        {
            w.WritePropertyName("properties");
            WriteProperties(w, Properties);
        }
        w.WriteEndObject();
    }

    public static void WriteProperties(Utf8JsonWriter w, SortedDictionary<string, FieldMapping> properties)
    {
        w.WriteStartObject();
        foreach (var (name, field) in properties)
        {
            w.WritePropertyName(name);
            field.WriteTo(w);
        }
        w.WriteEndObject();
    }

    /// <summary>
    /// Converts one JSON scalar to the value this field indexes; false with the reason ES gives when the
    /// value does not fit the type (which makes the document fail with mapper_parsing_exception).
    /// </summary>
    public bool TryConvert(JsonElement value, out FieldValue result, out string? failure)
    {
        failure = null;
        result = FieldValue.Missing;
        switch (Type)
        {
            case "keyword":
            case "flattened":
            case "text":
            case "match_only_text":
            case "wildcard":
            case "constant_keyword":
            case "search_as_you_type":
            case "version":
                switch (value.ValueKind)
                {
                    case JsonValueKind.String: result = FieldValue.FromString(value.GetString()!); return true;
                    case JsonValueKind.Number: result = FieldValue.FromString(value.GetRawText()); return true;
                    case JsonValueKind.True: result = FieldValue.FromString("true"); return true;
                    case JsonValueKind.False: result = FieldValue.FromString("false"); return true;
                }
                failure = $"Can't get text on a {TokenName(value)}";
                return false;
            case "long":
            case "integer":
            case "short":
            case "byte":
            case "unsigned_long":
                return TryWhole(value, out result, out failure);
            case "double":
            case "float":
            case "half_float":
            case "scaled_float":
                if (!TryDouble(value, out var d, out failure)) return false;
                if (Type == "float" || Type == "half_float") d = (float)d;
                // NumberFieldMapper validates the parsed value: only finite numbers (1e400 is Infinity as a double).
                if (double.IsInfinity(d) || double.IsNaN(d))
                {
                    failure = $"[{Type}] supports only finite values, but got [{(double.IsNaN(d) ? "NaN" : d > 0 ? "Infinity" : "-Infinity")}]";
                    return false;
                }
                if (Type == "scaled_float") d = Math.Round(d * ScalingFactor!.Value) / ScalingFactor.Value;
                result = FieldValue.FromDouble(d);
                return true;
            case "boolean":
                if (value.ValueKind == JsonValueKind.True) { result = FieldValue.FromLong(1); return true; }
                if (value.ValueKind == JsonValueKind.False) { result = FieldValue.FromLong(0); return true; }
                if (value.ValueKind == JsonValueKind.String)
                {
                    var s = value.GetString();
                    if (s == "true") { result = FieldValue.FromLong(1); return true; }
                    if (s == "false" || s == "") { result = FieldValue.FromLong(0); return true; }
                    failure = $"Failed to parse value [{s}] as only [true] or [false] are allowed.";
                    return false;
                }
                failure = $"Current token ({TokenName(value)}) not of boolean type";
                return false;
            case "date":
            case "date_nanos":
                if (value.ValueKind == JsonValueKind.String)
                {
                    var s = value.GetString()!;
                    if (DateFormat!.TryParse(s, out var millis)) { result = FieldValue.FromLong(millis); return true; }
                    failure = $"failed to parse date field [{s}] with format [{DateFormat.Pattern}]";
                    return false;
                }
                if (value.ValueKind == JsonValueKind.Number && DateFormat!.TryParseNumber(value, out var m))
                {
                    result = FieldValue.FromLong(m);
                    return true;
                }
                failure = $"failed to parse date field [{value.GetRawText()}] with format [{DateFormat!.Pattern}]";
                return false;
            case "ip":
                if (value.ValueKind == JsonValueKind.String && IPAddress.TryParse(value.GetString(), out var ip))
                {
                    result = FieldValue.FromString(ip.ToString());
                    return true;
                }
                failure = $"'{value.GetRawText().Trim('"')}' is not an IP string literal.";
                return false;
            case "binary":
                if (value.ValueKind == JsonValueKind.String)
                {
                    var b64 = value.GetString()!;
                    var buffer = new byte[b64.Length];
                    if (Convert.TryFromBase64String(b64, buffer, out _)) return true;
                    failure = "Illegal base64 character";
                    return false;
                }
                failure = $"Can't get binary value on a {TokenName(value)}";
                return false;
            default:
                // Types the emulator stores but does not index (geo, vectors, ranges, flattened).
                return true;
        }
    }

    private bool TryWhole(JsonElement value, out FieldValue result, out string? failure)
    {
        failure = null;
        result = FieldValue.Missing;
        if (value.ValueKind == JsonValueKind.Number && value.TryGetInt64(out var l))
        {
            result = FieldValue.FromLong(l);
            return CheckRange(l, value.GetRawText(), ref failure);
        }
        if (!TryDouble(value, out var d, out failure)) return false;
        if (d is > 9.2233720368547758E18 or < -9.2233720368547758E18 || double.IsNaN(d))
        {
            failure = $"Value [{RawText(value)}] is out of range for a long";
            return false;
        }
        l = (long)Math.Truncate(d);
        result = FieldValue.FromLong(l);
        return CheckRange(l, RawText(value), ref failure);
    }

    private bool CheckRange(long l, string text, ref string? failure)
    {
        var (min, max, name) = Type switch
        {
            "integer" => ((long)int.MinValue, (long)int.MaxValue, "an integer"),
            "short" => (short.MinValue, short.MaxValue, "a short"),
            "byte" => (sbyte.MinValue, sbyte.MaxValue, "a byte"),
            _ => (long.MinValue, long.MaxValue, "a long"),
        };
        if (l < min || l > max)
        {
            failure = $"Value [{text}] is out of range for {name}";
            return false;
        }
        return true;
    }

    private static bool TryDouble(JsonElement value, out double d, out string? failure)
    {
        failure = null;
        d = 0;
        if (value.ValueKind == JsonValueKind.Number)
        {
            // The nearest double of the number's text, as Double.parseDouble gives it (beyond the range: Infinity).
            d = double.Parse(value.GetRawText(), NumberStyles.Float, CultureInfo.InvariantCulture);
            return true;
        }
        if (value.ValueKind == JsonValueKind.String)
        {
            var s = value.GetString()!;
            if (double.TryParse(s, NumberStyles.Float, CultureInfo.InvariantCulture, out d)) return true;
            failure = $"For input string: \"{s}\"";
            return false;
        }
        failure = $"Current token ({TokenName(value)}) not numeric, can not use numeric value accessors";
        return false;
    }

    private static string RawText(JsonElement value) => value.ValueKind == JsonValueKind.String ? value.GetString()! : value.GetRawText();

    public static string TokenName(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.Object => "START_OBJECT",
        JsonValueKind.Array => "START_ARRAY",
        JsonValueKind.String => "VALUE_STRING",
        JsonValueKind.Number => "VALUE_NUMBER",
        JsonValueKind.True or JsonValueKind.False => "VALUE_BOOLEAN",
        _ => "VALUE_NULL",
    };
}
