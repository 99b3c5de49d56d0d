using System;
using System.Globalization;
using System.Linq;
using System.Net;
using System.Net.Sockets;
using System.Threading.Tasks;

namespace Synced.Cql.Cluster;

/// <summary>Parses and resolves contact points: <c>host</c>, <c>host:port</c>, <c>[ipv6]:port</c> or a bare IPv6 address.</summary>
internal static class ContactPoint
{
    public static (string Host, int Port) Parse(string text, int defaultPort)
    {
        var value = text.Trim();
        if (value.Length == 0)
        {
            throw new ArgumentException("A contact point is empty.");
        }

        if (value.StartsWith("[", StringComparison.Ordinal))
        {
            var close = value.IndexOf(']');
            if (close < 0)
            {
                throw new ArgumentException($"Contact point '{text}' has '[' without ']'.");
            }

            var host = value.Substring(1, close - 1);
            var rest = value.Substring(close + 1);
            if (rest.Length == 0)
            {
                return (host, defaultPort);
            }

            if (!rest.StartsWith(":", StringComparison.Ordinal))
            {
                throw new ArgumentException($"Contact point '{text}' has text after ']' that is not ':port'.");
            }

            return (host, ParsePort(rest.Substring(1), text));
        }

        var colon = value.LastIndexOf(':');
        if (colon < 0 || value.IndexOf(':') != colon)
        {
            // No colon, or several (a bare IPv6 address): no port given.
            return (value, defaultPort);
        }

        return (value.Substring(0, colon), ParsePort(value.Substring(colon + 1), text));
    }

    private static int ParsePort(string text, string contactPoint)
    {
        if (!int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var port) || port < 1 || port > 65535)
        {
            throw new ArgumentException($"Contact point '{contactPoint}' has an invalid port '{text}'.");
        }

        return port;
    }

    public static async Task<IPEndPoint[]> ResolveAsync(string host, int port)
    {
        if (IPAddress.TryParse(host, out var address))
        {
            return new[] { new IPEndPoint(address, port) };
        }

        IPAddress[] addresses;
        try
        {
            addresses = await Dns.GetHostAddressesAsync(host).ConfigureAwait(false);
        }
        catch (SocketException ex)
        {
            throw new Errors.CqlConnectionException($"{host}:{port}", $"the host name does not resolve ({ex.SocketErrorCode}).", ex);
        }

        return addresses.Where(a => a.AddressFamily == AddressFamily.InterNetwork || a.AddressFamily == AddressFamily.InterNetworkV6)
            .Select(a => new IPEndPoint(a, port)).ToArray();
    }
}
