using System.Collections.Generic;
using System.Linq;
using System.Text;
using Synced.Core.Elasticsearch;
using Xunit;

namespace Synced.Core.Tests.Elasticsearch;

/// <summary>The status and error of each item read from a <c>_bulk</c> answer, whatever else the answer holds.</summary>
public class BulkAnswerTests
{
    private static List<BulkItem> Items(int count) => Enumerable.Range(0, count).Select(i => new BulkItem(i, new byte[] { (byte)'{', (byte)'}' }, new byte[] { (byte)'{', (byte)'}' })).ToList();

    [Fact]
    public void Each_item_gets_its_status_and_error_whatever_the_other_properties_of_the_answer()
    {
        var answer = """
            {"took":3,"errors":true,"items":[
              {"create":{"_index":"i","_id":"a","_version":1,"result":"created","_shards":{"total":2,"successful":1,"failed":0},"_seq_no":0,"_primary_term":1,"status":201}},
              {"index":{"_index":"i","_id":"b","status":409,"error":{"type":"version_conflict_engine_exception","reason":"[b]: version conflict","index":"i","shard":"0","caused_by":{"type":"x","reason":"y"}}}},
              {"create":{"error":{"type":"es_rejected_execution_exception","reason":"rejected"},"status":429,"_id":"c"}},
              {"index":{"_index":"i","_id":"d","status":200,"extra":[1,{"status":500}]}}
            ],"ingest_took":0}
            """;
        var items = Items(4);

        BulkSender.ReadItemAnswers(Encoding.UTF8.GetBytes(answer), items, 0, 4);

        Assert.Equal(new[] { 201, 409, 429, 200 }, items.Select(i => i.Status));
        Assert.Null(items[0].Error);
        Assert.Equal("version_conflict_engine_exception", items[1].Error!.Type);
        Assert.Equal("[b]: version conflict", items[1].Error!.Reason);
        Assert.True(items[2].Error!.IsRejection);
        Assert.Null(items[3].Error);
    }

    [Fact]
    public void Items_are_read_into_their_place_in_the_list()
    {
        var items = Items(5);

        BulkSender.ReadItemAnswers(Encoding.UTF8.GetBytes("""{"items":[{"create":{"status":201}},{"create":{"status":400,"error":"old servers send a string"}}]}"""), items, 3, 2);

        Assert.Equal(new[] { 0, 0, 0, 201, 400 }, items.Select(i => i.Status));
        Assert.Equal("old servers send a string", items[4].Error!.Reason);
    }

    [Theory]
    [InlineData("""{"took":1,"errors":false,"items":[{"create":{"status":201}}]}""")]
    [InlineData("""{"took":1,"errors":false,"items":[{"create":{"status":201}},{"create":{"sta""")]
    [InlineData("""{"took":1}""")]
    [InlineData("""not json""")]
    public void Items_an_answer_lacks_or_cuts_short_fail_with_a_reason(string answer)
    {
        var items = Items(2);

        BulkSender.ReadItemAnswers(Encoding.UTF8.GetBytes(answer), items, 0, 2);

        Assert.Equal("bulk_error", items[1].Error!.Type);
        Assert.Contains("no result for this item", items[1].Error!.Reason);
        Assert.Equal(0, items[1].Status);
    }
}
