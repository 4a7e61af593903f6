/**
 * A named vulnerability must switch something off: a client's names the client check it disables
 * (the compiler requires it), a server's is consulted with world.isVulnerable at the place its rule
 * is enforced (checked here in the sources), so a new one cannot silently do nothing.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { VULNERABILITIES, VULNERABILITY_IDS } from '../src/sim/attacks/vulnerabilities';
import type { VulnerabilityDef } from '../src/sim/attacks/vulnerabilities';
import { ALL_CHECKS } from '../src/sim/client/types';
import { clientChecks } from '../src/sim/flow/simulation';

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sources(path);
    return /\.tsx?$/.test(name) && !name.endsWith('.test.ts') ? [path] : [];
  });
}

describe('named vulnerabilities', () => {
  it('a client vulnerability without the check it switches off does not compile', () => {
    // @ts-expect-error: a client vulnerability must name its check.
    const unnamed: VulnerabilityDef = { party: 'client', breaks: 'C-26', title: 'does nothing' };
    expect(unnamed.party).toBe('client');
  });

  it('each client vulnerability switches off exactly its check', () => {
    for (const id of VULNERABILITY_IDS) {
      const def: { party: string; check?: keyof typeof ALL_CHECKS } = VULNERABILITIES[id];
      const off = Object.entries(clientChecks([id]))
        .filter(([, on]) => !on)
        .map(([name]) => name);
      expect(off, id).toEqual(def.check ? [def.check] : []);
    }
  });

  it('each server vulnerability is consulted where its rule is enforced', () => {
    const code = sources('src/sim')
      .filter((path) => !path.endsWith('vulnerabilities.ts'))
      .map((path) => readFileSync(path, 'utf8'))
      .join('\n');
    const unused = VULNERABILITY_IDS.filter(
      (id) => VULNERABILITIES[id].party !== 'client' && !code.includes(`isVulnerable('${id}')`),
    );
    expect(unused).toEqual([]);
  });
});
