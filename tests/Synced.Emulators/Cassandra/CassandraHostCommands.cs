using System;
using System.Globalization;
using System.Linq;
using System.Threading.Tasks;

namespace Synced.Emulators.Cassandra;

/// <summary>
/// The fault API of an emulator host for clients in other processes (the conformance checks): one command per
/// stdin line, answered with one line ("ok ..." or "error: ...").
/// </summary>
internal sealed class CassandraHostCommands
{
    private readonly CassandraEmulator _cluster;

    public CassandraHostCommands(CassandraEmulator cluster) { _cluster = cluster; }

    public async Task<string> RunAsync(string line)
    {
        var words = line.Trim().Split(' ', StringSplitOptions.RemoveEmptyEntries);
        try
        {
            if (words.Length < 2 || words[0] != "cql") return $"error: unknown command '{line.Trim()}' (commands start with 'cql')";
            switch (words[1])
            {
                case "stop" when words.Length == 3:
                    await Node(words[2]).StopAsync();
                    return $"ok stopped {Node(words[2]).EndPoint}";
                case "start" when words.Length == 3:
                    await Node(words[2]).StartAsync();
                    return $"ok started {Node(words[2]).EndPoint}";
                case "set" when words.Length == 3:
                    CassandraHostOptions.Apply(_cluster.Settings, words[2]);
                    return "ok set " + words[2];
                case "slow" when words.Length is 6 or 7:
                    _cluster.Faults.MakeTokenRangeSlow(words[2], words[3] == "*" ? null : words[3], Long(words[4]), Long(words[5]),
                        words.Length == 7 ? (int)Long(words[6]) : int.MaxValue);
                    return $"ok slow {words[2]}.{words[3]} [{words[4]}, {words[5]}]";
                case "add" when words.Length is 2 or 3:
                    var added = await _cluster.AddNodeAsync(words.Length == 3 ? words[2] : null);
                    return $"ok added {added.EndPoint}";
                case "remove" when words.Length == 3:
                    var removed = Node(words[2]);
                    await _cluster.RemoveNodeAsync(removed);
                    return $"ok removed {removed.EndPoint}";
                case "clear-faults" when words.Length == 2:
                    _cluster.Faults.Clear();
                    return "ok cleared";
                default:
                    return $"error: unknown or malformed command '{line.Trim()}'";
            }
        }
        catch (Exception ex) when (ex is ArgumentException or FormatException or OverflowException or InvalidOperationException or System.Net.Sockets.SocketException)
        {
            return "error: " + ex.Message;
        }
    }

    private EmulatedNode Node(string which)
    {
        if (int.TryParse(which, NumberStyles.None, CultureInfo.InvariantCulture, out var index) && index >= 1 && index <= _cluster.Nodes.Count)
            return _cluster.Nodes[index - 1];
        return _cluster.Nodes.FirstOrDefault(n => n.Address.ToString() == which)
            ?? throw new ArgumentException($"no node '{which}' (give 1 to {_cluster.Nodes.Count} or an address)");
    }

    private static long Long(string text) => long.Parse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture);
}
