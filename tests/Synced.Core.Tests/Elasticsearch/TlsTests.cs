using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Threading;
using System.Threading.Tasks;
using Synced.Core.Connections;
using Synced.Core.Elasticsearch;
using Xunit;

namespace Synced.Core.Tests.Elasticsearch;

/// <summary>TLS with a private certificate: trusted by fingerprint or CA file, refused otherwise.</summary>
public class TlsTests
{
    private const string RootDocument =
        "{\"name\":\"node\",\"cluster_name\":\"c\",\"version\":{\"number\":\"7.17.5\",\"build_flavor\":\"default\"},\"tagline\":\"You Know, for Search\"}";

    private static readonly Dictionary<string, string> ElasticHeaders = new()
    {
        ["Content-Type"] = "application/json",
        ["X-Elastic-Product"] = "Elasticsearch",
    };

    private static X509Certificate2 SelfSigned()
    {
        using var key = RSA.Create(2048);
        var request = new CertificateRequest("CN=127.0.0.1", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        var names = new SubjectAlternativeNameBuilder();
        names.AddIpAddress(System.Net.IPAddress.Loopback);
        request.CertificateExtensions.Add(names.Build());
        using var created = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(1));
        // Re-load from PKCS#12 so SslStream can use the private key on every platform.
        return X509CertificateLoader.LoadPkcs12(created.Export(X509ContentType.Pfx), null);
    }

    private static ElasticsearchConnectionOptions OptionsFor(Uri uri)
    {
        var options = new ElasticsearchConnectionOptions { RequestTimeout = TimeSpan.FromSeconds(5) };
        options.Uris.Add(uri);
        return options;
    }

    [Fact]
    public async Task An_untrusted_certificate_is_refused_as_unreachable()
    {
        using var certificate = SelfSigned();
        await using var server = new FakeHttpServer(200, RootDocument, ElasticHeaders, certificate);

        var ex = await Assert.ThrowsAsync<ConnectionFailureException>(() => ElasticsearchConnection.ConnectAsync(OptionsFor(server.Uri), CancellationToken.None));

        Assert.Equal(ConnectionFailureKind.Unreachable, ex.Failure.Kind);
    }

    [Fact]
    public async Task A_matching_fingerprint_trusts_the_certificate()
    {
        using var certificate = SelfSigned();
        await using var server = new FakeHttpServer(200, RootDocument, ElasticHeaders, certificate);
        var options = OptionsFor(server.Uri);
        options.CertificateFingerprint = string.Join(":", Convert.ToHexString(SHA256.HashData(certificate.RawData)).Chunk(2).Select(c => new string(c)));

        var connection = await ElasticsearchConnection.ConnectAsync(options, CancellationToken.None);

        Assert.Equal(new Version(7, 17, 5), connection.ServerVersion);
    }

    [Fact]
    public async Task A_different_fingerprint_is_refused()
    {
        using var certificate = SelfSigned();
        await using var server = new FakeHttpServer(200, RootDocument, ElasticHeaders, certificate);
        var options = OptionsFor(server.Uri);
        options.CertificateFingerprint = new string('a', 64);

        var ex = await Assert.ThrowsAsync<ConnectionFailureException>(() => ElasticsearchConnection.ConnectAsync(options, CancellationToken.None));

        Assert.Equal(ConnectionFailureKind.Unreachable, ex.Failure.Kind);
    }

    [Fact]
    public async Task The_ca_file_trusts_the_certificate_it_signed()
    {
        using var certificate = SelfSigned();
        await using var server = new FakeHttpServer(200, RootDocument, ElasticHeaders, certificate);
        var path = Path.Combine(Path.GetTempPath(), $"synced-ca-{Guid.NewGuid():N}.pem");
        await File.WriteAllTextAsync(path, certificate.ExportCertificatePem());
        try
        {
            var options = OptionsFor(server.Uri);
            options.CertificateAuthorityPath = path;

            var connection = await ElasticsearchConnection.ConnectAsync(options, CancellationToken.None);

            Assert.Equal(new Version(7, 17, 5), connection.ServerVersion);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public async Task An_unreadable_ca_file_is_named()
    {
        var options = OptionsFor(new Uri("https://127.0.0.1:9"));
        options.CertificateAuthorityPath = "/nonexistent/ca.pem";

        var ex = await Assert.ThrowsAsync<ArgumentException>(() => ElasticsearchConnection.ConnectAsync(options, CancellationToken.None));

        Assert.Contains("/nonexistent/ca.pem", ex.Message);
    }
}
