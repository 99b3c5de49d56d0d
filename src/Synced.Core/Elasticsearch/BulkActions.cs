using System;

namespace Synced.Core.Elasticsearch;

/// <summary>The action lines of the bulk items the store sends, written with the batch's <see cref="JsonScratch"/>.</summary>
internal static class BulkActions
{
    /// <summary><c>{"create":{..}}</c>: write only if no document has this id.</summary>
    public static byte[] Create(JsonScratch scratch, IndexNaming naming, string index, string table, Guid id)
        => Write(scratch, "create", naming, index, table, id, null, null, null);

    /// <summary><c>{"index":{.., "if_seq_no", "if_primary_term"}}</c>: write only over exactly the version read.</summary>
    public static byte[] IndexIfUnchanged(JsonScratch scratch, IndexNaming naming, string index, string table, Guid id, long seqNo, long primaryTerm)
        => Write(scratch, "index", naming, index, table, id, seqNo, primaryTerm, null);

    /// <summary><c>{"index":{.., "version", "version_type":"external"}}</c>: write only if the version is higher.</summary>
    public static byte[] IndexExternalVersion(JsonScratch scratch, IndexNaming naming, string index, string table, Guid id, long version)
        => Write(scratch, "index", naming, index, table, id, null, null, version);

    private static byte[] Write(JsonScratch scratch, string action, IndexNaming naming, string index, string table, Guid id, long? seqNo, long? primaryTerm, long? externalVersion)
    {
        var writer = scratch.Begin();
        writer.WriteStartObject();
        writer.WriteStartObject(action);
        writer.WriteString("_index", index);
        naming.WriteDocumentId(writer, "_id", table, id);
        if (seqNo is not null) writer.WriteNumber("if_seq_no", seqNo.Value);
        if (primaryTerm is not null) writer.WriteNumber("if_primary_term", primaryTerm.Value);
        if (externalVersion is not null)
        {
            writer.WriteNumber("version", externalVersion.Value);
            writer.WriteString("version_type", "external");
        }
        writer.WriteEndObject();
        writer.WriteEndObject();
        return scratch.End();
    }
}
