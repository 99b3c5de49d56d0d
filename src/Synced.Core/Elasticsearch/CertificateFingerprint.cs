using System;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;

namespace Synced.Core.Elasticsearch;

/// <summary>A SHA-256 certificate fingerprint to pin a cluster's TLS certificate or its CA.</summary>
public sealed class CertificateFingerprint
{
    private readonly string _hex;

    private CertificateFingerprint(string hex) => _hex = hex;

    /// <summary>Parses hex with optional colons or spaces (<c>AB:CD:...</c>); throws when it is not 32 bytes of hex.</summary>
    public static CertificateFingerprint Parse(string text)
    {
        var builder = new StringBuilder(64);
        foreach (var c in text)
        {
            if (c == ':' || c == ' ' || c == '-') continue;
            if (!Uri.IsHexDigit(c))
                throw new ArgumentException("the certificate fingerprint must be a hex SHA-256 digest (64 hex digits, colons allowed)");
            builder.Append(char.ToLowerInvariant(c));
        }
        if (builder.Length != 64)
            throw new ArgumentException($"the certificate fingerprint must be a SHA-256 digest of 64 hex digits, not {builder.Length}");
        return new CertificateFingerprint(builder.ToString());
    }

    /// <summary>True when the certificate's SHA-256 digest is this fingerprint.</summary>
    public bool Matches(X509Certificate certificate)
    {
        using var sha = SHA256.Create();
        var digest = sha.ComputeHash(certificate.GetRawCertData());
        var builder = new StringBuilder(64);
        foreach (var b in digest) builder.Append(b.ToString("x2", System.Globalization.CultureInfo.InvariantCulture));
        return string.Equals(builder.ToString(), _hex, StringComparison.Ordinal);
    }

    /// <summary>True when the server certificate or any certificate of its chain matches.</summary>
    public bool MatchesAny(X509Certificate? certificate, X509Chain? chain)
    {
        if (certificate is not null && Matches(certificate)) return true;
        if (chain is null) return false;
        foreach (var element in chain.ChainElements)
            if (Matches(element.Certificate)) return true;
        return false;
    }
}
