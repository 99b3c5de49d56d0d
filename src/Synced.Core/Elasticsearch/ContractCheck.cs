using System.Collections.Generic;
using Synced.Core.Model;

namespace Synced.Core.Elasticsearch;

/// <summary>
/// Checks an index mapping against the data contract (<see cref="DataContract"/>): <c>id</c> a keyword (or text with a keyword
/// subfield), <c>tmstmp</c> a date, and in the single-index layout the discriminator a keyword.
/// </summary>
internal static class ContractCheck
{
    /// <summary>The <c>_meta</c> key where Synced records the tables an index holds.</summary>
    public const string MetaTablesKey = "synced_tables";

    /// <summary>Describes a table from its index mapping, with the reason it breaks the contract, if it does.</summary>
    public static TableInfo Describe(string table, IndexMapping mapping, string? discriminatorField)
    {
        var columns = new List<ColumnInfo>(mapping.Fields.Count);
        foreach (var field in mapping.Fields)
            if (field.Name != discriminatorField) columns.Add(new ColumnInfo(field.Name, field.Type));
        return new TableInfo(table, columns, FindViolation(mapping, discriminatorField), mapping.Index);
    }

    /// <summary>Why the mapping breaks the contract, or null when it meets it.</summary>
    public static string? FindViolation(IndexMapping mapping, string? discriminatorField)
    {
        // Entries are read back from each document's _source: an index that does not keep it whole cannot be synced.
        if (!mapping.SourceEnabled)
            return $"index {mapping.Index} does not store documents' _source (its mapping sets _source.enabled: false), so Synced " +
                   "cannot read its entries back; reindex it into an index with _source enabled, or exclude this table";
        if (mapping.SourceIncludes.Count > 0 || mapping.SourceExcludes.Count > 0)
            return $"index {mapping.Index} stores only part of each document's _source (its mapping has _source " +
                   $"{Describe("includes", mapping.SourceIncludes)}{(mapping.SourceIncludes.Count > 0 && mapping.SourceExcludes.Count > 0 ? ", " : "")}" +
                   $"{Describe("excludes", mapping.SourceExcludes)}), so entries read back would lose fields; reindex it into an " +
                   "index without _source includes/excludes, or exclude this table";

        var id = mapping.Find(DataContract.IdName);
        if (id is null)
            return $"index {mapping.Index} has no '{DataContract.IdName}' field in its mapping; it must be a {DataContract.IdFieldType}";
        if (id.Type != DataContract.IdFieldType && !(id.Type == ElasticsearchFieldType.Text && id.HasKeywordSubfield))
            return $"field '{DataContract.IdName}' of index {mapping.Index} is mapped as {id.Type}; it must be a {DataContract.IdFieldType} (or text with a keyword subfield)";

        var tmstmp = mapping.Find(DataContract.TmstmpName);
        if (tmstmp is null)
            return $"index {mapping.Index} has no '{DataContract.TmstmpName}' field in its mapping; it must be a {DataContract.TmstmpFieldType}";
        if (tmstmp.Type != DataContract.TmstmpFieldType)
            return $"field '{DataContract.TmstmpName}' of index {mapping.Index} is mapped as {tmstmp.Type}; it must be a {DataContract.TmstmpFieldType}";
        // Synced reads stored tmstmp values as Elasticsearch does for the contract's format. Under another format the
        // same text can be another instant (with epoch_millis first, "2024" is 2024 ms after 1970, not the year).
        if (tmstmp.Format is not null && tmstmp.Format != DataContract.TmstmpDateFormat && tmstmp.Format != "strict_date_optional_time")
            return $"field '{DataContract.TmstmpName}' of index {mapping.Index} has the date format '{tmstmp.Format}'; Synced reads tmstmp as " +
                   $"Elasticsearch does for {DataContract.TmstmpDateFormat} (the default), and values in another format could " +
                   "be read as other instants; map tmstmp with the default format (reindex into a new index)";

        if (discriminatorField is not null)
        {
            var discriminator = mapping.Find(discriminatorField);
            if (discriminator is null)
                return $"index {mapping.Index} has no discriminator field '{discriminatorField}' in its mapping; it must be a keyword naming the table";
            if (discriminator.Type != ElasticsearchFieldType.Keyword)
                return $"discriminator field '{discriminatorField}' of index {mapping.Index} is mapped as {discriminator.Type}; it must be a keyword";
        }
        return null;
    }

    private static string Describe(string name, IReadOnlyList<string> paths)
        => paths.Count == 0 ? "" : $"{name} [{string.Join(", ", paths)}]";
}
