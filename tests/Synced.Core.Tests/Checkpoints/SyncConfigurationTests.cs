using System;
using Synced.Core.Checkpoints;
using Xunit;

namespace Synced.Core.Tests.Checkpoints;

public class SyncConfigurationTests
{
    [Fact]
    public void Equivalent_spellings_address_the_same_checkpoint()
    {
        var a = new SyncConfiguration("App", "APP", new[] { "LocalHost", "db2:9042" }, 9042, new[] { new Uri("http://LOCALHOST:9200/") });
        var b = new SyncConfiguration("app", "app", new[] { "db2", "localhost:9042" }, 9042, new[] { new Uri("http://localhost:9200") });
        Assert.Equal(a.Key, b.Key);
        Assert.Equal(a.Hash, b.Hash);
    }

    [Fact]
    public void Defaults_match_an_explicit_localhost_configuration()
    {
        var implicitDefaults = new SyncConfiguration("app", "app");
        var explicitDefaults = new SyncConfiguration("app", "app", new[] { "localhost:9042" }, 9042, new[] { new Uri("http://localhost:9200") });
        Assert.Equal(implicitDefaults.FileBaseName, explicitDefaults.FileBaseName);
    }

    [Theory]
    [InlineData("other", "app", null, null)]
    [InlineData("app", "other", null, null)]
    [InlineData("app", "app", "db1", null)]
    [InlineData("app", "app", null, "http://es:9200")]
    public void Any_difference_in_identity_gives_another_checkpoint(string keyspace, string index, string? host, string? uri)
    {
        var baseline = new SyncConfiguration("app", "app");
        var other = new SyncConfiguration(keyspace, index, host is null ? null : new[] { host }, 9042, uri is null ? null : new[] { new Uri(uri) });
        Assert.NotEqual(baseline.Key, other.Key);
        Assert.NotEqual(baseline.FileBaseName, other.FileBaseName);
    }

    [Fact]
    public void Table_selection_and_direction_are_not_part_of_the_identity()
    {
        // They choose which of the checkpoint's watermarks a run uses: adding -ExcludeTable must not rescan everything.
        var configuration = new SyncConfiguration("app", "app");
        Assert.Equal("cassandra=localhost:9042\nkeyspace=app\nelasticsearch=http://localhost:9200\nindex=app", configuration.Key);
    }

    [Fact]
    public void A_name_overrides_the_identity()
    {
        var a = new SyncConfiguration("app", "app", name: "Nightly");
        var b = new SyncConfiguration("other", "other", name: "nightly");
        Assert.Equal(a.Key, b.Key);
        Assert.Equal("Nightly", a.DisplayName);
    }

    [Fact]
    public void File_names_are_readable_slugs_plus_a_hash()
    {
        var configuration = new SyncConfiguration("My App", "app/index");
        Assert.Matches("^my_app-app_index-[0-9a-f]{10}$", configuration.FileBaseName);
    }

    [Fact]
    public void Uris_drop_credentials_so_they_never_reach_a_checkpoint()
    {
        var configuration = new SyncConfiguration("app", "app", elasticsearchUris: new[] { new Uri("https://user:secret@es.example:9200/") });
        Assert.Equal("https://es.example:9200", Assert.Single(configuration.ElasticsearchUris));
        Assert.DoesNotContain("secret", configuration.Key);
    }

    [Theory]
    [InlineData("db:notaport")]
    [InlineData("db:70000")]
    public void A_bad_contact_point_is_an_error_naming_it(string host)
    {
        var error = Assert.Throws<ArgumentException>(() => new SyncConfiguration("app", "app", new[] { host }));
        Assert.Contains(host, error.Message);
    }

    [Fact]
    public void A_relative_uri_is_an_error()
        => Assert.Throws<ArgumentException>(() => new SyncConfiguration("app", "app", elasticsearchUris: new[] { new Uri("ftp://x") }));

    [Fact]
    public void Ipv6_contact_points_are_bracketed()
    {
        var configuration = new SyncConfiguration("app", "app", new[] { "::1", "[::2]:9043" });
        Assert.Equal(new[] { "[::1]:9042", "[::2]:9043" }, configuration.CassandraHosts);
    }
}
