using System;
using System.Collections.Generic;
using System.Linq;
using System.Net;

namespace Synced.Cql.Cluster;

/// <summary>Reads node descriptions from rows of system.local, system.peers and system.peers_v2.</summary>
internal static class NodeRows
{
    public static IPEndPoint? PeerEndPoint(CqlRow row, bool v2, int defaultPort)
    {
        var address = v2 ? Column<IPAddress>(row, "native_address") : Column<IPAddress>(row, "rpc_address");
        var peer = Column<IPAddress>(row, "peer");
        if (address == null || address.Equals(IPAddress.Any) || address.Equals(IPAddress.IPv6Any))
        {
            address = peer;
        }

        if (address == null)
        {
            return null;
        }

        var port = v2 && Column<object>(row, "native_port") is int nativePort ? nativePort : defaultPort;
        return new IPEndPoint(address, port);
    }

    public static void Describe(CqlHost host, CqlRow row)
    {
        host.DataCenter = Column<string>(row, "data_center") ?? host.DataCenter;
        host.Rack = Column<string>(row, "rack") ?? host.Rack;
        host.ReleaseVersion = Column<string>(row, "release_version") ?? host.ReleaseVersion;
        if (Column<object>(row, "host_id") is Guid id)
        {
            host.HostId = id;
        }

        if (Column<object>(row, "tokens") is IEnumerable<object?> tokens)
        {
            host.Tokens = tokens.OfType<string>().Select(t => long.Parse(t, System.Globalization.CultureInfo.InvariantCulture)).OrderBy(t => t).ToArray();
        }
    }

    public static T? Column<T>(CqlRow row, string name) where T : class
    {
        var index = -1;
        for (var i = 0; i < row.ColumnCount; i++)
        {
            if (row.Columns[i].Name == name)
            {
                index = i;
                break;
            }
        }

        return index < 0 ? null : row.GetValue(index) as T;
    }

    public static IReadOnlyDictionary<string, string> ToStringMap(object? value)
    {
        var map = new Dictionary<string, string>(StringComparer.Ordinal);
        if (value is IEnumerable<KeyValuePair<object?, object?>> pairs)
        {
            foreach (var pair in pairs)
            {
                if (pair.Key is string key && pair.Value is string text)
                {
                    map[key] = text;
                }
            }
        }

        return map;
    }
}
