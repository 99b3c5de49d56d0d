using System.Net;

namespace Synced.Cql.Protocol;

/// <summary>An EVENT pushed by the server on stream -1 to a connection that REGISTERed for it.</summary>
public sealed class ServerEvent
{
    private ServerEvent(string type, string? change, IPEndPoint? node, SchemaChange? schemaChange)
    {
        Type = type;
        Change = change;
        Node = node;
        SchemaChange = schemaChange;
    }

    /// <summary>TOPOLOGY_CHANGE, STATUS_CHANGE or SCHEMA_CHANGE (<see cref="EventType"/>).</summary>
    public string Type { get; }

    /// <summary>Topology: NEW_NODE / REMOVED_NODE; status: UP / DOWN. Null for schema changes.</summary>
    public string? Change { get; }

    /// <summary>The node concerned by a topology or status change.</summary>
    public IPEndPoint? Node { get; }

    /// <summary>The schema change of a SCHEMA_CHANGE event.</summary>
    public SchemaChange? SchemaChange { get; }

    internal static ServerEvent Topology(string change, IPEndPoint node) => new(EventType.TopologyChange, change, node, null);

    internal static ServerEvent Status(string change, IPEndPoint node) => new(EventType.StatusChange, change, node, null);

    internal static ServerEvent Schema(SchemaChange change) => new(EventType.SchemaChange, null, null, change);

    /// <summary>Reads an EVENT body.</summary>
    internal static ServerEvent Read(ref FrameReader reader)
    {
        var type = reader.ReadString();
        switch (type)
        {
            case EventType.TopologyChange:
            case EventType.StatusChange:
            {
                var change = reader.ReadString();
                return new ServerEvent(type, change, reader.ReadInet(), null);
            }

            case EventType.SchemaChange:
                return Schema(SchemaChange.Read(ref reader));
            default:
                throw new CqlProtocolException($"Unknown event type '{type}'.");
        }
    }

    /// <summary>Writes an EVENT body.</summary>
    internal void WriteTo(FrameWriter writer)
    {
        writer.WriteString(Type);
        if (SchemaChange != null)
        {
            SchemaChange.WriteTo(writer);
            return;
        }

        writer.WriteString(Change!);
        writer.WriteInet(Node!);
    }

    public override string ToString() => SchemaChange != null ? $"{Type} {SchemaChange}" : $"{Type} {Change} {Node}";
}
