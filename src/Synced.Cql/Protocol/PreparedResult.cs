namespace Synced.Cql.Protocol;

/// <summary>The body of a Prepared result after its kind: statement id, bind-variable metadata, result metadata.</summary>
internal sealed class PreparedResult
{
    public PreparedResult(byte[] id, RowsMetadata variables, RowsMetadata resultMetadata)
    {
        Id = id;
        Variables = variables;
        ResultMetadata = resultMetadata;
    }

    /// <summary>The id to EXECUTE (an MD5 of the query text in Cassandra).</summary>
    public byte[] Id { get; }

    /// <summary>Bind variables, with the partition key indices.</summary>
    public RowsMetadata Variables { get; }

    /// <summary>Columns of the rows the statement returns (none for writes).</summary>
    public RowsMetadata ResultMetadata { get; }

    public static PreparedResult Read(ref FrameReader reader)
    {
        var id = reader.ReadShortBytes();
        var variables = RowsMetadata.Read(ref reader, withPartitionKeyIndices: true);
        var result = RowsMetadata.Read(ref reader, withPartitionKeyIndices: false);
        return new PreparedResult(id, variables, result);
    }

    /// <summary>Writes the whole RESULT body, kind included.</summary>
    public void WriteTo(FrameWriter writer)
    {
        writer.WriteInt((int)ResultKind.Prepared);
        writer.WriteShortBytes(Id);
        Variables.WriteTo(writer, withPartitionKeyIndices: true);
        ResultMetadata.WriteTo(writer, withPartitionKeyIndices: false);
    }
}
