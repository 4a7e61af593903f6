/**
 * Mixed eras, table-driven: every client (one per revision, and the dual-era client that `npm run
 * client` is) against the servers of every revision, with Dynamic Client Registration and with a
 * pre-registered client. Each cell says whether the first connection completes and, where it does
 * not, the message that shows the break: its step, the rule it names, what it says. The runs
 * decide; this table is what they must keep deciding.
 */
import { describe, expect, it } from 'vitest';
import { REVISIONS } from '../../src/sim/revisions/ids';
import type { Revision } from '../../src/sim/revisions/ids';
import { mixedEraMatrix } from '../../src/sim/revisions/mixed';
import type { ClientKind } from '../../src/sim/revisions/profile';

/** `shows`: what the screen gives as the evidence (the failed check, or the error answer the note follows). */
type Expected = 'completes' | { step: string; rule: string; says: RegExp; shows: RegExp | undefined };

/** The 2025-03-26 client looks for the authorization server at the MCP server's origin: nothing there. */
const NOTHING_AT_THE_ORIGIN: Expected = {
  step: 'choose-registration:note',
  rule: 'C-08',
  says: /^Registration refused: HTTP 404$/,
  shows: /^404 to POST https:\/\/mcp\.example\.com\/register$/,
};
/** SEP-837: a client before 2026-07-28 sends no application_type, which OIDC takes as "web". */
const NO_APPLICATION_TYPE: Expected = {
  step: 'choose-registration:note',
  rule: 'C-08',
  says: /^Registration refused: invalid_redirect_uri$/,
  shows: /^400 to POST https:\/\/auth\.example\.com\/register: invalid_redirect_uri \(a "web" client/,
};
/** A 2026-07-28 client without initialize meets a server that knows only initialize (versioning.mdx: Modern/Legacy fails). */
const NO_INITIALIZE: Expected = {
  step: 'mcp-request:response',
  rule: 'S-40',
  says: /^400 to POST https:\/\/mcp\.example\.com\/mcp: -32602/,
  shows: undefined,
};
/** No protected resource metadata for a client that speaks only 2026-07-28. */
const NO_RESOURCE_METADATA: Expected = {
  step: 'validate-prm:note',
  rule: 'C-03',
  says: /^Metadata refused: Metadata found$/,
  shows: /^Metadata found: no protected resource metadata at any well-known URL$/,
};

const DCR: Record<ClientKind, Record<Revision, Expected>> = {
  '2025-03-26': {
    '2025-03-26': 'completes',
    '2025-06-18': NOTHING_AT_THE_ORIGIN,
    '2025-11-25': NOTHING_AT_THE_ORIGIN,
    '2026-07-28': NOTHING_AT_THE_ORIGIN,
  },
  // A client of 2025-06-18 also speaks 2025-03-26, so it negotiates down to that server's discovery.
  '2025-06-18': {
    '2025-03-26': 'completes',
    '2025-06-18': 'completes',
    '2025-11-25': 'completes',
    '2026-07-28': NO_APPLICATION_TYPE,
  },
  '2025-11-25': {
    '2025-03-26': 'completes',
    '2025-06-18': 'completes',
    '2025-11-25': 'completes',
    '2026-07-28': NO_APPLICATION_TYPE,
  },
  '2026-07-28': {
    '2025-03-26': NO_RESOURCE_METADATA,
    '2025-06-18': NO_INITIALIZE,
    '2025-11-25': NO_INITIALIZE,
    '2026-07-28': 'completes',
  },
  'dual-era': {
    '2025-03-26': 'completes',
    '2025-06-18': 'completes',
    '2025-11-25': 'completes',
    '2026-07-28': 'completes',
  },
};

/** Pre-registered: no registration request, so SEP-837 does not bite; the rest is the same. */
const PREREGISTERED: Record<ClientKind, Record<Revision, Expected>> = {
  ...DCR,
  '2025-06-18': { ...DCR['2025-06-18'], '2026-07-28': 'completes' },
  '2025-11-25': { ...DCR['2025-11-25'], '2026-07-28': 'completes' },
};

for (const [registration, table] of [
  ['dcr', DCR],
  ['preregistered', PREREGISTERED],
] as const) {
  describe(`mixed eras with ${registration}`, () => {
    it('every client against every server', async () => {
      const runs = await mixedEraMatrix(registration);
      expect(runs).toHaveLength(Object.keys(table).length * REVISIONS.length);
      for (const run of runs) {
        const expected = table[run.client][run.server];
        const cell = `client ${run.client}, servers ${run.server}`;
        if (expected === 'completes') {
          expect(run.outcome.kind, cell).toBe('success');
          expect(run.breaks, cell).toBeUndefined();
        } else {
          expect(run.outcome.kind, cell).not.toBe('success');
          expect(`${run.breaks?.stepId}:${run.breaks?.part}`, cell).toBe(expected.step);
          expect(run.breaks?.rule, cell).toBe(expected.rule);
          expect(run.breaks?.what, cell).toMatch(expected.says);
          if (expected.shows) expect(run.breaks?.evidence, cell).toMatch(expected.shows);
          else expect(run.breaks?.evidence, cell).toBeUndefined();
          // The break is a message the run really shows.
          expect(run.trace[run.breaks?.seq ?? -1]?.stepId, cell).toBe(run.breaks?.stepId);
        }
      }
    });
  });
}

describe('where the 2025-03-26 client loses its way', () => {
  it('its metadata request at the origin gets 404 from a later server, before registration fails', async () => {
    const [run] = (await mixedEraMatrix('dcr')).filter(
      (r) => r.client === '2025-03-26' && r.server === '2025-06-18',
    );
    const meta = run?.trace.find((e) => e.kind === 'response' && e.stepId === 'as-metadata');
    expect(meta?.kind === 'response' && meta.request.url).toBe(
      'https://mcp.example.com/.well-known/oauth-authorization-server',
    );
    expect(meta?.kind === 'response' && meta.response?.status).toBe(404);
  });
});
