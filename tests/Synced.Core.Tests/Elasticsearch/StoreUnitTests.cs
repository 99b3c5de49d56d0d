using System;
using System.Text;
using Synced.Core.Elasticsearch;
using Xunit;

namespace Synced.Core.Tests.Elasticsearch;

public class StoreUnitTests
{
    private static readonly DateTime Base = new(2024, 1, 1, 0, 0, 0, DateTimeKind.Utc);

    [Fact]
    public void Scan_bounds_widen_a_sub_millisecond_range_to_whole_milliseconds()
    {
        var begin = Base.AddTicks(10 * TimeSpan.TicksPerMillisecond + 5);
        var end = Base.AddTicks(20 * TimeSpan.TicksPerMillisecond + 5);
        Assert.Equal(Base.AddMilliseconds(10), ElasticsearchScanner.LowerBound(begin));
        Assert.Equal(Base.AddMilliseconds(21), ElasticsearchScanner.UpperBound(end));
        Assert.Equal(Base.AddMilliseconds(20), ElasticsearchScanner.UpperBound(Base.AddMilliseconds(20)));
        Assert.Equal(Base.AddMilliseconds(10), ElasticsearchScanner.LowerBound(Base.AddMilliseconds(10)));
    }

    [Fact]
    public void External_version_is_microseconds_since_the_epoch()
    {
        Assert.Equal(0L, ExternalVersionWriter.VersionOf(new DateTime(1970, 1, 1, 0, 0, 0, DateTimeKind.Utc)));
        Assert.Equal(1_704_067_200_000_001L, ExternalVersionWriter.VersionOf(Base.AddTicks(10)));
    }

    [Fact]
    public void Per_table_naming_lower_cases_and_maps_back()
    {
        var naming = new IndexNaming("app", IndexLayout.PerTable, "table");
        var id = Guid.NewGuid();
        Assert.Equal("app-users", naming.IndexFor("Users"));
        Assert.Equal(id.ToString("D"), naming.DocumentId("Users", id));
        Assert.Equal("users", naming.TableOfIndex("app-users"));
        Assert.Null(naming.TableOfIndex("other-users"));
        Assert.Null(naming.TableOfIndex("app-"));
        Assert.Equal(id, naming.IdOfDocument(id.ToString("D")));
    }

    [Fact]
    public void Single_index_naming_prefixes_the_id_with_the_table()
    {
        var naming = new IndexNaming("app", IndexLayout.SingleIndex, "table");
        var id = Guid.NewGuid();
        Assert.Equal("app", naming.IndexFor("users"));
        Assert.Equal("users:" + id.ToString("D"), naming.DocumentId("users", id));
        Assert.Equal(id, naming.IdOfDocument("users:" + id.ToString("D")));
    }

    [Theory]
    [InlineData("App")]
    [InlineData("a b")]
    [InlineData("_hidden")]
    [InlineData("")]
    [InlineData("a*")]
    public void Invalid_index_names_are_rejected(string index)
        => Assert.Throws<ArgumentException>(() => new ElasticsearchStoreOptions { Index = index }.Validate());

    [Fact]
    public void The_discriminator_cannot_be_a_contract_field()
        => Assert.Throws<ArgumentException>(() => new ElasticsearchStoreOptions { Index = "app", Layout = IndexLayout.SingleIndex, DiscriminatorField = "id" }.Validate());

    [Fact]
    public void Backoff_doubles_with_jitter_and_stays_under_the_cap()
    {
        var backoff = new RejectionBackoff(TimeSpan.FromMilliseconds(100), TimeSpan.FromMilliseconds(1000), seed: 1);
        for (var attempt = 0; attempt < 8; attempt++)
        {
            var expected = Math.Min(100 * Math.Pow(2, attempt), 1000);
            var delay = backoff.DelayFor(attempt).TotalMilliseconds;
            Assert.InRange(delay, expected / 2, expected);
        }
    }

    [Fact]
    public void Root_document_versions_are_parsed_and_others_rejected()
    {
        Assert.Equal(new Version(8, 15, 0), ElasticsearchConnection.ParseRootVersion(Encoding.UTF8.GetBytes(
            "{\"name\":\"n\",\"version\":{\"number\":\"8.15.0\"},\"tagline\":\"You Know, for Search\"}")));
        Assert.Equal(new Version(7, 17, 5), ElasticsearchConnection.ParseRootVersion(Encoding.UTF8.GetBytes("{\"version\":{\"number\":\"7.17.5-SNAPSHOT\"}}")));
        Assert.Null(ElasticsearchConnection.ParseRootVersion(Encoding.UTF8.GetBytes("<html>hello</html>")));
        Assert.Null(ElasticsearchConnection.ParseRootVersion(Encoding.UTF8.GetBytes("{\"status\":\"ok\"}")));
    }

    [Fact]
    public void Fingerprints_accept_colons_and_reject_wrong_lengths()
    {
        Assert.NotNull(CertificateFingerprint.Parse("AA:" + new string('b', 62)));
        Assert.Throws<ArgumentException>(() => CertificateFingerprint.Parse("abcd"));
        Assert.Throws<ArgumentException>(() => CertificateFingerprint.Parse(new string('z', 64)));
    }

    [Fact]
    public void A_fingerprint_matches_the_sha256_of_the_certificate()
    {
        using var key = System.Security.Cryptography.RSA.Create(2048);
        var request = new System.Security.Cryptography.X509Certificates.CertificateRequest("CN=test", key,
            System.Security.Cryptography.HashAlgorithmName.SHA256, System.Security.Cryptography.RSASignaturePadding.Pkcs1);
        using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(1));
        var hex = Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(certificate.RawData));
        Assert.True(CertificateFingerprint.Parse(hex).Matches(certificate));
        Assert.False(CertificateFingerprint.Parse(new string('0', 64)).Matches(certificate));
    }

    [Fact]
    public async System.Threading.Tasks.Task Connection_options_without_nodes_or_with_user_info_are_rejected()
    {
        var empty = new ElasticsearchConnectionOptions();
        await Assert.ThrowsAsync<ArgumentException>(() => ElasticsearchConnection.ConnectAsync(empty, default));
        var withUserInfo = new ElasticsearchConnectionOptions();
        withUserInfo.Uris.Add(new Uri("http://user:secret@127.0.0.1:9200"));
        var ex = await Assert.ThrowsAsync<ArgumentException>(() => ElasticsearchConnection.ConnectAsync(withUserInfo, default));
        Assert.DoesNotContain("secret", ex.Message);
    }
}
