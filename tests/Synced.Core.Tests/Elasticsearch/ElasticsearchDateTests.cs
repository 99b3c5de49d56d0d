using System;
using System.Text.Json;
using Synced.Core.Elasticsearch;
using Xunit;

namespace Synced.Core.Tests.Elasticsearch;

/// <summary>Stored dates read as instants (the full table of forms is <see cref="DateParsingTests"/>).</summary>
public class ElasticsearchDateTests
{
    [Theory]
    [InlineData("\"2024-05-06T07:08:09.123Z\"", 2024, 5, 6, 7, 8, 9, 123)]
    [InlineData("\"2024-05-06T09:08:09.123+02:00\"", 2024, 5, 6, 7, 8, 9, 123)]
    [InlineData("\"2024-05-06\"", 2024, 5, 6, 0, 0, 0, 0)]
    [InlineData("1714979289123", 2024, 5, 6, 7, 8, 9, 123)]
    [InlineData("\"1714979289123\"", 2024, 5, 6, 7, 8, 9, 123)]
    public void Stored_timestamps_read_from_iso_or_epoch_millis(string json, int y, int mo, int d, int h, int mi, int s, int ms)
    {
        var parsed = ElasticsearchDate.Read(JsonDocument.Parse(json).RootElement);
        Assert.Equal(new DateTime(y, mo, d, h, mi, s, ms, DateTimeKind.Utc), parsed);
        Assert.Equal(DateTimeKind.Utc, parsed!.Value.Kind);
    }

    [Theory]
    [InlineData("\"yesterday\"")]
    [InlineData("true")]
    [InlineData("{}")]
    public void Unreadable_timestamps_are_null(string json)
        => Assert.Null(ElasticsearchDate.Read(JsonDocument.Parse(json).RootElement));

    [Theory]
    [InlineData(2024, 5, 6, 7, 8, 9, 123, 4567)]
    [InlineData(1, 1, 1, 0, 0, 0, 0, 0)]
    [InlineData(9999, 12, 31, 23, 59, 59, 999, 9999)]
    [InlineData(1970, 1, 1, 0, 0, 0, 1, 0)]
    [InlineData(812, 2, 29, 12, 0, 5, 50, 1)]
    public void Instants_are_formatted_as_the_text_form_synced_writes(int y, int mo, int d, int h, int mi, int s, int ms, int ticks)
    {
        var instant = new DateTime(y, mo, d, h, mi, s, ms, DateTimeKind.Utc).AddTicks(ticks);
        Span<byte> buffer = stackalloc byte[ElasticsearchDate.MillisecondsLength];
        foreach (var kind in new[] { DateTimeKind.Utc, DateTimeKind.Unspecified })
        {
            var value = DateTime.SpecifyKind(instant, kind);

            var text = System.Text.Encoding.UTF8.GetString(ElasticsearchDate.FormatMilliseconds(value, buffer).ToArray());

            Assert.Equal(Synced.Core.Time.UtcTime.FormatMilliseconds(value), text);
        }
    }

    [Fact]
    public void A_local_instant_is_formatted_in_utc()
    {
        var local = new DateTime(2024, 5, 6, 7, 8, 9, 123, DateTimeKind.Local);
        Span<byte> buffer = stackalloc byte[ElasticsearchDate.MillisecondsLength];

        var text = System.Text.Encoding.UTF8.GetString(ElasticsearchDate.FormatMilliseconds(local, buffer).ToArray());

        Assert.Equal(Synced.Core.Time.UtcTime.FormatMilliseconds(local.ToUniversalTime()), text);
    }
}
