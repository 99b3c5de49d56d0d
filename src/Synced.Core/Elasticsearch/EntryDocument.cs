using System.IO;
using System.Text.Encodings.Web;
using System.Text.Json;
using Synced.Core.Model;
using Synced.Core.Time;

namespace Synced.Core.Elasticsearch;

/// <summary>Renders an entry as the JSON document Elasticsearch stores: id, tmstmp, discriminator, then every field.</summary>
internal static class EntryDocument
{
    // Request bodies are never embedded in HTML: keep non-ASCII text as UTF-8 instead of \u escapes.
    private static readonly JsonWriterOptions WriterOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>The document's UTF-8 JSON; throws <see cref="ValueConversionException"/> when a value has no JSON form.</summary>
    public static byte[] Render(SyncEntry entry, TableInfo target, IndexNaming naming)
    {
        using var stream = new MemoryStream(256);
        using (var writer = new Utf8JsonWriter(stream, WriterOptions))
        {
            writer.WriteStartObject();
            writer.WriteString(DataContract.IdName, entry.Id.ToString("D"));
            writer.WriteString(DataContract.TmstmpName, UtcTime.FormatMilliseconds(entry.Tmstmp));
            var discriminator = naming.Layout == IndexLayout.SingleIndex ? naming.DiscriminatorField : null;
            if (discriminator is not null) writer.WriteString(discriminator, entry.Table);
            foreach (var field in entry.Fields)
            {
                if (DataContract.IsContractName(field.Key)) continue;
                if (field.Key == discriminator)
                    throw new ValueConversionException($"field '{field.Key}' has the name of the discriminator field of the single-index layout; choose another discriminator name");
                writer.WritePropertyName(field.Key);
                JsonValueConverter.Write(writer, field.Value, target.FindColumn(field.Key)?.FieldType, field.Key);
            }
            writer.WriteEndObject();
        }
        return stream.ToArray();
    }
}
