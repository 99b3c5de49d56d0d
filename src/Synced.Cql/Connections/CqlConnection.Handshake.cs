using System;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using Synced.Cql.Errors;
using Synced.Cql.Protocol;
using Synced.Cql.Requests;

namespace Synced.Cql.Connections;

// The protocol handshake: OPTIONS, STARTUP, SASL PLAIN authentication, and the USE of the options' keyspace.
internal sealed partial class CqlConnection
{
    private async Task HandshakeAsync(CqlClusterOptions options, CancellationToken cancellationToken)
    {
        var supported = await SendAsync(OptionsRequest.Instance, options.ConnectTimeout, cancellationToken).ConfigureAwait(false);
        Expect(supported, Opcode.Supported, "OPTIONS");

        var startup = await SendAsync(new StartupRequest(), options.ConnectTimeout, cancellationToken).ConfigureAwait(false);
        if (startup.Header.Opcode == Opcode.Authenticate)
        {
            var reader = startup.CreateReader();
            var authenticator = reader.ReadString();
            await AuthenticateAsync(authenticator, options, cancellationToken).ConfigureAwait(false);
        }
        else
        {
            Expect(startup, Opcode.Ready, "STARTUP");
        }

        if (!string.IsNullOrEmpty(options.Keyspace))
        {
            await UseKeyspaceAsync(options.Keyspace!, options.RequestTimeout, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Switches the connection to <paramref name="keyspace"/> (USE) and remembers it in <see cref="Keyspace"/>.</summary>
    public async Task UseKeyspaceAsync(string keyspace, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var use = "USE " + Types.CqlIdentifier.Quote(keyspace);
        var result = await SendAsync(new QueryRequest(use, new QueryOptions()), timeout, cancellationToken).ConfigureAwait(false);
        Expect(result, Opcode.Result, use);
        Keyspace = keyspace;
    }

    private async Task AuthenticateAsync(string authenticator, CqlClusterOptions options, CancellationToken cancellationToken)
    {
        if (options.Credentials == null)
        {
            throw new CqlAuthenticationException(Host, $"the node requires authentication ({authenticator}) but no credentials were given; set CqlClusterOptions.Credentials.");
        }

        // SASL PLAIN: authorization id (empty), user, password, separated by NUL bytes.
        var user = Encoding.UTF8.GetBytes(options.Credentials.UserName);
        var password = Encoding.UTF8.GetBytes(options.Credentials.Password);
        var token = new byte[user.Length + password.Length + 2];
        Buffer.BlockCopy(user, 0, token, 1, user.Length);
        Buffer.BlockCopy(password, 0, token, user.Length + 2, password.Length);

        var response = await SendAsync(new AuthResponseRequest(token), options.ConnectTimeout, cancellationToken).ConfigureAwait(false);
        Array.Clear(token, 0, token.Length);
        if (response.Header.Opcode == Opcode.AuthChallenge)
        {
            throw new CqlAuthenticationException(Host, $"the authenticator {authenticator} sent a challenge; only PasswordAuthenticator (SASL PLAIN, no challenge) is supported.");
        }

        Expect(response, Opcode.AuthSuccess, "AUTH_RESPONSE");
    }

    private void Expect(CqlResponse response, Opcode opcode, string request)
    {
        if (response.Header.Opcode != opcode)
        {
            throw new CqlProtocolException($"{Host}: expected {opcode} in answer to {request}, got {response.Header.Opcode}.");
        }
    }
}
