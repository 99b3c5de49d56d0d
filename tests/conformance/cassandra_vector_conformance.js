#!/usr/bin/env node
// Conformance of the Synced Cassandra emulator's Cassandra 5.0 vector type with a real driver that knows it: the
// DataStax Node.js driver (npm cassandra-driver 4.7+; the Python driver 3.25 does not know vectors).
//
//   node tests/conformance/cassandra_vector_conformance.js --emulator-dll tests/Synced.Emulators/bin/Release/net10.0/Synced.Emulators.dll
//       [--driver-path out/node-conformance/node_modules/cassandra-driver]
//
// Starts its own emulator in 5.0 mode (--cassandra-version 5.0.2) and reports like Python's unittest
// ("Ran N tests", then "OK" or "FAILED (failures=N)"), which build.ps1 reads.
'use strict';

const assert = require('assert');
const { spawn } = require('child_process');
const path = require('path');
const readline = require('readline');

const args = {};
for (let i = 2; i < process.argv.length; i += 2) args[process.argv[i].replace(/^--/, '')] = process.argv[i + 1];
if (!args['emulator-dll']) {
  console.error('usage: cassandra_vector_conformance.js --emulator-dll <Synced.Emulators.dll> [--driver-path <cassandra-driver folder>]');
  process.exit(2);
}
const cassandra = require(args['driver-path'] ? path.resolve(args['driver-path']) : 'cassandra-driver');
const { types } = cassandra;

function startEmulator() {
  return new Promise((resolve, reject) => {
    const child = spawn('dotnet', [args['emulator-dll'], '--exit-on-stdin-close', '--cql-port', '0', '--cassandra-version', '5.0.2'], { stdio: ['pipe', 'pipe', 'inherit'] });
    const lines = readline.createInterface({ input: child.stdout });
    const timer = setTimeout(() => reject(new Error('the emulator did not start within 60 s')), 60000);
    lines.once('line', (line) => {
      clearTimeout(timer);
      const match = /^ready cql=([\d.]+):(\d+)/.exec(line);
      if (!match) return reject(new Error('unexpected first line from the emulator: ' + line));
      resolve({ child, host: match[1], port: Number(match[2]) });
    });
    child.once('exit', (code) => reject(new Error('the emulator exited with ' + code)));
  });
}

const tests = [];
function test(name, body) { tests.push({ name, body }); }

function floats(vector) { return Array.from(vector, (x) => Number(x)); }

test('the driver sees a Cassandra 5.0 node', async (client) => {
  const row = (await client.execute('SELECT release_version FROM system.local')).first();
  assert.ok(row.release_version.startsWith('5.0.'), row.release_version);
});

test('a vector<float, 3> column round-trips through prepared statements as a Float32 vector', async (client) => {
  await client.execute('CREATE TABLE vec.floats (k int PRIMARY KEY, v vector<float, 3>)');
  const value = new types.Vector(new Float32Array([1.5, -2, 3.25]), 'float');
  await client.execute('INSERT INTO vec.floats (k, v) VALUES (?, ?)', [1, value], { prepare: true });
  const row = (await client.execute('SELECT v FROM vec.floats WHERE k = ?', [1], { prepare: true })).first();
  assert.ok(row.v instanceof types.Vector, 'not a Vector: ' + typeof row.v);
  assert.deepStrictEqual(floats(row.v), [1.5, -2, 3.25]);
});

test('a vector literal in CQL text reads back as the same floats', async (client) => {
  await client.execute('CREATE TABLE vec.literals (k int PRIMARY KEY, v vector<float, 4>)');
  await client.execute('INSERT INTO vec.literals (k, v) VALUES (7, [0.5, 1, -1.25, 1e3])');
  const row = (await client.execute('SELECT v FROM vec.literals WHERE k = 7')).first();
  assert.deepStrictEqual(floats(row.v), [0.5, 1, -1.25, 1000]);
});

test('the table metadata describes the column as a vector of its element type and dimension', async (client) => {
  await client.execute('CREATE TABLE vec.described (k int PRIMARY KEY, v vector<float, 5>)');
  const table = await client.metadata.getTable('vec', 'described');
  const column = table.columns.find((c) => c.name === 'v');
  const info = column.type.info;
  assert.strictEqual(info[1], 5);
  assert.strictEqual(info[0].code, types.dataTypes.float);
  const text = (await client.execute("SELECT type FROM system_schema.columns WHERE keyspace_name = 'vec' AND table_name = 'described' AND column_name = 'v'")).first();
  assert.strictEqual(text.type, 'vector<float, 5>');
});

test('a vector of a variable-length type carries a length before each element', async (client) => {
  await client.execute('CREATE TABLE vec.words (k int PRIMARY KEY, v vector<text, 2>)');
  await client.execute('INSERT INTO vec.words (k, v) VALUES (?, ?)', [1, new types.Vector(['alpha', 'beta'], 'text')], { prepare: true });
  await client.execute("INSERT INTO vec.words (k, v) VALUES (2, ['gamma', 'δέλτα'])");
  const rows = (await client.execute('SELECT k, v FROM vec.words WHERE k IN (1, 2)')).rows;
  assert.deepStrictEqual(rows.map((r) => Array.from(r.v)), [['alpha', 'beta'], ['gamma', 'δέλτα']]);
});

test('a vector of the wrong dimension is refused by the node', async (client) => {
  await client.execute('CREATE TABLE vec.strict (k int PRIMARY KEY, v vector<float, 3>)');
  await assert.rejects(client.execute('INSERT INTO vec.strict (k, v) VALUES (1, [1.0, 2.0])'),
    (err) => err instanceof cassandra.errors.ResponseError && err.code === types.responseErrorCodes.invalid && /expected 3 elements, but given 2/.test(err.message));
});

async function main() {
  const emulator = await startEmulator();
  const client = new cassandra.Client({ contactPoints: [emulator.host], protocolOptions: { port: emulator.port }, localDataCenter: 'datacenter1' });
  let failures = 0;
  const started = Date.now();
  try {
    await client.connect();
    await client.execute("CREATE KEYSPACE vec WITH replication = {'class': 'SimpleStrategy', 'replication_factor': 1}");
    for (const t of tests) {
      try {
        await t.body(client);
        console.log(`${t.name} ... ok`);
      } catch (err) {
        failures++;
        console.log(`${t.name} ... FAIL`);
        console.log('FAIL: ' + t.name + '\n' + (err && err.stack || err));
      }
    }
  } finally {
    await client.shutdown();
    emulator.child.stdin.end();
  }
  console.log('----------------------------------------------------------------------');
  console.log(`Ran ${tests.length} tests in ${((Date.now() - started) / 1000).toFixed(3)}s`);
  console.log(failures === 0 ? 'OK' : `FAILED (failures=${failures})`);
  process.exitCode = failures === 0 ? 0 : 1;
}

main().catch((err) => {
  console.log('ERROR: ' + (err && err.stack || err));
  console.log('Ran 0 tests');
  console.log('FAILED (errors=1)');
  process.exitCode = 1;
});
