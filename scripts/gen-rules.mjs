// Generates src/sim/rules.ts from the tables in docs/reference/mcp-authorization.md (section 3),
// so the rule texts the app shows are the reference page's own words. Run: npm run gen:rules
import { readFileSync, writeFileSync } from 'node:fs';

const spec = readFileSync(new URL('../docs/reference/mcp-authorization.md', import.meta.url), 'utf8');
const rows = [];
for (const line of spec.split('\n')) {
  const m = /^\| ([CSAI]-\d\d) \| (.+?) \| (.+?) \| (.+?) \| (.+?) \|$/.exec(line);
  if (m) rows.push({ id: m[1], text: m[2], level: m[3], base: m[4], source: m[5] });
}
const party = { C: 'client', S: 'mcp', A: 'as', I: 'idp' };
const body = rows
  .map(
    (r) =>
      `  '${r.id}': { party: '${party[r.id[0]]}', level: ${JSON.stringify(r.level)}, base: ${JSON.stringify(r.base)}, source: ${JSON.stringify(r.source)},\n    text: ${JSON.stringify(r.text.replace(/\*\*/g, ''))} },`,
  )
  .join('\n');
writeFileSync(
  new URL('../src/sim/rules.ts', import.meta.url),
  `/**
 * The normative rules of MCP authorization (rev 2026-07-28), with this project's rule IDs:
 * C-xx client, S-xx MCP server, A-xx authorization server, I-xx enterprise identity provider. Generated from section 3 of
 * docs/reference/mcp-authorization.md by scripts/gen-rules.mjs; edit the reference, not this file.
 */
import type { RuleParty } from './parties';

export type { RuleParty };

export interface Rule {
  party: RuleParty;
  /** RFC 2119 keyword(s). */
  level: string;
  /** The underlying standard. */
  base: string;
  /** Where in the MCP spec (A26-idx/-disc/-reg/-sec, SBP26). */
  source: string;
  text: string;
}

export const RULES = {
${body}
} as const satisfies Record<string, Rule>;

export type RuleId = keyof typeof RULES;

export const RULE_IDS = Object.keys(RULES) as RuleId[];

export function isRuleId(value: string): value is RuleId {
  return Object.prototype.hasOwnProperty.call(RULES, value);
}
`,
);
console.log(`wrote ${rows.length} rules`);
