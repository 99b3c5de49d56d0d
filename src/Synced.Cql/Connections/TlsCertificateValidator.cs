using System;
using System.IO;
using System.Linq;
using System.Net.Security;
using System.Security.Cryptography.X509Certificates;
using System.Text;

namespace Synced.Cql.Connections;

/// <summary>
/// Checks a node's certificate: against the configured CA file when one is given (the chain must end in one of
/// its certificates), else the system store; and the host name unless turned off. Keeps the reason of a refusal.
/// </summary>
internal sealed class TlsCertificateValidator
{
    private readonly CqlTlsOptions _options;
    private readonly X509Certificate2Collection? _authorities;

    public TlsCertificateValidator(CqlTlsOptions options)
    {
        _options = options;
        if (options.CaCertificateFile != null)
        {
            _authorities = LoadCertificates(options.CaCertificateFile);
        }
    }

    /// <summary>Why the last certificate was refused.</summary>
    public string? Failure { get; private set; }

    public bool Validate(object sender, X509Certificate? certificate, X509Chain? chain, SslPolicyErrors errors)
    {
        if (certificate == null)
        {
            Failure = "the node presented no certificate.";
            return false;
        }

        if ((errors & SslPolicyErrors.RemoteCertificateNameMismatch) != 0 && _options.ValidateHostName)
        {
            Failure = $"the certificate ({certificate.Subject}) does not name the host connected to; set Tls.ServerName or turn off ValidateHostName.";
            return false;
        }

        if (_authorities == null)
        {
            if ((errors & SslPolicyErrors.RemoteCertificateChainErrors) != 0)
            {
                Failure = $"the certificate ({certificate.Subject}) is not trusted by the system store: {DescribeChain(chain)}; give the CA with Tls.CaCertificateFile.";
                return false;
            }

            return true;
        }

        using var custom = new X509Chain();
        custom.ChainPolicy.RevocationMode = _options.CheckRevocation ? X509RevocationMode.Online : X509RevocationMode.NoCheck;
        custom.ChainPolicy.VerificationFlags = X509VerificationFlags.AllowUnknownCertificateAuthority;
        custom.ChainPolicy.ExtraStore.AddRange(_authorities);
        var leaf = new X509Certificate2(certificate);
        var built = custom.Build(leaf);
        var root = custom.ChainElements.Count > 0 ? custom.ChainElements[custom.ChainElements.Count - 1] : null;
        var anchored = root != null && _authorities.Cast<X509Certificate2>().Any(ca => ca.Thumbprint == root.Certificate.Thumbprint);
        var onlyUnknownRoot = custom.ChainStatus.All(s => s.Status == X509ChainStatusFlags.NoError || s.Status == X509ChainStatusFlags.UntrustedRoot);
        if (!anchored || !(built || onlyUnknownRoot))
        {
            Failure = $"the certificate ({certificate.Subject}) is not signed by an authority in {_options.CaCertificateFile}: {DescribeChain(custom)}.";
            return false;
        }

        return true;
    }

    private static string DescribeChain(X509Chain? chain)
    {
        if (chain == null || chain.ChainStatus.Length == 0)
        {
            return "chain not verifiable";
        }

        return string.Join(", ", chain.ChainStatus.Select(s => s.Status.ToString()));
    }

    /// <summary>Reads every certificate of a PEM file, or one DER certificate.</summary>
    internal static X509Certificate2Collection LoadCertificates(string path)
    {
        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"The CA certificate file {path} does not exist.", path);
        }

        var bytes = File.ReadAllBytes(path);
        var text = Encoding.ASCII.GetString(bytes);
        var collection = new X509Certificate2Collection();
        const string begin = "-----BEGIN CERTIFICATE-----";
        const string end = "-----END CERTIFICATE-----";
        var at = text.IndexOf(begin, StringComparison.Ordinal);
        if (at < 0)
        {
            collection.Add(new X509Certificate2(bytes));
            return collection;
        }

        while (at >= 0)
        {
            var stop = text.IndexOf(end, at, StringComparison.Ordinal);
            if (stop < 0)
            {
                throw new InvalidDataException($"{path} has a certificate without its END line.");
            }

            var base64 = text.Substring(at + begin.Length, stop - at - begin.Length);
            collection.Add(new X509Certificate2(Convert.FromBase64String(string.Concat(base64.Where(c => !char.IsWhiteSpace(c))))));
            at = text.IndexOf(begin, stop, StringComparison.Ordinal);
        }

        return collection;
    }
}
