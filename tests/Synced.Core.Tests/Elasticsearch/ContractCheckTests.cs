using System.Linq;
using System.Text;
using Synced.Core.Elasticsearch;
using Xunit;

namespace Synced.Core.Tests.Elasticsearch;

public class ContractCheckTests
{
    private static IndexMapping Mapping(string properties, string meta = "")
        => IndexMapping.ParseResponse(Encoding.UTF8.GetBytes(
            "{\"app-users\":{\"mappings\":{" + meta + "\"properties\":{" + properties + "}}}}")).Single();

    [Fact]
    public void Keyword_id_and_date_tmstmp_meet_the_contract()
    {
        var table = ContractCheck.Describe("users", Mapping("\"id\":{\"type\":\"keyword\"},\"tmstmp\":{\"type\":\"date\"},\"name\":{\"type\":\"text\"}"), null);
        Assert.True(table.MeetsContract);
        Assert.Equal("app-users", table.Location);
        Assert.Equal("text", table.FindColumn("name")!.Type);
    }

    [Fact]
    public void Text_id_with_a_keyword_subfield_meets_the_contract()
    {
        var mapping = Mapping("\"id\":{\"type\":\"text\",\"fields\":{\"keyword\":{\"type\":\"keyword\",\"ignore_above\":256}}},\"tmstmp\":{\"type\":\"date\"}");
        Assert.Null(ContractCheck.FindViolation(mapping, null));
    }

    [Fact]
    public void Text_id_without_keyword_subfield_is_reported()
    {
        var reason = ContractCheck.FindViolation(Mapping("\"id\":{\"type\":\"text\"},\"tmstmp\":{\"type\":\"date\"}"), null);
        Assert.Contains("'id'", reason);
        Assert.Contains("text", reason);
    }

    [Fact]
    public void Missing_id_is_reported()
        => Assert.Contains("no 'id'", ContractCheck.FindViolation(Mapping("\"tmstmp\":{\"type\":\"date\"}"), null));

    [Fact]
    public void Long_tmstmp_is_reported()
    {
        var reason = ContractCheck.FindViolation(Mapping("\"id\":{\"type\":\"keyword\"},\"tmstmp\":{\"type\":\"long\"}"), null);
        Assert.Contains("'tmstmp'", reason);
        Assert.Contains("long", reason);
    }

    [Fact]
    public void Missing_tmstmp_is_reported()
        => Assert.Contains("no 'tmstmp'", ContractCheck.FindViolation(Mapping("\"id\":{\"type\":\"keyword\"}"), null));

    [Fact]
    public void A_text_discriminator_is_reported_in_the_single_index_layout()
    {
        var mapping = Mapping("\"id\":{\"type\":\"keyword\"},\"tmstmp\":{\"type\":\"date\"},\"table\":{\"type\":\"text\"}");
        Assert.Contains("discriminator", ContractCheck.FindViolation(mapping, "table"));
        Assert.Null(ContractCheck.FindViolation(mapping, null));
    }

    [Fact]
    public void A_missing_discriminator_is_reported_in_the_single_index_layout()
        => Assert.Contains("no discriminator field 'kind'",
            ContractCheck.FindViolation(Mapping("\"id\":{\"type\":\"keyword\"},\"tmstmp\":{\"type\":\"date\"}"), "kind"));

    [Fact]
    public void Object_fields_and_meta_tables_are_read()
    {
        var mapping = Mapping("\"id\":{\"type\":\"keyword\"},\"tmstmp\":{\"type\":\"date\"},\"address\":{\"properties\":{\"city\":{\"type\":\"text\"}}}",
            "\"_meta\":{\"synced_tables\":[\"Users\"]},");
        Assert.Equal("object", mapping.Find("address")!.Type);
        Assert.Equal(new[] { "Users" }, mapping.MetaTables);
    }

    [Fact]
    public void An_old_style_mapping_with_a_type_level_is_read()
    {
        var mapping = IndexMapping.ParseResponse(Encoding.UTF8.GetBytes(
            "{\"old\":{\"mappings\":{\"_doc\":{\"properties\":{\"id\":{\"type\":\"keyword\"},\"tmstmp\":{\"type\":\"date\"}}}}}}")).Single();
        Assert.Null(ContractCheck.FindViolation(mapping, null));
    }
}
