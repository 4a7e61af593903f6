/**
 * `--fault <id>`: a practice drill's fault served to real clients. The world takes the servers'
 * faults and the client its own, each refusing the other's with the command that takes it; --help
 * lists every fault of its side with its rule; and a fault given on the command line is the one the
 * world serves (the real client meets the same refusal the drill shows in the page).
 */
import { describe, expect, it } from 'vitest';
import { CLIENT_USAGE, parseClientArgs, parseWorldArgs, WORLD_USAGE } from '../../src/realwire/args';
import { runRealClient } from '../../src/realwire/realClient';
import { VULNERABILITIES } from '../../src/sim/attacks/vulnerabilities';
import { FAULT_IDS } from '../../src/sim/practice/faults';
import { stopServersAfterEach, world } from './helpers';

stopServersAfterEach();

/** The message of a refusal, or null when the arguments were accepted. */
const refusal = (parsed: { ok: true } | { ok: false; message: string }) =>
  parsed.ok ? null : parsed.message;

const clientSide = (id: (typeof FAULT_IDS)[number]) => VULNERABILITIES[id].party === 'client';

describe('--fault', () => {
  it('--help lists every fault on its own side, with the rule it breaks', () => {
    for (const id of FAULT_IDS) {
      const [usage, other] = clientSide(id) ? [CLIENT_USAGE, WORLD_USAGE] : [WORLD_USAGE, CLIENT_USAGE];
      expect(usage).toContain(`${id}`);
      expect(usage).toMatch(new RegExp(`${id} +${VULNERABILITIES[id].breaks}: `));
      expect(other).not.toMatch(new RegExp(`^  ${id} `, 'm'));
    }
  });

  it('the world takes a server fault, repeatable, next to --vuln', () => {
    expect(
      parseWorldArgs([
        '--fault',
        'as-iss-missing',
        '--fault=mcp-scope-challenge-bare',
        '--vuln',
        'as-code-reusable',
      ]),
    ).toMatchObject({
      ok: true,
      value: { vulnerabilities: ['as-code-reusable', 'as-iss-missing', 'mcp-scope-challenge-bare'] },
    });
    expect(refusal(parseWorldArgs(['--fault', 'client-step-up-refresh']))).toContain(
      'npm run client -- <url> --fault client-step-up-refresh',
    );
    expect(refusal(parseWorldArgs(['--fault', 'nope']))).toContain('unknown fault nope');
    // A lab vulnerability that is no drill's fault is --vuln's, not --fault's.
    expect(parseWorldArgs(['--fault', 'as-code-reusable'])).toMatchObject({ ok: false });
  });

  it('the client takes a client fault, and sends the server faults to the world', () => {
    expect(parseClientArgs(['u', '--fault', 'client-step-up-refresh'])).toMatchObject({
      ok: true,
      value: { vulnerabilities: ['client-step-up-refresh'] },
    });
    expect(refusal(parseClientArgs(['u', '--fault', 'as-iss-missing']))).toContain(
      'npm run world -- --fault as-iss-missing',
    );
  });

  it('served over the wire: the real client meets the fault the drill shows', async () => {
    const parsed = parseWorldArgs(['--fault', 'as-iss-missing', '--auto-approve']);
    if (!parsed.ok) throw new Error(parsed.message);
    const server = await world({ autoApprove: true, vulnerabilities: parsed.value.vulnerabilities });
    const result = await runRealClient({ serverUrl: server.mcpUrl, follow: true, callbackTimeoutMs: 5_000 });
    // RFC 9207 §2.4: promised iss, none came: the client discards the response (C-19).
    expect(result.outcome).toMatchObject({ kind: 'refused', rule: 'C-19' });
    const honest = await world({ autoApprove: true });
    const ok = await runRealClient({ serverUrl: honest.mcpUrl, follow: true, callbackTimeoutMs: 5_000 });
    expect(ok.outcome.kind).toBe('success');
  });
});
