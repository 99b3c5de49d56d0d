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

        var options = CassandraConnector.Options(settings);

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
        var cassandra = CassandraConnector.Options(settings);
        var elasticsearch = ElasticsearchConnector.Options(settings);

        Assert.Equal(TimeSpan.FromSeconds(3), cassandra.ConnectTimeout);
        Assert.Equal(TimeSpan.FromSeconds(120), cassandra.RequestTimeout);
        Assert.Equal(TimeSpan.FromSeconds(3), elasticsearch.ConnectTimeout);
        Assert.Equal(TimeSpan.FromSeconds(120), elasticsearch.RequestTimeout);
    }

    [Fact]
    public void A_certificate_authority_file_turns_cassandra_tls_on()
    {
        var settings = new ConnectionSettings { CassandraCertificateAuthorityPath = "/etc/ssl/cassandra-ca.pem" };
        var tls = CassandraConnector.Options(settings).Tls!;
        Assert.Equal("/etc/ssl/cassandra-ca.pem", tls.CaCertificateFile);
        Assert.True(tls.ValidateHostName);
    }

    [Fact]
    public void The_tls_switch_alone_uses_the_system_trust_store()
    {
        var tls = CassandraConnector.Options(new ConnectionSettings { CassandraTls = true }).Tls!;
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

        var options = ElasticsearchConnector.Options(settings);

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
}
