using System;

namespace Synced.Cql.Errors;

/// <summary>A request got no answer within its timeout. The statement may or may not have been applied.</summary>
public sealed class CqlTimeoutException : CqlException
{
    public CqlTimeoutException(string host, string statement, TimeSpan timeout)
        : base($"{host}: no answer within {timeout.TotalMilliseconds:0} ms to: {Shorten(statement)}")
    {
        Host = host;
        Statement = statement;
        Timeout = timeout;
    }

    public string Host { get; }

    /// <summary>What was sent (query text, or the operation such as STARTUP).</summary>
    public string Statement { get; }

    public TimeSpan Timeout { get; }

    private static string Shorten(string text) => text.Length <= 200 ? text : text.Substring(0, 200) + "…";
}
