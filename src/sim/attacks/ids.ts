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

/**
 * The variants of the attacks that have several (the first is the default), so that deep links can
 * be checked without loading the attacks themselves. A test keeps this in step with the registry.
 */
export const ATTACK_VARIANT_IDS: Partial<Record<AttackId, readonly [string, ...string[]]>> = {
  'stolen-code-no-pkce': ['neither', 'client-omits', 'server-lax', 'downgrade', 'downgrade-plain'],
  'wrong-audience': ['replayed-token', 'no-resource'],
  'open-redirect': ['prefix-match', 'error-redirect'],
  'metadata-steering': ['resource-mismatch', 'spoofed-issuer'],
};

/** The variant a link asked for, if the attack has it; otherwise undefined, which runs the default (the first). */
export function variantOf(id: AttackId, requested: string | null | undefined): string | undefined {
  return requested && ATTACK_VARIANT_IDS[id]?.includes(requested) ? requested : undefined;
}
