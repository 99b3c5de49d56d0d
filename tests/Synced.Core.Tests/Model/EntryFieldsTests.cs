using System;
using System.Collections.Generic;
using System.Linq;
using Synced.Core.Model;
using Xunit;

namespace Synced.Core.Tests.Model;

/// <summary>Entry fields under a shared layout behave as the read-only dictionary an entry promises.</summary>
public class EntryFieldsTests
{
    [Theory]
    [InlineData(3)]
    [InlineData(20)] // beyond the names looked up by comparing
    public void Fields_read_as_a_dictionary_in_the_layout_order(int count)
    {
        var names = Enumerable.Range(0, count).Select(i => "f" + i).ToArray();
        var layout = new FieldLayout(names);
        var values = Enumerable.Range(0, count).Select(i => (object?)(i == 1 ? null : i)).ToArray();

        IReadOnlyDictionary<string, object?> fields = new EntryFields(layout, values);

        Assert.Equal(count, fields.Count);
        Assert.Equal(names, fields.Keys);
        Assert.Equal(values, fields.Values);
        Assert.Equal(names.Zip(values, (n, v) => new KeyValuePair<string, object?>(n, v)), fields);
        Assert.Equal(count - 1, fields["f" + (count - 1)]);
        Assert.True(fields.ContainsKey("f1"));
        Assert.True(fields.TryGetValue("f1", out var nothing));
        Assert.Null(nothing);
        Assert.False(fields.ContainsKey("F0"));
        Assert.False(fields.TryGetValue("missing", out _));
        Assert.Throws<KeyNotFoundException>(() => fields["missing"]);
    }

    [Fact]
    public void A_layout_takes_each_name_once_and_fields_take_one_value_per_name()
    {
        Assert.Throws<ArgumentException>(() => new FieldLayout(new[] { "a", "b", "a" }));
        Assert.Throws<ArgumentException>(() => new EntryFields(new FieldLayout(new[] { "a", "b" }), new object?[] { 1 }));
    }

    [Fact]
    public void Entries_of_one_layout_share_the_names_and_keep_their_own_values()
    {
        var layout = new FieldLayout(new[] { "name", "qty" });

        var first = new EntryFields(layout, new object?[] { "a", 1L });
        var second = new EntryFields(layout, new object?[] { "b", 2L });

        Assert.Same(first.Layout, second.Layout);
        Assert.Equal("a", first["name"]);
        Assert.Equal(2L, second["qty"]);
        Assert.Equal(1L, first.ValueAt(1));
    }
}
