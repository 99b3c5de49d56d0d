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
