using System;
using Synced.Emulators.Cassandra.Cql;

namespace Synced.Emulators.Cassandra.Protocol;

/// <summary>An ERROR response: code, message and the fields some codes carry (native_protocol_v4.spec section 9).</summary>
internal sealed class NodeError : Exception
{
    public NodeError(CqlErrorCode code, string message) : base(message)
    {
        Code = code;
    }

    public CqlErrorCode Code { get; }
    public ConsistencyLevel Consistency { get; init; } = ConsistencyLevel.One;
    /// <summary>Unavailable: replicas required; timeouts and failures: responses the coordinator waited for (blockfor).</summary>
    public int Required { get; init; } = 1;
    /// <summary>Unavailable: replicas alive; timeouts and failures: responses received.</summary>
    public int Received { get; init; }
    /// <summary>ReadFailure/WriteFailure: replicas that failed.</summary>
    public int Failures { get; init; } = 1;
    /// <summary>ReadTimeout/ReadFailure: whether the replica asked for data answered.</summary>
    public bool DataPresent { get; init; }
    /// <summary>WriteTimeout/WriteFailure: SIMPLE, BATCH, UNLOGGED_BATCH, COUNTER, BATCH_LOG, CAS, VIEW, CDC.</summary>
    public string WriteType { get; init; } = "SIMPLE";
    public string? Keyspace { get; init; }
    /// <summary>Table (AlreadyExists) or function name (FunctionFailure).</summary>
    public string? Table { get; init; }
    public byte[]? PreparedId { get; init; }

    /// <summary>Maps what the engine threw to the error Cassandra answers with; anything unexpected is a ServerError.</summary>
    public static NodeError From(Exception ex) => ex switch
    {
        NodeError e => e,
        CqlSyntaxException => new NodeError(CqlErrorCode.SyntaxError, ex.Message),
        CqlInvalidException => new NodeError(CqlErrorCode.Invalid, ex.Message),
        CqlAlreadyExistsException a => new NodeError(CqlErrorCode.AlreadyExists, ex.Message) { Keyspace = a.Keyspace, Table = a.Table },
        CqlUnauthorizedException => new NodeError(CqlErrorCode.Unauthorized, ex.Message),
        CqlConfigurationException => new NodeError(CqlErrorCode.ConfigError, ex.Message),
        ProtocolException => new NodeError(CqlErrorCode.ProtocolError, ex.Message),
        _ => new NodeError(CqlErrorCode.ServerError, $"java.lang.RuntimeException: {ex.GetType().Name}: {ex.Message}"),
    };
}
