/** docs/reference §5.15 / Security Best Practices §Scope Minimization: a stolen token is worth exactly the scopes it carries. */
import { decodeJwt } from 'jose';
import { DEMO_USER } from '../servers/auth/state';
import type { AttackDef } from './types';
import { stringField } from '../fields';

export const excessiveScope: AttackDef = {
  id: 'excessive-scope',
  title: 'Excessive scope: the blast radius of a stolen token',
  summary:
    "A token leaks. With every scope in it, the attacker can overwrite the victim's files; with least privilege, she can only read what the client needed.",
  target: 'client',
  rules: ['C-15', 'S-04', 'S-12'],
  lesson: 'scopes',
  preconditions: [],
  defence: {
    label:
      'Least privilege: the server lists a small scope set and the client asks only for what the operation needs',
    vulnerabilities: ['mcp-broad-scopes', 'client-all-scopes'],
  },
  victim: { scenario: 'first-connection', registration: 'dcr' },
  lanes: ['attacker'],
  explain: {
    vulnerable:
      'The client asked for every scope it could, so the stolen token could write and administer, not just read.',
    defended:
      'The token carried only files:read (C-15), so the scope check (S-14) refused the write with 403 insufficient_scope: the theft is contained to what the client actually needed.',
  },
  async act({ world, attacker, victim }) {
    const token = victim.client.session.tokens?.access_token ?? '';
    const scope = token ? stringField(decodeJwt(token), 'scope') : '(none)';
    await attacker.note(
      "Steals the victim's access token",
      "Malware on the victim's machine copies the client's token store.",
      {
        mark: 'stolen',
        values: { scope },
      },
    );
    const call = await attacker.callTool(token, 'write_file', {
      path: 'notes/plan.md',
      content: 'Cancelled. Wire the budget to IBAN XX00 0000.',
    });
    const overwritten =
      world.mcp.files.get(DEMO_USER.sub)?.get('notes/plan.md')?.startsWith('Cancelled') ?? false;
    return overwritten && call.status === 200
      ? { attackerWon: true, evidence: `With scope "${scope}" the attacker overwrote the victim's plan.` }
      : { attackerWon: false, evidence: `With scope "${scope}" the write was refused: ${call.status}.` };
  },
};
