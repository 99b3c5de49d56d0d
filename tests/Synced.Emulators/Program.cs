using Synced.Emulators;

// Hosts the emulators for the demo, the sandbox, the conformance checks and hand testing:
//   --cql-port N [--cql-user U --cql-password P] [--cql-nodes N | --cql-nodes dc1:2,dc2:1] [--cql-num-tokens N]
//       [--cassandra-version 4.1.5|5.0.2] [--cql-settings name=value,...]
//   --es-port N [--es-version V] [--es-distribution elasticsearch|opensearch] [--es-user U --es-password P]
//   --exit-on-stdin-close
// Port 0 picks a free port. Prints one "ready ..." line, then runs until Ctrl+C (SIGINT) or SIGTERM, whatever
// its stdin is (so `... < /dev/null &` keeps running); with --exit-on-stdin-close also until its stdin closes,
// which is how a parent process (build/Emulators.psm1, the tests) ties the emulators' life to its own.
// A requested stop exits 0. While it runs, stdin takes Cassandra commands (one per line, answered "ok ..." or
// "error: ..." on stdout):
//   cql stop <node>   cql start <node>   cql add [data-center]   cql remove <node>   (node = 1-based index or address)
//   cql set name=value[,name=value]    cql slow <keyspace> <table|*> <from-token> <to-token> [count]
//   cql clear-faults
return await EmulatorHost.RunAsync(args);
