using System.Collections.Generic;
using Synced.Cql.Protocol;

namespace Synced.Cql.Requests;

/// <summary>STARTUP with the CQL version and the driver's name.</summary>
internal sealed class StartupRequest : CqlRequest
{
    private static readonly KeyValuePair<string, string>[] Options =
    {
        new(StartupOptions.CqlVersion, StartupOptions.DefaultCqlVersion),
        new(StartupOptions.DriverName, "Synced.Cql"),
        new(StartupOptions.DriverVersion, typeof(StartupRequest).Assembly.GetName().Version?.ToString() ?? "0"),
    };

    public override Opcode Opcode => Opcode.Startup;

    public override void WriteBody(FrameWriter writer) => writer.WriteStringMap(Options);

    public override string Describe() => "STARTUP";
}
