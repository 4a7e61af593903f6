/**
 * The attack lab's attacks, by id. Each id has (or will have) its own file in this folder with the
 * override it applies, the attacker's actions and the rule that stops it; lessons, quiz questions
 * and deep links refer to attacks only by these ids, and a test fails on an id not listed here.
 */
export const ATTACK_IDS = [
  'stolen-code-no-pkce',
  'token-passthrough',
  'wrong-audience',
  'open-redirect',
  'missing-state',
  'token-in-query',
  'confused-deputy',
  'state-handle-hijack',
  'refresh-replay',
  'excessive-scope',
  'mix-up',
  'code-replay',
  'metadata-steering',
] as const;

export type AttackId = (typeof ATTACK_IDS)[number];

export function isAttackId(value: string): value is AttackId {
  return (ATTACK_IDS as readonly string[]).includes(value);
}
