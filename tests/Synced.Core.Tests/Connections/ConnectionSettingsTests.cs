using System;
using System.Net;
using Synced.Core.Connections;
using Synced.Cql.Protocol;
using Xunit;

namespace Synced.Core.Tests.Connections;

public class ConnectionSettingsTests
{
    [Fact]
    public void Defaults_are_localhost_on_both_sides()
    {
        var settings = new ConnectionSettings();
        Assert.Equal("localhost:9042", settings.DescribeCassandra());
        Assert.Equal("http://localhost:9200", settings.DescribeElasticsearch());
        Assert.Equal(Consistency.LocalQuorum, settings.Consistency);
        Assert.Null(settings.CassandraTlsOptions);
    }

    [Fact]
    public void Cassandra_options_carry_hosts_credentials_data_center_and_consistency()
    {
        var settings = new ConnectionSettings { CassandraPort = 9142, CassandraCredential = new NetworkCredential("app", "s3cret"), CassandraDataCenter = "dc2", Consistency = Consistency.One };
        settings.CassandraHosts.Add("db1");
        settings.CassandraHosts.Add("db2:9043");

        var options = settings.ToCassandraOptions().ToClusterOptions();

        Assert.Equal(new[] { "db1", "db2:9043" }, options.ContactPoints);
        Assert.Equal(9142, options.Port);
        Assert.Equal("app", options.Credentials!.UserName);
        Assert.Equal("dc2", options.LocalDataCenter);
        Assert.Equal(Consistency.One, options.DefaultConsistency);
        Assert.Null(options.Tls);
    }

    [Fact]
    public void Timeouts_default_to_room_for_large_bulks_and_reach_both_clusters()
    {
        var defaults = new ConnectionSettings();
        Assert.Equal(TimeSpan.FromSeconds(10), defaults.ConnectTimeout);
        Assert.Equal(TimeSpan.FromSeconds(60), defaults.RequestTimeout);

        var settings = new ConnectionSettings { ConnectTimeout = TimeSpan.FromSeconds(3), RequestTimeout = TimeSpan.FromSeconds(120) };
        var cassandra = settings.ToCassandraOptions().ToClusterOptions();
        var elasticsearch = settings.ToElasticsearchOptions();

        Assert.Equal(TimeSpan.FromSeconds(3), cassandra.ConnectTimeout);
        Assert.Equal(TimeSpan.FromSeconds(120), cassandra.RequestTimeout);
        Assert.Equal(TimeSpan.FromSeconds(3), elasticsearch.ConnectTimeout);
        Assert.Equal(TimeSpan.FromSeconds(120), elasticsearch.RequestTimeout);
    }

    [Fact]
    public void A_certificate_authority_file_turns_cassandra_tls_on()
    {
        var settings = new ConnectionSettings { CassandraCertificateAuthorityPath = "/etc/ssl/cassandra-ca.pem" };
        var tls = settings.ToCassandraOptions().ToClusterOptions().Tls!;
        Assert.Equal("/etc/ssl/cassandra-ca.pem", tls.CaCertificateFile);
        Assert.True(tls.ValidateHostName);
    }

    [Fact]
    public void The_tls_switch_alone_uses_the_system_trust_store()
    {
        var tls = new ConnectionSettings { CassandraTls = true }.ToCassandraOptions().ToClusterOptions().Tls!;
        Assert.Null(tls.CaCertificateFile);
    }

    [Fact]
    public void Elasticsearch_options_carry_uris_credentials_and_certificate_pinning()
    {
        var settings = new ConnectionSettings
        {
            ElasticsearchCredential = new NetworkCredential("elastic", "pw"),
            ElasticsearchCertificateAuthorityPath = "/etc/ssl/es-ca.pem",
            ElasticsearchCertificateFingerprint = "ab",
            RequestTimeout = TimeSpan.FromSeconds(7),
        };
        settings.ElasticsearchUris.Add(new Uri("https://es1:9200"));

        var options = settings.ToElasticsearchOptions();

        Assert.Equal(new[] { new Uri("https://es1:9200") }, options.Uris);
        Assert.Equal("elastic", options.Credential!.UserName);
        Assert.Equal("/etc/ssl/es-ca.pem", options.CertificateAuthorityPath);
        Assert.Equal("ab", options.CertificateFingerprint);
        Assert.Equal(TimeSpan.FromSeconds(7), options.RequestTimeout);
    }

    [Fact]
    public void Descriptions_never_show_credentials()
    {
        var settings = new ConnectionSettings { CassandraCredential = new NetworkCredential("app", "s3cret"), ElasticsearchApiKey = "c2VjcmV0" };
        Assert.DoesNotContain("s3cret", settings.DescribeCassandra() + settings.DescribeElasticsearch());
    }

    [Theory]
    [InlineData("ConnectTimeout", 0)]
    [InlineData("RequestTimeout", -1)]
    [InlineData("RequestTimeout", 25 * 3600)]
    public void A_timeout_outside_its_bounds_is_refused_naming_the_setting(string setting, int seconds)
    {
        var settings = new ConnectionSettings();
        if (setting == "ConnectTimeout") settings.ConnectTimeout = TimeSpan.FromSeconds(seconds);
        else settings.RequestTimeout = TimeSpan.FromSeconds(seconds);

        var error = Assert.Throws<InvalidSettingException>(settings.Validate);

        Assert.Equal(setting, error.Setting);
        Assert.Contains("must be more than 0 and at most 24 hours", error.Message);
    }

    [Fact]
    public void Elasticsearch_credentials_and_an_api_key_together_are_refused()
    {
        var settings = new ConnectionSettings { ElasticsearchCredential = new NetworkCredential("elastic", "pw"), ElasticsearchApiKey = "a2V5" };

        var error = Assert.Throws<InvalidSettingException>(settings.Validate);

        Assert.Equal("ElasticsearchApiKey", error.Setting);
        Assert.Equal("ElasticsearchCredential", error.Alternative);
    }

    [Theory]
    [InlineData("id")]
    [InlineData("tmstmp")]
    public void A_contract_field_cannot_tell_tables_apart(string field)
    {
        var error = Assert.Throws<InvalidSettingException>(new ConnectionSettings { DiscriminatorField = field }.Validate);
        Assert.Equal("DiscriminatorField", error.Setting);
        Assert.Contains("field of the data contract", error.Message);
    }

    [Fact]
    public void A_certificate_authority_file_that_is_not_there_and_a_malformed_fingerprint_are_refused()
    {
        var missing = Assert.Throws<InvalidSettingException>(new ConnectionSettings { CassandraCertificateAuthorityPath = "/nonexistent/ca.pem" }.Validate);
        Assert.Equal("CassandraCertificateAuthorityPath", missing.Setting);
        Assert.IsType<System.IO.FileNotFoundException>(missing.InnerException);
        Assert.Contains("/nonexistent/ca.pem", missing.Message);

        var fingerprint = Assert.Throws<InvalidSettingException>(new ConnectionSettings { ElasticsearchCertificateFingerprint = "AA:BB" }.Validate);
        Assert.Equal("ElasticsearchCertificateFingerprint", fingerprint.Setting);
    }

    [Fact]
    public void The_defaults_are_valid()
        => new ConnectionSettings().Validate();
}
