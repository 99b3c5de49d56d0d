using System;
using System.IO;
using Synced.Emulators.Cassandra.Protocol;

namespace Synced.Emulators.Cassandra.Execution;

/// <summary>
/// Where a paged query stopped: the last returned row's partition key and clustering, and how many rows were
/// returned so far (for LIMIT). Opaque to clients.
/// </summary>
internal sealed class PagingState
{
    private const int Magic = 0x5343_5002;

    public PagingState(byte[] partitionKey, byte[][]? clustering, int returned, int returnedInPartition)
    {
        PartitionKey = partitionKey;
        Clustering = clustering;
        Returned = returned;
        ReturnedInPartition = returnedInPartition;
    }

    public byte[] PartitionKey { get; }
    /// <summary>Null when the whole partition was returned (static-only row, DISTINCT).</summary>
    public byte[][]? Clustering { get; }
    public int Returned { get; }
    /// <summary>Rows returned so far from the last partition (for PER PARTITION LIMIT).</summary>
    public int ReturnedInPartition { get; }

    public byte[] Serialize()
    {
        using var ms = new MemoryStream();
        using var w = new BinaryWriter(ms);
        w.Write(Magic);
        w.Write(Returned);
        w.Write(ReturnedInPartition);
        w.Write(PartitionKey.Length);
        w.Write(PartitionKey);
        w.Write(Clustering?.Length ?? -1);
        if (Clustering is not null)
            foreach (var c in Clustering)
            {
                w.Write(c.Length);
                w.Write(c);
            }
        w.Flush();
        return ms.ToArray();
    }

    public static PagingState Parse(byte[] bytes)
    {
        try
        {
            using var r = new BinaryReader(new MemoryStream(bytes));
            if (r.ReadInt32() != Magic) throw new InvalidDataException();
            var returned = r.ReadInt32();
            var returnedInPartition = r.ReadInt32();
            var key = r.ReadBytes(r.ReadInt32());
            var n = r.ReadInt32();
            byte[][]? clustering = null;
            if (n >= 0)
            {
                clustering = new byte[n][];
                for (var i = 0; i < n; i++) clustering[i] = r.ReadBytes(r.ReadInt32());
            }
            return new PagingState(key, clustering, returned, returnedInPartition);
        }
        catch (Exception ex) when (ex is EndOfStreamException or InvalidDataException or ArgumentException)
        {
            throw new ProtocolException("Invalid value for the paging state");
        }
    }
}
