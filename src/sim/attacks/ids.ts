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
  'stolen-token-replay',
  'dpop-proof-misuse',
  'id-jag-misuse',
  'client-assertion-misuse',
] as const;

export type AttackId = (typeof ATTACK_IDS)[number];

export function isAttackId(value: string): value is AttackId {
  return (ATTACK_IDS as readonly string[]).includes(value);
}

/**
 * The variants of the attacks that have several, in the lab's order (the first is the default). This
 * is the one list: each attack file gives its variants through `defineVariants`, which the compiler
 * holds to exactly these ids, and deep links are checked against it without loading the attacks.
 */
export const ATTACK_VARIANT_IDS = {
  'stolen-code-no-pkce': ['neither', 'client-omits', 'server-lax', 'downgrade', 'downgrade-plain'],
  'wrong-audience': ['replayed-token', 'no-resource'],
  'open-redirect': ['prefix-match', 'error-redirect'],
  'metadata-steering': ['resource-mismatch', 'spoofed-issuer'],
  'stolen-token-replay': ['bearer', 'downgrade'],
  'dpop-proof-misuse': ['replayed', 'stale', 'other-url'],
  'id-jag-misuse': ['other-as', 'other-resource', 'replayed'],
  'client-assertion-misuse': ['expired', 'other-server'],
} as const satisfies Partial<Record<AttackId, readonly [string, ...string[]]>>;

export type AttackWithVariants = keyof typeof ATTACK_VARIANT_IDS;
export type VariantIdOf<Id extends AttackWithVariants> = (typeof ATTACK_VARIANT_IDS)[Id][number];

/** The variant ids of any attack (none for most). */
export function variantIdsOf(id: AttackId): readonly string[] | undefined {
  return id in ATTACK_VARIANT_IDS ? ATTACK_VARIANT_IDS[id as AttackWithVariants] : undefined;
}

/** The variant a link asked for, if the attack has it; otherwise undefined, which runs the default (the first). */
export function variantOf(id: AttackId, requested: string | null | undefined): string | undefined {
  return requested && variantIdsOf(id)?.includes(requested) ? requested : undefined;
}
