namespace Synced.Cql.Errors;

/// <summary>
/// A request is larger than a node accepts (<see cref="CqlClusterOptions.MaxRequestSize"/>); it was not sent, and
/// the connection and the other requests on it are unaffected. Retrying cannot help.
/// </summary>
public sealed class CqlRequestTooLargeException : CqlException
{
    public CqlRequestTooLargeException(string host, string statement, long size, int limit)
        : base($"{host}: the request is {size} bytes, over the {limit} bytes a node accepts in one frame (native_transport_max_frame_size), so it was not sent: " +
               (statement.Length <= 200 ? statement : statement.Substring(0, 200) + "…"))
    {
        Host = host;
        Size = size;
        Limit = limit;
    }

    public string Host { get; }

    /// <summary>The request body's size in bytes.</summary>
    public long Size { get; }

    /// <summary>The largest body allowed.</summary>
    public int Limit { get; }
}
