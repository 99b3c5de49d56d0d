namespace Synced.Cql.Protocol;

/// <summary>Native protocol version numbers and the direction bit of the version byte.</summary>
internal static class ProtocolVersion
{
    /// <summary>Protocol v4, the only version this client speaks.</summary>
    public const byte V4 = 4;

    /// <summary>Protocol v5; a client may offer it first and a v4-only server rejects it.</summary>
    public const byte V5 = 5;

    /// <summary>Set in the version byte of every response frame.</summary>
    public const byte ResponseBit = 0x80;

    /// <summary>Mask giving the version number from the version byte.</summary>
    public const byte VersionMask = 0x7F;
}
