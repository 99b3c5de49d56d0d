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
        foreach (var field in entry.Fields)
        {
            if (DataContract.IsContractName(field.Key)) continue;
            if (field.Key == discriminator)
                throw new ValueConversionException($"field '{field.Key}' has the name of the discriminator field of the single-index layout; choose another discriminator name");
            writer.WritePropertyName(field.Key);
            JsonValueConverter.Write(writer, field.Value, FieldType(field.Key), field.Key);
        }
        writer.WriteEndObject();
        return _scratch.End();
    }

    private ElasticsearchFieldType? FieldType(string name)
    {
        if (!_fieldTypes.TryGetValue(name, out var type)) _fieldTypes[name] = type = _target.FindColumn(name)?.FieldType;
        return type;
    }
}
