/**
 * An attack's variants, keyed by the ids ids.ts lists for it: the compiler refuses a missing or an
 * extra variant, so the list of ids has one owner. The order is ids.ts's (the first is the default).
 */
import { ATTACK_VARIANT_IDS } from './ids';
import type { AttackWithVariants, VariantIdOf } from './ids';
import type { AttackVariant } from './types';

export function defineVariants<Id extends AttackWithVariants>(
  id: Id,
  table: { [V in VariantIdOf<Id>]: Omit<AttackVariant, 'id'> },
): readonly [AttackVariant, ...AttackVariant[]] {
  const [first, ...rest] = ATTACK_VARIANT_IDS[id].map((variant: VariantIdOf<Id>) => ({
    id: variant,
    ...table[variant],
  }));
  if (!first) throw new Error(`${id} lists no variants`);
  return [first, ...rest];
}
