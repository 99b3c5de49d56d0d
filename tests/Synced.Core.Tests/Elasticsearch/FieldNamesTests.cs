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
}
