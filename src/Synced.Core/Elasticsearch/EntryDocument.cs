using System;
using System.Collections.Generic;
using Synced.Core.Model;

namespace Synced.Core.Elasticsearch;

/// <summary>
/// Renders the entries of one table as the JSON documents Elasticsearch stores: id, tmstmp, discriminator, then every
/// field. One per batch: it reuses its writer and the mapping of each field name it met.
/// </summary>
internal sealed class EntryDocument
{
    private readonly TableInfo _target;
    private readonly IndexNaming _naming;
    private readonly JsonScratch _scratch;
    private readonly Dictionary<string, ElasticsearchFieldType?> _fieldTypes = new(StringComparer.Ordinal);

    public EntryDocument(TableInfo target, IndexNaming naming, JsonScratch scratch)
    {
        _target = target;
        _naming = naming;
        _scratch = scratch;
    }

    /// <summary>The document's UTF-8 JSON; throws <see cref="ValueConversionException"/> when a value has no JSON form.</summary>
    public byte[] Render(SyncEntry entry)
    {
        var writer = _scratch.Begin();
        writer.WriteStartObject();
        writer.WriteString(DataContract.IdName, entry.Id);
        Span<byte> tmstmp = stackalloc byte[ElasticsearchDate.MillisecondsLength];
        writer.WriteString(DataContract.TmstmpName, ElasticsearchDate.FormatMilliseconds(entry.Tmstmp, tmstmp));
        var discriminator = _naming.Layout == IndexLayout.SingleIndex ? _naming.DiscriminatorField : null;
        if (discriminator is not null) writer.WriteString(discriminator, entry.Table);
        if (entry.Fields is EntryFields fields)
        {
            // By position, with the mappings looked up once per layout.
            var types = TypesOf(fields.Layout);
            for (var i = 0; i < fields.Count; i++) WriteField(writer, fields.Layout[i], fields.ValueAt(i), types[i], discriminator);
        }
        else
        {
            foreach (var field in entry.Fields) WriteField(writer, field.Key, field.Value, FieldType(field.Key), discriminator);
        }
        writer.WriteEndObject();
        return _scratch.End();
    }

    private static void WriteField(System.Text.Json.Utf8JsonWriter writer, string name, object? value, ElasticsearchFieldType? type, string? discriminator)
    {
        if (DataContract.IsContractName(name)) return;
        if (name == discriminator)
            throw new ValueConversionException($"field '{name}' has the name of the discriminator field of the single-index layout; choose another discriminator name");
        writer.WritePropertyName(name);
        JsonValueConverter.Write(writer, value, type, name);
    }

    private FieldLayout? _lastLayout;
    private ElasticsearchFieldType?[] _lastTypes = Array.Empty<ElasticsearchFieldType?>();

    private ElasticsearchFieldType?[] TypesOf(FieldLayout layout)
    {
        if (ReferenceEquals(layout, _lastLayout)) return _lastTypes;
        var types = new ElasticsearchFieldType?[layout.Count];
        for (var i = 0; i < types.Length; i++) types[i] = FieldType(layout[i]);
        _lastLayout = layout;
        return _lastTypes = types;
    }

    private ElasticsearchFieldType? FieldType(string name)
    {
        if (!_fieldTypes.TryGetValue(name, out var type)) _fieldTypes[name] = type = _target.FindColumn(name)?.FieldType;
        return type;
    }
}
