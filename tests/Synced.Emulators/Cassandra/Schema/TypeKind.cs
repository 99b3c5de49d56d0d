namespace Synced.Emulators.Cassandra.Schema;

/// <summary>The kinds of CQL types the node stores; values are the protocol v4 [option] ids where one exists (Duration is 0x0015 only in v5).</summary>
internal enum TypeKind
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
    Text = 0x000D,
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
    /// <summary>vector&lt;type, n&gt; (Cassandra 5.0): no option id, sent as the Custom type VectorType(...).</summary>
    Vector = 0x10000,
}
