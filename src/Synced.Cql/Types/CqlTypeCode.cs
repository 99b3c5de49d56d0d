namespace Synced.Cql.Types;

/// <summary>Type ids of an [option] (v4 section 4.2.5.2; Duration from v5, sent as a custom type in v4).</summary>
public enum CqlTypeCode : ushort
{
    Custom = 0x0000,
    Ascii = 0x0001,
    Bigint = 0x0002,
    Blob = 0x0003,
    Boolean = 0x0004,
    Counter = 0x0005,
    Decimal = 0x0006,
    Double = 0x0007,
    Float = 0x0008,
    Int = 0x0009,
    Timestamp = 0x000B,
    Uuid = 0x000C,
    /// <summary>text and varchar (one type under two names).</summary>
    Varchar = 0x000D,
    Varint = 0x000E,
    Timeuuid = 0x000F,
    Inet = 0x0010,
    Date = 0x0011,
    Time = 0x0012,
    Smallint = 0x0013,
    Tinyint = 0x0014,
    Duration = 0x0015,
    List = 0x0020,
    Map = 0x0021,
    Set = 0x0022,
    Udt = 0x0030,
    Tuple = 0x0031,

    /// <summary>
    /// Cassandra 5.0's <c>vector&lt;T, n&gt;</c>. Not a protocol type id: on the wire a vector is the custom type
    /// <c>org.apache.cassandra.db.marshal.VectorType(T,n)</c>; this code only tells it apart in this client.
    /// </summary>
    Vector = 0x0F00,
}
