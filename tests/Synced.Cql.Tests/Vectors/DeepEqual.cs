using System.Collections;
using System.Collections.Generic;
using System.Linq;

namespace Synced.Cql.Tests.Vectors;

/// <summary>Structural equality for decoded values (collections element by element).</summary>
public static class DeepEqual
{
    public static void Assert(object? expected, object? actual, string path = "value")
    {
        if (expected == null || actual == null)
        {
            Xunit.Assert.True(expected == null && actual == null, $"{path}: expected {Show(expected)}, got {Show(actual)}");
            return;
        }

        if (expected is string || expected is not IEnumerable)
        {
            Xunit.Assert.True(Equals(expected, actual) && expected.GetType() == actual.GetType(),
                $"{path}: expected {Show(expected)} ({expected.GetType().Name}), got {Show(actual)} ({actual.GetType().Name})");
            return;
        }

        Xunit.Assert.True(actual is IEnumerable, $"{path}: expected a sequence, got {actual.GetType().Name}");
        var expectedItems = ((IEnumerable)expected).Cast<object?>().ToList();
        var actualItems = ((IEnumerable)actual).Cast<object?>().ToList();
        Xunit.Assert.True(expectedItems.Count == actualItems.Count, $"{path}: expected {expectedItems.Count} items, got {actualItems.Count}");
        for (var i = 0; i < expectedItems.Count; i++)
        {
            var e = expectedItems[i];
            var a = actualItems[i];
            if (e is KeyValuePair<object?, object?> ekv && a is KeyValuePair<object?, object?> akv)
            {
                Assert(ekv.Key, akv.Key, $"{path}[{i}].key");
                Assert(ekv.Value, akv.Value, $"{path}[{i}].value");
            }
            else if (e is KeyValuePair<string, object?> ef && a is KeyValuePair<string, object?> af)
            {
                Xunit.Assert.Equal(ef.Key, af.Key);
                Assert(ef.Value, af.Value, $"{path}.{ef.Key}");
            }
            else
            {
                Assert(e, a, $"{path}[{i}]");
            }
        }
    }

    private static string Show(object? value) => value == null ? "null" : value is byte[] b ? VectorFiles.ToHex(b) : value.ToString() ?? "?";
}
