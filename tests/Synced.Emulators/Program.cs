using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Synced.Emulators;
using Synced.Emulators.Cassandra;
using Synced.Emulators.Elasticsearch;

// Hosts the emulators for the demo, the conformance checks and hand testing:
//   --cql-port N [--cql-user U --cql-password P] [--cql-nodes N | --cql-nodes dc1:2,dc2:1] [--cql-num-tokens N]
//       [--cassandra-version 4.1.5|5.0.2] [--cql-settings name=value,...]
//   --es-port N [--es-version V] [--es-user U --es-password P]
// Port 0 picks a free port. Prints one "ready ..." line, then runs until stdin closes or Ctrl+C. While it runs,
// stdin takes Cassandra commands (one per line, answered "ok ..." or "error: ..." on stdout):
//   cql stop <node>   cql start <node>   cql add [data-center]   cql remove <node>   (node = 1-based index or address)
//   cql set name=value[,name=value]    cql slow <keyspace> <table|*> <from-token> <to-token> [count]
//   cql clear-faults
return await EmulatorHost.RunAsync(args);

namespace Synced.Emulators
{
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
                Console.Error.WriteLine("usage: Synced.Emulators [--cql-port N [--cql-user U --cql-password P] [--cql-nodes N|dc:n,...] [--cql-num-tokens N] [--cassandra-version V] [--cql-settings name=value,...]] [--es-port N [--es-version V] [--es-user U --es-password P]]");
                return 2;
            }

            using var stop = new CancellationTokenSource();
            Console.CancelKeyPress += (_, e) => { e.Cancel = true; stop.Cancel(); };

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

                // Runs until stdin closes (the parent went away) or Ctrl+C; lines on stdin are commands.
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
                await Task.WhenAny(stdinClosed, Task.Delay(Timeout.Infinite, stop.Token).ContinueWith(_ => { }));
                return 0;
            }
            finally
            {
                if (elasticsearch is not null) await elasticsearch.DisposeAsync();
                if (cassandra is not null) await cassandra.DisposeAsync();
            }
        }

        private static Dictionary<string, string> ParseArguments(string[] args)
        {
            var known = new HashSet<string>
            {
                "cql-port", "cql-user", "cql-password", "cql-nodes", "cql-num-tokens", "cassandra-version", "cql-settings",
                "es-port", "es-version", "es-user", "es-password",
            };
            var result = new Dictionary<string, string>(StringComparer.Ordinal);
            for (var i = 0; i < args.Length; i++)
            {
                var arg = args[i];
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
}
