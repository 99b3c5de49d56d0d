using Synced.Cql.Protocol;

namespace Synced.Cql.Requests;

/// <summary>AUTH_RESPONSE carrying a SASL token.</summary>
internal sealed class AuthResponseRequest : CqlRequest
{
    private readonly byte[] _token;

    public AuthResponseRequest(byte[] token) => _token = token;

    public override Opcode Opcode => Opcode.AuthResponse;

    public override void WriteBody(FrameWriter writer) => writer.WriteBytes(_token);

    public override string Describe() => "AUTH_RESPONSE";
}
