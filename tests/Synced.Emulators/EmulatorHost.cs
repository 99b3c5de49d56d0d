using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Runtime.InteropServices;
using System.Threading;
using System.Threading.Tasks;
using Synced.Emulators.Cassandra;
using Synced.Emulators.Elasticsearch;

namespace Synced.Emulators;

/// <summary>The emulators' command-line host: the arguments and stdin commands Program.cs lists.</summary>
internal static class EmulatorHost
{
    public static async Task<int> RunAsync(string[] args)
    {
        Dictionary<string, string> options;
        try
        {
            options = ParseArguments(args);
        }
        catch (ArgumentException ex)
        {
            Console.Error.WriteLine($"error: {ex.Message}");
            Console.Error.WriteLine("usage: Synced.Emulators [--cql-port N [--cql-user U --cql-password P] [--cql-nodes N|dc:n,...] [--cql-num-tokens N] [--cassandra-version V] [--cql-settings name=value,...]] [--es-port N [--es-version V] [--es-distribution elasticsearch|opensearch] [--es-user U --es-password P]] [--exit-on-stdin-close]");
            return 2;
        }

        using var stop = new CancellationTokenSource();
        // Ctrl+C and SIGTERM (kill, systemd, docker stop) stop the host cleanly: the emulators are disposed
        // and the exit code is 0. Cancelling the signal's default action keeps the runtime from exiting first.
        Console.CancelKeyPress += (_, e) => { e.Cancel = true; stop.Cancel(); };
        using var sigterm = RegisterStopSignal(PosixSignal.SIGTERM, stop);
        var exitOnStdinClose = options.ContainsKey(ExitOnStdinClose);

        CassandraEmulator? cassandra = null;
        ElasticsearchEmulator? elasticsearch = null;
        try
        {
            var ready = new List<string>();
            if (options.TryGetValue("cql-port", out var cqlPort))
            {
                CassandraEmulatorOptions cqlOptions;
                try
                {
                    cqlOptions = CassandraHostOptions.Parse(options, ParsePort("cql-port", cqlPort));
                }
                catch (ArgumentException ex)
                {
                    Console.Error.WriteLine($"error: {ex.Message}");
                    return 2;
                }
                cassandra = await CassandraEmulator.StartAsync(cqlOptions, stop.Token);
                ready.Add($"cql={cassandra.EndPoint}");
                if (cassandra.Nodes.Count > 1) ready.Add("cql-nodes=" + string.Join(",", cassandra.Nodes.Select(n => n.EndPoint.ToString())));
            }
            if (options.TryGetValue("es-port", out var esPort))
            {
                var esOptions = new ElasticsearchEmulatorOptions
                {
                    Port = ParsePort("es-port", esPort),
                    User = options.GetValueOrDefault("es-user"),
                    Password = options.GetValueOrDefault("es-password"),
                };
                if (options.TryGetValue("es-version", out var version)) esOptions.Version = version;
                if (options.TryGetValue("es-distribution", out var distribution)) esOptions.Distribution = distribution;
                elasticsearch = await ElasticsearchEmulator.StartAsync(esOptions, stop.Token);
                ready.Add($"es={elasticsearch.Uri.GetLeftPart(UriPartial.Authority)}");
            }
            if (ready.Count == 0)
            {
                Console.Error.WriteLine("error: nothing to start; give --cql-port and/or --es-port");
                return 2;
            }

            Console.WriteLine("ready " + string.Join(" ", ready));
            Console.Out.Flush();

            var stopped = Task.Delay(Timeout.Infinite, stop.Token).ContinueWith(_ => { }, TaskScheduler.Default);
            // Lines on stdin are commands; when stdin closes, the host stops only if asked to (the parent holds
            // our stdin with --exit-on-stdin-close: when it closes it, or dies, we stop).
            var commands = cassandra is null ? null : new CassandraHostCommands(cassandra);
            var stdinClosed = Task.Run(async () =>
            {
                string? line;
                while ((line = Console.In.ReadLine()) is not null)
                {
                    if (commands is null || line.Trim().Length == 0) continue;
                    Console.WriteLine(await commands.RunAsync(line));
                    Console.Out.Flush();
                }
            });
            if (exitOnStdinClose) await Task.WhenAny(stdinClosed, stopped);
            else await stopped;
            return 0;
        }
        finally
        {
            if (elasticsearch is not null) await elasticsearch.DisposeAsync();
            if (cassandra is not null) await cassandra.DisposeAsync();
        }
    }

    private const string ExitOnStdinClose = "exit-on-stdin-close";

    private static PosixSignalRegistration? RegisterStopSignal(PosixSignal signal, CancellationTokenSource stop)
    {
        try
        {
            return PosixSignalRegistration.Create(signal, context => { context.Cancel = true; stop.Cancel(); });
        }
        catch (PlatformNotSupportedException)
        {
            return null; // Ctrl+C still stops the host there.
        }
    }

    private static Dictionary<string, string> ParseArguments(string[] args)
    {
        var known = new HashSet<string>
        {
            "cql-port", "cql-user", "cql-password", "cql-nodes", "cql-num-tokens", "cassandra-version", "cql-settings",
            "es-port", "es-version", "es-distribution", "es-user", "es-password",
        };
        var flags = new HashSet<string> { ExitOnStdinClose };
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 0; i < args.Length; i++)
        {
            var arg = args[i];
            if (arg.StartsWith("--", StringComparison.Ordinal) && flags.Contains(arg.Substring(2)))
            {
                result[arg.Substring(2)] = "true";
                continue;
            }
            if (!arg.StartsWith("--", StringComparison.Ordinal) || !known.Contains(arg.Substring(2)))
                throw new ArgumentException($"unknown argument '{arg}'");
            if (i + 1 >= args.Length)
                throw new ArgumentException($"'{arg}' needs a value");
            result[arg.Substring(2)] = args[++i];
        }
        if (result.ContainsKey("cql-user") != result.ContainsKey("cql-password"))
            throw new ArgumentException("--cql-user and --cql-password go together");
        if (result.ContainsKey("es-user") != result.ContainsKey("es-password"))
            throw new ArgumentException("--es-user and --es-password go together");
        if (result.TryGetValue("es-distribution", out var distribution) && distribution is not ("elasticsearch" or "opensearch"))
            throw new ArgumentException($"--es-distribution is elasticsearch or opensearch, not '{distribution}'");
        foreach (var port in new[] { "cql-port", "es-port" })
            if (result.TryGetValue(port, out var value)) ParsePort(port, value);
        return result;
    }

    private static int ParsePort(string name, string value)
    {
        if (!int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var port) || port > 65535)
            throw new ArgumentException($"--{name} must be a port number from 0 to 65535, not '{value}'");
        return port;
    }
}
