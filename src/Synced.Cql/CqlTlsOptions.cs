using System.Security.Authentication;
using System.Security.Cryptography.X509Certificates;

namespace Synced.Cql;

/// <summary>TLS settings: trust, client certificate and host name checking.</summary>
public sealed class CqlTlsOptions
{
    /// <summary>
    /// PEM (one or more certificates) or DER file of the certificate authorities to trust instead of the system
    /// store; null trusts the system store.
    /// </summary>
    public string? CaCertificateFile { get; set; }

    /// <summary>Certificate (with private key) presented to nodes that require client authentication.</summary>
    public X509Certificate2? ClientCertificate { get; set; }

    /// <summary>Check that the node's certificate names the host connected to. On by default.</summary>
    public bool ValidateHostName { get; set; } = true;

    /// <summary>Host name to expect in certificates instead of the contact point's host (e.g. when connecting by IP).</summary>
    public string? ServerName { get; set; }

    /// <summary>Allowed protocols; None lets the operating system choose.</summary>
    public SslProtocols Protocols { get; set; } = SslProtocols.None;

    /// <summary>Check certificate revocation (needs network access to the CA's lists).</summary>
    public bool CheckRevocation { get; set; }
}
