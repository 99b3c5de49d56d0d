using System.IO;
using System.Text.Json;

namespace Synced.Core.Elasticsearch;

/// <summary>The action lines of the bulk items the store sends.</summary>
internal static class BulkActions
{
    /// <summary><c>{"create":{..}}</c>: write only if no document has this id.</summary>
    public static byte[] Create(string index, string id) => Write("create", index, id, null, null, null);

    /// <summary><c>{"index":{.., "if_seq_no", "if_primary_term"}}</c>: write only over exactly the version read.</summary>
    public static byte[] IndexIfUnchanged(string index, string id, long seqNo, long primaryTerm)
        => Write("index", index, id, seqNo, primaryTerm, null);

    /// <summary><c>{"index":{.., "version", "version_type":"external"}}</c>: write only if the version is higher.</summary>
    public static byte[] IndexExternalVersion(string index, string id, long version)
        => Write("index", index, id, null, null, version);

    private static byte[] Write(string action, string index, string id, long? seqNo, long? primaryTerm, long? externalVersion)
    {
        using var stream = new MemoryStream(128);
        using (var writer = new Utf8JsonWriter(stream))
        {
            writer.WriteStartObject();
            writer.WriteStartObject(action);
            writer.WriteString("_index", index);
            writer.WriteString("_id", id);
            if (seqNo is not null) writer.WriteNumber("if_seq_no", seqNo.Value);
            if (primaryTerm is not null) writer.WriteNumber("if_primary_term", primaryTerm.Value);
            if (externalVersion is not null)
            {
                writer.WriteNumber("version", externalVersion.Value);
                writer.WriteString("version_type", "external");
            }
            writer.WriteEndObject();
            writer.WriteEndObject();
        }
        return stream.ToArray();
    }
}
