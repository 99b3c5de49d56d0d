using System.Text.Json;

namespace Synced.Emulators.Elasticsearch;

/// <summary>One alias on one index, with the options ES keeps for it.</summary>
internal sealed class AliasDefinition
{
    public bool? IsWriteIndex { get; init; }
    public JsonElement? Filter { get; init; }
    public string? IndexRouting { get; init; }
    public string? SearchRouting { get; init; }
    public bool? IsHidden { get; init; }

    public void WriteTo(Utf8JsonWriter w)
    {
        w.WriteStartObject();
        if (Filter is { } filter)
        {
            w.WritePropertyName("filter");
            filter.WriteTo(w);
        }
        if (IndexRouting is not null) w.WriteString("index_routing", IndexRouting);
        if (SearchRouting is not null) w.WriteString("search_routing", SearchRouting);
        if (IsWriteIndex is not null) w.WriteBoolean("is_write_index", IsWriteIndex.Value);
        if (IsHidden is not null) w.WriteBoolean("is_hidden", IsHidden.Value);
        w.WriteEndObject();
    }
}
