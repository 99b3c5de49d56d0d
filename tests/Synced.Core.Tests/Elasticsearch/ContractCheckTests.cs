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
        Assert.Equal("text", table.FindColumn("name")!.TypeName);
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
        Assert.Equal("object", mapping.Find("address")!.Type.Name);
        Assert.Equal(new[] { "Users" }, mapping.MetaTables);
    }

    [Fact]
    public void An_old_style_mapping_with_a_type_level_is_read()
    {
        var mapping = IndexMapping.ParseResponse(Encoding.UTF8.GetBytes(
            "{\"old\":{\"mappings\":{\"_doc\":{\"properties\":{\"id\":{\"type\":\"keyword\"},\"tmstmp\":{\"type\":\"date\"}}}}}}")).Single();
        Assert.Null(ContractCheck.FindViolation(mapping, null));
    }

    private const string ContractFields = "\"id\":{\"type\":\"keyword\"},\"tmstmp\":{\"type\":\"date\"}";

    [Fact]
    public void An_index_without_source_is_refused_because_entries_cannot_be_read_back()
    {
        var reason = ContractCheck.FindViolation(Mapping(ContractFields, "\"_source\":{\"enabled\":false},"), null);
        Assert.Contains("_source.enabled: false", reason);
        Assert.Contains("cannot read its entries back", reason);
        Assert.Contains("reindex", reason);
    }

    [Theory]
    [InlineData("\"_source\":{\"includes\":[\"id\",\"tmstmp\"]},", "includes [id, tmstmp]")]
    [InlineData("\"_source\":{\"excludes\":[\"secret.*\"]},", "excludes [secret.*]")]
    [InlineData("\"_source\":{\"includes\":[\"a\"],\"excludes\":[\"a.b\"]},", "includes [a], excludes [a.b]")]
    public void An_index_storing_part_of_the_source_is_refused(string source, string expected)
    {
        var reason = ContractCheck.FindViolation(Mapping(ContractFields, source), null);
        Assert.Contains(expected, reason);
        Assert.Contains("would lose fields", reason);
    }

    [Fact]
    public void Source_enabled_explicitly_meets_the_contract()
        => Assert.Null(ContractCheck.FindViolation(Mapping(ContractFields, "\"_source\":{\"enabled\":true},"), null));

    [Fact]
    public async System.Threading.Tasks.Task The_store_lists_an_index_without_source_as_not_meeting_the_contract()
    {
        var cluster = await EmulatedCluster.StartAsync();
        await using var _ = cluster;
        await cluster.SendAsync(global::Elasticsearch.Net.HttpMethod.PUT, "/app-users",
            "{\"mappings\":{\"_source\":{\"enabled\":false},\"properties\":{" + ContractFields + "}},\"aliases\":{\"app\":{}}}");
        await using var store = await cluster.ConnectStoreAsync(new ElasticsearchStoreOptions { Index = "app" });

        var users = Assert.Single(await store.ListTablesAsync(System.Threading.CancellationToken.None));

        Assert.False(users.MeetsContract);
        Assert.Contains("_source", users.Reason);
    }
}
