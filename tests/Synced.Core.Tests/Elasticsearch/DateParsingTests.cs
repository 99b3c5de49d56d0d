using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text.Json;
using System.Threading.Tasks;
using Synced.Core.Elasticsearch;
using Synced.Core.Time;
using Xunit;
using EsMethod = Elasticsearch.Net.HttpMethod;

namespace Synced.Core.Tests.Elasticsearch;

/// <summary>
/// The table tests/conformance/elasticsearch_dates.tsv (tmstmp values as documents send them, and the epoch
/// milliseconds Elasticsearch stores for strict_date_optional_time||epoch_millis, or "error"): Synced's reading of
/// stored dates and the emulator's parsing both follow it; the conformance suite checks the emulator with the real
/// Python client against the same table.
/// </summary>
public class DateParsingTests
{
    protected virtual string Version => EmulatedCluster.Version7;

    public static IEnumerable<object[]> Table()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Synced.PowerShell.sln"))) dir = dir.Parent;
        if (dir is null) throw new InvalidOperationException($"no repository root (Synced.PowerShell.sln) above {AppContext.BaseDirectory}");
        foreach (var line in File.ReadLines(Path.Combine(dir.FullName, "tests", "conformance", "elasticsearch_dates.tsv")))
        {
            if (line.Length == 0 || line[0] == '#') continue;
            var columns = line.Split('\t');
            yield return new object[] { columns[0], columns[1], columns[2] };
        }
    }

    [Theory]
    [MemberData(nameof(Table))]
    public void Synced_reads_a_stored_tmstmp_as_elasticsearch_stores_it(string json, string expected, string rule)
    {
        using var document = JsonDocument.Parse(json);

        var parsed = ElasticsearchDate.Read(document.RootElement);

        if (expected == "error") Assert.True(parsed is null, $"{json} ({rule}) read as {parsed:o}");
        else
        {
            Assert.True(parsed is not null, $"{json} ({rule}) not read");
            Assert.Equal(long.Parse(expected, CultureInfo.InvariantCulture), UtcTime.ToUnixMilliseconds(parsed!.Value));
            Assert.Equal(DateTimeKind.Utc, parsed.Value.Kind);
        }
    }

    [Fact]
    public async Task The_emulator_stores_each_value_as_elasticsearch_does()
    {
        var cluster = await EmulatedCluster.StartAsync(Version);
        await using var _ = cluster;
        await cluster.SendAsync(EsMethod.PUT, "/dates", "{\"mappings\":{\"properties\":{\"tmstmp\":{\"type\":\"date\",\"format\":\"strict_date_optional_time||epoch_millis\"}}}}");
        var failures = new List<string>();
        var n = 0;
        foreach (var row in Table())
        {
            var (json, expected, rule) = ((string)row[0], (string)row[1], (string)row[2]);
            var id = (n++).ToString(CultureInfo.InvariantCulture);
            var (status, answer) = await cluster.SendAsync(EsMethod.PUT, $"/dates/_doc/{id}?refresh=true", $"{{\"tmstmp\":{json}}}");
            if (expected == "error")
            {
                if (status != 400 || answer!.Value.GetProperty("error").GetProperty("type").GetString() != "mapper_parsing_exception")
                    failures.Add($"{json} ({rule}): HTTP {status}, expected mapper_parsing_exception");
                continue;
            }
            if (status != 201)
            {
                failures.Add($"{json} ({rule}): HTTP {status} {answer}");
                continue;
            }
            var (_, hits) = await cluster.SendAsync(EsMethod.POST, "/dates/_search", $"{{\"query\":{{\"ids\":{{\"values\":[\"{id}\"]}}}},\"sort\":[{{\"tmstmp\":\"asc\"}}]}}");
            var stored = hits!.Value.GetProperty("hits").GetProperty("hits")[0].GetProperty("sort")[0].GetInt64();
            if (stored != long.Parse(expected, CultureInfo.InvariantCulture)) failures.Add($"{json} ({rule}): stored {stored}, expected {expected}");
        }
        Assert.True(failures.Count == 0, string.Join("\n", failures));
    }

    [Theory]
    [InlineData("epoch_millis")]
    [InlineData("epoch_millis||strict_date_optional_time")]
    [InlineData("yyyy/MM/dd HH:mm:ss")]
    public void A_tmstmp_in_another_date_format_does_not_meet_the_contract(string format)
    {
        var mapping = IndexMapping.ParseResponse(System.Text.Encoding.UTF8.GetBytes(
            "{\"app-users\":{\"mappings\":{\"properties\":{\"id\":{\"type\":\"keyword\"},\"tmstmp\":{\"type\":\"date\",\"format\":\"" + format + "\"}}}}}")).Single();

        var reason = ContractCheck.FindViolation(mapping, null);

        Assert.Contains($"date format '{format}'", reason);
    }

    [Theory]
    [InlineData("")]
    [InlineData(",\"format\":\"strict_date_optional_time||epoch_millis\"")]
    [InlineData(",\"format\":\"strict_date_optional_time\"")]
    public void The_default_format_meets_the_contract(string format)
    {
        var mapping = IndexMapping.ParseResponse(System.Text.Encoding.UTF8.GetBytes(
            "{\"app-users\":{\"mappings\":{\"properties\":{\"id\":{\"type\":\"keyword\"},\"tmstmp\":{\"type\":\"date\"" + format + "}}}}}")).Single();

        Assert.Null(ContractCheck.FindViolation(mapping, null));
    }
}

/// <summary>The emulator's parsing in Elasticsearch 8.x mode.</summary>
public sealed class DateParsingTestsOnElasticsearch8 : DateParsingTests
{
    protected override string Version => EmulatedCluster.Version8;
}
