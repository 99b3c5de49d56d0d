using System;
using System.Diagnostics;
using System.Linq;
using System.Net.Http;
using System.Threading.Tasks;
using Synced.Cql;

namespace Synced.Run.Bench;

/// <summary>The emulator host in a process of its own (as real clusters are), with a CQL session and an HTTP client to seed it.</summary>
internal sealed class EmulatorHost : IAsyncDisposable
{
    private readonly Process _process;

    private EmulatorHost(Process process, string cassandraHost, int cassandraPort, Uri elasticsearch, CqlSession cql)
    {
        _process = process;
        CassandraHost = cassandraHost;
        CassandraPort = cassandraPort;
        ElasticsearchUri = elasticsearch;
        Cql = cql;
        Http = new HttpClient { BaseAddress = elasticsearch, Timeout = TimeSpan.FromMinutes(5) };
    }

    public string CassandraHost { get; }
    public int CassandraPort { get; }
    public Uri ElasticsearchUri { get; }
    public CqlSession Cql { get; }

    /// <summary>CPU time the emulator host process has used so far (its share of a run, apart from Synced's).</summary>
    public TimeSpan CpuTime
    {
        get
        {
            _process.Refresh();
            return _process.TotalProcessorTime;
        }
    }
    public HttpClient Http { get; }

    public static async Task<EmulatorHost> StartAsync(BenchOptions options, string? cassandraVersion = null)
    {
        var info = new ProcessStartInfo("dotnet") { RedirectStandardInput = true, RedirectStandardOutput = true, UseShellExecute = false };
        info.ArgumentList.Add(options.Emulator);
        foreach (var a in new[] { "--cql-port", "0", "--es-port", "0" }) info.ArgumentList.Add(a);
        if (cassandraVersion is not null)
        {
            info.ArgumentList.Add("--cassandra-version");
            info.ArgumentList.Add(cassandraVersion);
        }
        var process = Process.Start(info) ?? throw new InvalidOperationException("the emulator host did not start");
        var line = await process.StandardOutput.ReadLineAsync().WaitAsync(TimeSpan.FromSeconds(60));
        if (line is null || !line.StartsWith("ready ", StringComparison.Ordinal))
        {
            if (!process.HasExited) process.Kill(true);
            throw new InvalidOperationException($"the emulator host did not start ({string.Join(' ', info.ArgumentList)}): {line}");
        }
        var parts = line.Substring(6).Split(' ').Select(p => p.Split('=', 2)).ToDictionary(p => p[0], p => p[1]);
        var cql = parts["cql"].Split(':');
        var cluster = new CqlClusterOptions();
        cluster.ContactPoints.Add(parts["cql"]);
        var session = await CqlSession.ConnectAsync(cluster);
        return new EmulatorHost(process, cql[0], int.Parse(cql[1], System.Globalization.CultureInfo.InvariantCulture), new Uri(parts["es"]), session);
    }

    /// <summary>Rows the Cassandra emulator examined for a keyspace so far (its system_views.rows_examined), or null when it does not count them.</summary>
    public async Task<long?> RowsExaminedAsync(string keyspace)
    {
        try
        {
            long total = 0;
            await foreach (var row in Cql.QueryAsync("SELECT keyspace_name, rows_examined FROM system_views.rows_examined"))
                if (string.Equals(row.GetValue(0) as string, keyspace, StringComparison.Ordinal)) total += Convert.ToInt64(row.GetValue(1), System.Globalization.CultureInfo.InvariantCulture);
            return total;
        }
        catch (CqlException)
        {
            return null;
        }
    }

    public async ValueTask DisposeAsync()
    {
        await Cql.DisposeAsync();
        Http.Dispose();
        try
        {
            _process.StandardInput.Close();
            if (!_process.WaitForExit(5000)) _process.Kill(true);
        }
        catch (InvalidOperationException)
        {
        }
        _process.Dispose();
    }
}
