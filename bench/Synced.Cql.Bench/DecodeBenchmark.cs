using System;
using System.Diagnostics;
using Synced.Cql.Protocol;
using Synced.Cql.Types;

namespace Synced.Cql.Bench;

/// <summary>Decodes pages of a typical sync table (uuid, timeuuid, text, bigint, timestamp, double) from bytes.</summary>
internal static class DecodeBenchmark
{
    private static readonly ColumnSpec[] Columns =
    {
        new("ks", "t", "id", CqlType.Uuid),
        new("ks", "t", "tmstmp", CqlType.Timeuuid),
        new("ks", "t", "name", CqlType.Text),
        new("ks", "t", "count", CqlType.Bigint),
        new("ks", "t", "at", CqlType.Timestamp),
        new("ks", "t", "score", CqlType.Double),
    };

    public static void Run(int totalRows)
    {
        const int pageSize = 5000;
        var body = BuildPage(pageSize);
        Console.WriteLine($"decode: pages of {pageSize} rows x {Columns.Length} columns, {body.Length / pageSize} bytes per row");
        Decode(body, 20, typed: true);
        Decode(body, 20, typed: false);

        var pages = Math.Max(1, totalRows / pageSize);
        var before = GC.GetAllocatedBytesForCurrentThread();
        var watch = Stopwatch.StartNew();
        var checksum = Decode(body, pages, typed: true);
        watch.Stop();
        Report.Rate("rows decoded (typed getters)", (long)pages * pageSize, watch, GC.GetAllocatedBytesForCurrentThread() - before);

        before = GC.GetAllocatedBytesForCurrentThread();
        watch.Restart();
        checksum += Decode(body, pages, typed: false);
        watch.Stop();
        Report.Rate("rows decoded (GetValue, boxed)", (long)pages * pageSize, watch, GC.GetAllocatedBytesForCurrentThread() - before);
        GC.KeepAlive(checksum);
    }

    private static long Decode(byte[] body, int pages, bool typed)
    {
        long checksum = 0;
        for (var p = 0; p < pages; p++)
        {
            var reader = new FrameReader(body);
            reader.ReadInt();
            var page = CqlRowSet.Read(ref reader, body, null);
            for (var i = 0; i < page.Count; i++)
            {
                var row = page[i];
                if (typed)
                {
                    checksum += row.GetGuid(0).GetHashCode() + row.GetGuid(1).GetHashCode() + row.GetString(2)!.Length
                                + row.GetInt64(3) + row.GetDateTimeOffset(4).Ticks + (long)row.GetDouble(5);
                }
                else
                {
                    for (var c = 0; c < row.ColumnCount; c++)
                    {
                        checksum += row.GetValue(c)!.GetHashCode();
                    }
                }
            }
        }

        return checksum;
    }

    private static byte[] BuildPage(int rows)
    {
        using var writer = new FrameWriter(rows * 100);
        writer.WriteInt((int)ResultKind.Rows);
        new RowsMetadata(Columns, Columns.Length, new byte[] { 1, 2, 3 }).WriteTo(writer, withPartitionKeyIndices: false);
        writer.WriteInt(rows);
        var start = new DateTimeOffset(2024, 1, 1, 0, 0, 0, TimeSpan.Zero);
        for (var i = 0; i < rows; i++)
        {
            writer.WriteValue(CqlType.Uuid, Guid.NewGuid());
            writer.WriteValue(CqlType.Timeuuid, TimeUuid.Create(start.AddSeconds(i)));
            writer.WriteValue(CqlType.Text, "entry name " + i);
            writer.WriteValue(CqlType.Bigint, (long)i * 7);
            writer.WriteValue(CqlType.Timestamp, start.AddMilliseconds(i));
            writer.WriteValue(CqlType.Double, i * 0.5);
        }

        return writer.ToArray();
    }
}
