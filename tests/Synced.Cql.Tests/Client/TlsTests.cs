using System;
using System.IO;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Threading.Tasks;
using Synced.Cql.Errors;
using Xunit;

namespace Synced.Cql.Tests.Client;

/// <summary>TLS against a scripted node whose certificate is issued by a CA made for the test.</summary>
public sealed class TlsTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("synced-cql-tls").FullName;
    private readonly X509Certificate2 _serverCertificate;
    private readonly string _caFile;
    private readonly string _otherCaFile;

    public TlsTests()
    {
        using var ca = CreateAuthority("CN=Synced Test CA");
        using var other = CreateAuthority("CN=Unrelated CA");
        _serverCertificate = CreateServerCertificate(ca, "localhost");
        _caFile = Path.Combine(_folder, "ca.pem");
        _otherCaFile = Path.Combine(_folder, "other.pem");
        File.WriteAllText(_caFile, ca.ExportCertificatePem());
        File.WriteAllText(_otherCaFile, other.ExportCertificatePem());
    }

    public void Dispose()
    {
        _serverCertificate.Dispose();
        Directory.Delete(_folder, recursive: true);
    }

    private static X509Certificate2 CreateAuthority(string subject)
    {
        using var key = RSA.Create(2048);
        var request = new CertificateRequest(subject, key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, true));
        return request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(30));
    }

    private static X509Certificate2 CreateServerCertificate(X509Certificate2 issuer, string dnsName)
    {
        using var key = RSA.Create(2048);
        var request = new CertificateRequest("CN=" + dnsName, key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        var names = new SubjectAlternativeNameBuilder();
        names.AddDnsName(dnsName);
        request.CertificateExtensions.Add(names.Build());
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension(new OidCollection { new Oid("1.3.6.1.5.5.7.3.1") }, false));
        var serial = new byte[8];
        RandomNumberGenerator.Fill(serial);
        using var signed = request.Create(issuer, DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(10), serial);
        using var withKey = signed.CopyWithPrivateKey(key);
        return X509CertificateLoader.LoadPkcs12(withKey.Export(X509ContentType.Pfx), null);
    }

    private static CqlClusterOptions Options(FakeCqlServer server, CqlTlsOptions tls)
    {
        var options = new CqlClusterOptions { Tls = tls, HeartbeatInterval = TimeSpan.Zero, ConnectionsPerHost = 1, ConnectTimeout = TimeSpan.FromSeconds(5) };
        options.ContactPoints.Add(server.ContactPoint);
        return options;
    }

    [Fact]
    public async Task Node_certificate_issued_by_the_configured_CA_and_naming_the_host_is_accepted()
    {
        await using var server = new FakeCqlServer(_serverCertificate);

        await using var session = await CqlSession.ConnectAsync(Options(server, new CqlTlsOptions { CaCertificateFile = _caFile, ServerName = "localhost" }));
        var result = await session.ExecuteAsync("INSERT INTO t (k) VALUES (1)");

        Assert.Equal(Synced.Cql.Protocol.ResultKind.Void, result.Kind);
    }

    [Fact]
    public async Task Certificate_from_an_unknown_CA_is_refused_with_the_reason()
    {
        await using var server = new FakeCqlServer(_serverCertificate);

        var error = await Assert.ThrowsAsync<CqlTlsException>(() =>
            CqlSession.ConnectAsync(Options(server, new CqlTlsOptions { CaCertificateFile = _otherCaFile, ServerName = "localhost" })));

        Assert.Contains("not signed by an authority", error.Message);
        Assert.Contains(server.ContactPoint, error.Message);
    }

    [Fact]
    public async Task Certificate_not_trusted_by_the_system_store_is_refused()
    {
        await using var server = new FakeCqlServer(_serverCertificate);

        var error = await Assert.ThrowsAsync<CqlTlsException>(() =>
            CqlSession.ConnectAsync(Options(server, new CqlTlsOptions { ServerName = "localhost" })));

        Assert.Contains("system store", error.Message);
    }

    [Fact]
    public async Task Host_name_mismatch_is_refused_unless_checking_is_turned_off()
    {
        await using var server = new FakeCqlServer(_serverCertificate);

        var error = await Assert.ThrowsAsync<CqlTlsException>(() =>
            CqlSession.ConnectAsync(Options(server, new CqlTlsOptions { CaCertificateFile = _caFile, ServerName = "cassandra.example.org" })));
        await using var session = await CqlSession.ConnectAsync(Options(server,
            new CqlTlsOptions { CaCertificateFile = _caFile, ServerName = "cassandra.example.org", ValidateHostName = false }));

        Assert.Contains("does not name the host", error.Message);
        Assert.NotEmpty(session.Hosts);
    }

    [Fact]
    public async Task Missing_CA_file_is_reported_by_path()
    {
        await using var server = new FakeCqlServer(_serverCertificate);
        var missing = Path.Combine(_folder, "missing.pem");

        var error = await Assert.ThrowsAsync<FileNotFoundException>(() =>
            CqlSession.ConnectAsync(Options(server, new CqlTlsOptions { CaCertificateFile = missing })));

        Assert.Contains(missing, error.Message);
    }
}
