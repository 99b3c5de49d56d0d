using System;
using System.IO;
using System.Net.Security;
using System.Security.Authentication;
using System.Threading;
using System.Threading.Tasks;
using Synced.Cql.Errors;

namespace Synced.Cql.Connections;

// TLS: the handshake over the TCP stream, with the certificate checks of CqlTlsOptions.
internal sealed partial class CqlConnection
{
    private static async Task<Stream> AuthenticateTlsAsync(Stream inner, string host, string serverName, CqlTlsOptions tls,
        TimeSpan timeout, CancellationToken timeoutToken, CancellationToken cancellationToken)
    {
        var validator = new TlsCertificateValidator(tls);
        var ssl = new SslStream(inner, leaveInnerStreamOpen: false, validator.Validate);
        var clientCertificates = new System.Security.Cryptography.X509Certificates.X509CertificateCollection();
        if (tls.ClientCertificate != null)
        {
            clientCertificates.Add(tls.ClientCertificate);
        }

        try
        {
            using (timeoutToken.Register(() => ssl.Dispose()))
            {
                await ssl.AuthenticateAsClientAsync(serverName, clientCertificates, tls.Protocols, tls.CheckRevocation).ConfigureAwait(false);
            }

            return ssl;
        }
        catch (Exception ex) when (ex is AuthenticationException || ex is IOException || ex is ObjectDisposedException)
        {
            ssl.Dispose();
            cancellationToken.ThrowIfCancellationRequested();

            var reason = validator.Failure
                            ?? (timeoutToken.IsCancellationRequested ? $"no TLS handshake within {timeout.TotalMilliseconds:0} ms" : ex.Message);
            throw new CqlTlsException(host, $"TLS handshake failed: {reason}", ex);
        }
    }
}
