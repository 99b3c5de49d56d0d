using System;

namespace Synced.Emulators.Cassandra.Execution;

/// <summary>
/// One partition a pending write touches: its token, its serialized key, the bytes written to it, and its key as
/// Cassandra prints it (made only when a limit's message names it).
/// </summary>
internal sealed class MutatedPartition
{
    private readonly Func<string> _text;
    private string? _keyText;

    public MutatedPartition(long token, byte[] key, long dataSize, Func<string> text)
    {
        Token = token;
        Key = key;
        DataSize = dataSize;
        _text = text;
    }

    public long Token { get; }
    public byte[] Key { get; }
    public long DataSize { get; }
    public string KeyText => _keyText ??= _text();

}
