using Synced.Cql.Protocol;

namespace Synced.Cql.Requests;

/// <summary>REGISTER for server events.</summary>
internal sealed class RegisterRequest : CqlRequest
{
    private readonly string[] _events;

    public RegisterRequest(params string[] events) => _events = events;

    public override Opcode Opcode => Opcode.Register;

    public override void WriteBody(FrameWriter writer) => writer.WriteStringList(_events);

    public override string Describe() => "REGISTER " + string.Join(",", _events);
}
