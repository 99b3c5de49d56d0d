using System.Linq;
using System.Text.Json;
using Synced.Core.Elasticsearch;
using Xunit;

namespace Synced.Core.Tests.Elasticsearch;

/// <summary>Field names of a page's documents made strings once, whatever their order or escaping.</summary>
public class FieldNamesTests
{
    [Fact]
    public void Names_met_again_are_the_same_strings_in_any_order_and_escaped_names_read_as_their_text()
    {
        using var page = JsonDocument.Parse("""[{"name":1,"age":2,"caf\u00e9":3},{"age":4,"name":5,"café":6},{"new":7,"name":8}]""");
        var names = new FieldNames();

        var read = page.RootElement.EnumerateArray().Select(d => d.EnumerateObject().Select(names.Of).ToArray()).ToArray();

        Assert.Equal(new[] { "name", "age", "café" }, read[0]);
        Assert.Equal(new[] { "age", "name", "café" }, read[1]);
        Assert.Equal(new[] { "new", "name" }, read[2]);
        Assert.Same(read[0][0], read[1][1]);
        Assert.Same(read[0][0], read[2][1]);
        Assert.Same(read[0][2], read[1][2]);
    }

    [Fact]
    public void Documents_with_the_same_names_share_a_layout_and_other_names_get_their_own()
    {
        var names = new FieldNames();

        var first = Fields(names, ("a", 1), ("b", 2));
        var second = Fields(names, ("a", 3), ("b", 4));
        var other = Fields(names, ("b", 5), ("a", 6));

        Assert.Same(Assert.IsType<Synced.Core.Model.EntryFields>(first).Layout, Assert.IsType<Synced.Core.Model.EntryFields>(second).Layout);
        Assert.NotSame(((Synced.Core.Model.EntryFields)first).Layout, Assert.IsType<Synced.Core.Model.EntryFields>(other).Layout);
        Assert.Equal(3, second["a"]);
        Assert.Equal(6, other["a"]);
        Assert.Equal(new[] { "b", "a" }, other.Keys);
    }

    [Fact]
    public void A_document_naming_a_field_twice_keeps_the_last_value()
    {
        var fields = Fields(new FieldNames(), ("a", 1), ("b", 2), ("a", 3));

        Assert.Equal(2, fields.Count);
        Assert.Equal(3, fields["a"]);
        Assert.Equal(2, fields["b"]);
    }

    private static System.Collections.Generic.IReadOnlyDictionary<string, object?> Fields(FieldNames names, params (string Name, object? Value)[] fields)
    {
        foreach (var (name, value) in fields)
        {
            names.Names.Add(name);
            names.Values.Add(value);
        }
        return names.Fields();
    }
}
