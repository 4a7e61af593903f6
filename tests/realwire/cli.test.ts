/**
 * The two commands as a person runs them: argument parsing (by hand, no dependency), the browser
 * opener (never a shell, never a non-http URL: C-51), and `npm run client` against a world server,
 * with its exit status and the rule it names when it refuses.
 */
import { spawn } from 'node:child_process';
import { mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseClientArgs, parseWorldArgs } from '../../src/realwire/args';
import { browserCommand, openInBrowser } from '../../src/realwire/browser';
import { importHar } from '../../src/sim/har';
import { stopServersAfterEach, world } from './helpers';

stopServersAfterEach();

describe('argument parsing', () => {
  it('world: every option, in both spellings', () => {
    const parsed = parseWorldArgs([
      '--port=0',
      '--seed',
      'demo',
      '--attack',
      'wrong-audience',
      '--vuln',
      'as-pkce-optional',
      '--vuln=as-code-reusable',
      '--auto-approve',
      '--token-lifetime',
      '60',
      '--har',
      'out.har',
      '--revision=2025-06-18',
      '--client-auth',
      'post',
    ]);
    expect(parsed).toEqual({
      ok: true,
      value: {
        revision: '2025-06-18',
        clientAuth: 'post',
        port: 0,
        seed: 'demo',
        attack: 'wrong-audience',
        vulnerabilities: ['as-pkce-optional', 'as-code-reusable'],
        autoApprove: true,
        strictDcr: false,
        tokenLifetime: 60,
        har: 'out.har',
        help: false,
      },
    });
  });

  it.each([
    [['--port', '70000'], '--port must be a whole number'],
    [['--port'], '--port needs a value'],
    [['--attack', 'nope'], 'unknown attack nope'],
    [['--vuln', 'nope'], 'unknown vulnerability nope'],
    [['--token-lifetime', '-5'], '--token-lifetime'],
    [['--bogus'], 'unknown option --bogus'],
    [['--auto-approve=yes'], 'takes no value'],
    [['extra'], 'unexpected argument extra'],
    // OAuth 2.1 §2.4.1: a server MUST accept the body, so Basic alone is no honest choice.
    [['--client-auth', 'basic'], 'unknown --client-auth basic; one of: both, post'],
  ])('world refuses %j', (argv, message) => {
    const parsed = parseWorldArgs(argv);
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) expect(parsed.message).toContain(message);
  });

  it('client: the URL, registration choices and a tool call', () => {
    const parsed = parseClientArgs([
      'http://127.0.0.1:8765/mcp',
      '--follow',
      '--client-id',
      'mcp-sim-desktop',
      '--call',
      'read_file',
      '--args',
      '{"path":"notes/plan.md"}',
    ]);
    expect(parsed).toMatchObject({
      ok: true,
      value: {
        serverUrl: 'http://127.0.0.1:8765/mcp',
        follow: true,
        clientId: 'mcp-sim-desktop',
        call: 'read_file',
        callArgs: { path: 'notes/plan.md' },
      },
    });
    expect(parseClientArgs([])).toMatchObject({ ok: false, message: 'the MCP server URL is missing' });
    expect(parseClientArgs(['u', '--args', '[1]'])).toMatchObject({ ok: false });
    expect(parseClientArgs(['u', '--client-secret', 's'])).toMatchObject({ ok: false });
  });

  it('client: the grant and the answer to elicitation', () => {
    expect(parseClientArgs(['u'])).toMatchObject({
      ok: true,
      value: { grant: 'authorization_code', elicitation: 'decline' },
    });
    expect(
      parseClientArgs([
        'u',
        '--grant',
        'client_credentials',
        '--client-id',
        'bot',
        '--client-secret',
        's',
        '--elicitation=accept',
      ]),
    ).toMatchObject({ ok: true, value: { grant: 'client_credentials', elicitation: 'accept' } });
    // OAuth 2.1 §4.2: client credentials only for a client with a secret.
    expect(parseClientArgs(['u', '--grant', 'client_credentials', '--client-id', 'bot'])).toMatchObject({
      ok: false,
    });
    expect(parseClientArgs(['u', '--grant', 'password'])).toMatchObject({ ok: false });
    expect(parseClientArgs(['u', '--elicitation', 'maybe'])).toMatchObject({ ok: false });
  });
});

describe('opening the browser (C-51)', () => {
  it('the URL is one argument of the platform opener, never a shell command line', () => {
    const url = 'https://auth.example.com/authorize?a=1&b=$(calc)&c=`id`;rm -rf';
    expect(browserCommand(url, 'linux')).toEqual(['xdg-open', [url]]);
    expect(browserCommand(url, 'darwin')).toEqual(['open', [url]]);
    expect(browserCommand(url, 'win32')).toEqual(['rundll32.exe', ['url.dll,FileProtocolHandler', url]]);
  });

  it.each(['javascript:alert(1)', 'file:///etc/passwd', 'http://10.0.0.5/authorize', 'data:text/html,x'])(
    'refuses to open %s',
    async (url) => {
      expect(await openInBrowser(url)).toBe(false);
    },
  );
});

function runCli(args: string[]): Promise<{ code: number | null; out: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/realwire/client.ts', ...args], {
      cwd: process.cwd(),
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr.on('data', (d: Buffer) => (out += d.toString()));
    const timer = setTimeout(() => child.kill('SIGKILL'), 20_000);
    child.on('exit', (code) => {
      clearTimeout(timer);
      resolve({ code, out });
    });
  });
}

describe('npm run client', () => {
  it('connects with --follow, prints each step, calls the tool, exits 0', async () => {
    const server = await world({ autoApprove: true });
    const { code, out } = await runCli([
      server.mcpUrl,
      '--follow',
      '--call',
      'read_file',
      '--args',
      '{"path":"notes/plan.md"}',
    ]);
    expect(out).toContain('Loopback callback listener: http://127.0.0.1:');
    expect(out).toContain('Authorization URL: ');
    expect(out).toContain('POST http://127.0.0.1');
    expect(out).toContain('Connected. # Q3 plan');
    expect(code).toBe(0);
  }, 30_000);

  it('--trace writes the run as a HAR (mode 600) that the app imports, a refusal included', async () => {
    const server = await world({ autoApprove: true });
    const dir = await mkdtemp(join(tmpdir(), 'trace-'));
    try {
      const file = join(dir, 'flow.har');
      const refused = await runCli([
        server.mcpUrl.replace('127.0.0.1', 'localhost'),
        '--follow',
        '--trace',
        file,
      ]);
      expect(refused.code).toBe(2);
      expect(refused.out).toMatch(/Trace: \d+ exchanges written to .*flow\.har/);
      expect((await stat(file)).mode & 0o777).toBe(0o600);
      const imported = await importHar(await readFile(file, 'utf8'));
      expect(imported.ok).toBe(true);
      if (!imported.ok) return;
      // The metadata names 127.0.0.1 but the client was given localhost: C-22, and the client stopped.
      const c22 = imported.value.summary.failed.find((r) => r.rule === 'C-22');
      expect(c22?.findings.map((f) => f.from)).toEqual(['mcp']);
      const stopped = imported.value.trace.flatMap((e) =>
        e.kind === 'response' ? (e.checks ?? []).filter((c) => c.label.startsWith('Stops when')) : [],
      );
      expect(stopped.map((c) => [c.rule, c.status])).toEqual([['C-22', 'pass']]);
      const unwritable = await runCli([server.mcpUrl, '--follow', '--trace', join(dir, 'missing', 'x.har')]);
      expect(unwritable.out).toContain('Could not write the trace');
      expect(unwritable.code).toBe(1);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  }, 40_000);

  it('a refusal names its rule and exits 2; bad usage exits 64', async () => {
    const server = await world({ autoApprove: true });
    const refused = await runCli([server.mcpUrl.replace('127.0.0.1', 'localhost'), '--follow']);
    expect(refused.out).toContain('REFUSED by rule C-22');
    expect(refused.code).toBe(2);
    const usage = await runCli(['--nope']);
    expect(usage.code).toBe(64);
    expect(usage.out).toContain('Usage: npm run client');
  }, 30_000);
});
