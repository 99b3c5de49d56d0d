using System.Collections.Generic;
using Synced.Cql.Protocol;

namespace Synced.Cql.Requests;

/// <summary>OPTIONS: asks which options the node supports; also the heartbeat.</summary>
internal sealed class OptionsRequest : CqlRequest
{
    public static readonly OptionsRequest Instance = new();

    public override Opcode Opcode => Opcode.Options;

    public override void WriteBody(FrameWriter writer)
    {
    }

    public override string Describe() => "OPTIONS";
}

/// <summary>STARTUP with the CQL version and the driver's name.</summary>
internal sealed class StartupRequest : CqlRequest
{
    private static readonly KeyValuePair<string, string>[] Options =
    {
        new(StartupOptions.CqlVersion, StartupOptions.DefaultCqlVersion),
        new(StartupOptions.DriverName, "Synced.Cql"),
        new(StartupOptions.DriverVersion, typeof(StartupRequest).Assembly.GetName().Version?.ToString() ?? "0"),
    };

    public override Opcode Opcode => Opcode.Startup;

    public override void WriteBody(FrameWriter writer) => writer.WriteStringMap(Options);

    public override string Describe() => "STARTUP";
}

/// <summary>AUTH_RESPONSE carrying a SASL token.</summary>
internal sealed class AuthResponseRequest : CqlRequest
{
    private readonly byte[] _token;

    public AuthResponseRequest(byte[] token) => _token = token;

    public override Opcode Opcode => Opcode.AuthResponse;

    public override void WriteBody(FrameWriter writer) => writer.WriteBytes(_token);

    public override string Describe() => "AUTH_RESPONSE";
}

/// <summary>REGISTER for server events.</summary>
internal sealed class RegisterRequest : CqlRequest
{
    private readonly string[] _events;

    public RegisterRequest(params string[] events) => _events = events;

    public override Opcode Opcode => Opcode.Register;

    public override void WriteBody(FrameWriter writer) => writer.WriteStringList(_events);

    public override string Describe() => "REGISTER " + string.Join(",", _events);
}

/// <summary>PREPARE of a query text.</summary>
internal sealed class PrepareRequest : CqlRequest
{
    public PrepareRequest(string query) => Query = query;

    public string Query { get; }

    public override Opcode Opcode => Opcode.Prepare;

    public override void WriteBody(FrameWriter writer) => writer.WriteLongString(Query);

    public override string Describe() => "PREPARE " + Query;
}

/// <summary>QUERY: text plus parameters.</summary>
internal sealed class QueryRequest : CqlRequest
{
    private readonly bool _tracing;

    public QueryRequest(string query, QueryParameters parameters, bool tracing = false)
    {
        Query = query;
        Parameters = parameters;
        _tracing = tracing;
    }

    public string Query { get; }

    public QueryParameters Parameters { get; }

    public override Opcode Opcode => Opcode.Query;

    public override FrameFlags Flags => _tracing ? FrameFlags.Tracing : FrameFlags.None;

    public override void WriteBody(FrameWriter writer)
    {
        writer.WriteLongString(Query);
        Parameters.WriteTo(writer);
    }

    public override string Describe() => Query;
}

/// <summary>EXECUTE of a prepared id plus parameters.</summary>
internal sealed class ExecuteRequest : CqlRequest
{
    private readonly bool _tracing;

    public ExecuteRequest(byte[] id, string query, QueryParameters parameters, bool tracing = false)
    {
        Id = id;
        Query = query;
        Parameters = parameters;
        _tracing = tracing;
    }

    public byte[] Id { get; set; }

    public string Query { get; }

    public QueryParameters Parameters { get; }

    public override Opcode Opcode => Opcode.Execute;

    public override FrameFlags Flags => _tracing ? FrameFlags.Tracing : FrameFlags.None;

    public override void WriteBody(FrameWriter writer)
    {
        writer.WriteShortBytes(Id);
        Parameters.WriteTo(writer);
    }

    public override string Describe() => "EXECUTE " + Query;
}

/// <summary>BATCH of statements.</summary>
internal sealed class BatchMessage : CqlRequest
{
    private readonly bool _tracing;

    public BatchMessage(BatchRequest batch, string description, bool tracing = false)
    {
        Batch = batch;
        Description = description;
        _tracing = tracing;
    }

    public BatchRequest Batch { get; }

    public string Description { get; }

    public override Opcode Opcode => Opcode.Batch;

    public override FrameFlags Flags => _tracing ? FrameFlags.Tracing : FrameFlags.None;

    public override void WriteBody(FrameWriter writer) => Batch.WriteTo(writer);

    public override string Describe() => Description;
}
