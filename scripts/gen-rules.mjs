// Generates src/sim/rules.ts from the tables in docs/reference/mcp-authorization.md (section 3),
// so the rule texts the app shows are the reference page's own words: §3.1-§3.4 give each rule,
// §3.5 the revisions it belongs to, with its level in each. Run: npm run gen:rules
import { readFileSync, writeFileSync } from 'node:fs';

const spec = readFileSync(new URL('../docs/reference/mcp-authorization.md', import.meta.url), 'utf8');
const [rulesPart, afterRules] = spec.split('\n### 3.5 ');
if (afterRules === undefined) throw new Error('docs/reference: no section 3.5 (rules by revision)');
const revisionPart = afterRules.split('\n## ')[0];

const rows = [];
for (const line of rulesPart.split('\n')) {
  const m = /^\| ([CSAI]-\d\d) \| (.+?) \| (.+?) \| (.+?) \| (.+?) \|$/.exec(line);
  if (m) rows.push({ id: m[1], text: m[2], level: m[3], base: m[4], source: m[5] });
}

// The header names the revisions, oldest first; a cell of "—" alone means the revision has no such rule.
const header = /^\| ID \| (.+) \|$/m.exec(revisionPart);
if (!header) throw new Error('docs/reference §3.5: no header row');
const revisions = header[1].split(' | ');
const byRevision = new Map();
for (const line of revisionPart.split('\n')) {
  const m = /^\| ([CSAI]-\d\d) \| (.+) \|$/.exec(line);
  if (!m) continue;
  const cells = m[2].split(' | ');
  if (cells.length !== revisions.length)
    throw new Error(`docs/reference §3.5: ${m[1]} has ${cells.length} cells`);
  const levels = {};
  cells.forEach((cell, i) => {
    if (cell.trim() !== '—') levels[revisions[i]] = cell.trim();
  });
  byRevision.set(m[1], levels);
}
for (const r of rows) {
  if (!byRevision.has(r.id)) throw new Error(`docs/reference §3.5: no row for ${r.id}`);
  if (Object.keys(byRevision.get(r.id)).length === 0)
    throw new Error(`docs/reference §3.5: ${r.id} is in no revision`);
}
for (const id of byRevision.keys()) {
  if (!rows.some((r) => r.id === id))
    throw new Error(`docs/reference §3.5: ${id} is not a rule of §3.1-§3.4`);
}

const party = { C: 'client', S: 'mcp', A: 'as', I: 'idp' };
const body = rows
  .map(
    (r) =>
      `  '${r.id}': { party: '${party[r.id[0]]}', level: ${JSON.stringify(r.level)}, base: ${JSON.stringify(r.base)}, source: ${JSON.stringify(r.source)},\n    text: ${JSON.stringify(r.text.replace(/\*\*/g, ''))},\n    revisions: ${JSON.stringify(byRevision.get(r.id))} },`,
  )
  .join('\n');
writeFileSync(
  new URL('../src/sim/rules.ts', import.meta.url),
  `/**
 * The normative rules of MCP authorization, with this project's rule IDs: C-xx client, S-xx MCP
 * server, A-xx authorization server, I-xx enterprise identity provider. The text and level are
 * those of the latest revision (2026-07-28) or of the extension or RFC a row names; \`revisions\`
 * gives the revisions that have the rule and its level in each.
 * Generated from section 3 of docs/reference/mcp-authorization.md by scripts/gen-rules.mjs; edit
 * the reference, not this file.
 */
import type { RuleParty } from './parties';
import type { Revision } from './revisions/ids';

export type { RuleParty };

export interface Rule {
  party: RuleParty;
  /** RFC 2119 keyword(s), in the latest revision. */
  level: string;
  /** The underlying standard. */
  base: string;
  /** Where in the MCP spec (A26-idx/-disc/-reg/-sec, SBP26). */
  source: string;
  text: string;
  /** The revisions that have this rule, with its level there (docs/reference §3.5). */
  revisions: Partial<Record<Revision, string>>;
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
console.log(`wrote ${rows.length} rules, each with its revisions`);
