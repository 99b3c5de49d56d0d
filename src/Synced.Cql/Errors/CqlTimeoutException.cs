using System;

namespace Synced.Cql.Errors;

/// <summary>A request got no answer within its timeout. The statement may or may not have been applied.</summary>
public sealed class CqlTimeoutException : CqlException
{
    public CqlTimeoutException(string host, string statement, TimeSpan timeout)
        : base(Describe(host, statement, timeout))
    {
        Host = host;
        Statement = statement;
        Timeout = timeout;
    }

    public string Host { get; }

    /// <summary>What was sent (query text, or the operation such as STARTUP).</summary>
    public string Statement { get; }

    public TimeSpan Timeout { get; }

    /// <summary>True for the requests of a connection's handshake, which wait the connect timeout, not the request timeout.</summary>
    public bool IsHandshake => IsHandshakeRequest(Statement);

    private static bool IsHandshakeRequest(string statement)
        => statement == "OPTIONS" || statement == "STARTUP" || statement == "AUTH_RESPONSE";

    // Names the cluster, the limit, what to do (the Synced parameter that sets the limit) and the operation.
    private static string Describe(string host, string statement, TimeSpan timeout)
    {
        // Seconds, as the parameters take them; a limit under a second in milliseconds.
        var culture = System.Globalization.CultureInfo.InvariantCulture;
        var limit = timeout >= TimeSpan.FromSeconds(1)
            ? timeout.TotalSeconds.ToString("0.###", culture) + " s"
            : timeout.TotalMilliseconds.ToString("0", culture) + " ms";
        return IsHandshakeRequest(statement)
            ? $"Cassandra node {host} did not answer {statement} within the connect timeout of {limit}: check that the node is up and not overloaded, or raise the connect timeout."
            : $"Cassandra node {host} did not answer within the request timeout of {limit} (check that the node is up and not overloaded, or raise the request timeout if it is only slow) to: {Shorten(statement)}";
    }

    private static string Shorten(string text) => text.Length <= 200 ? text : text.Substring(0, 200) + "…";
}
