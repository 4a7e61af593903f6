/**
 * Every attack of the lab, by id. The UI, the lessons, the quiz and the tests read this registry;
 * the compiler makes sure every id in ids.ts has its definition here.
 */
import { clientAssertionMisuse } from './clientAssertionMisuse';
import { codeReplay } from './codeReplay';
import { dpopProofMisuse } from './dpopProofMisuse';
import { idJagMisuse } from './idJagMisuse';
import { stolenTokenReplay } from './stolenTokenReplay';
import { confusedDeputy } from './confusedDeputy';
import { excessiveScope } from './excessiveScope';
import type { AttackId } from './ids';
import { ATTACK_IDS } from './ids';
import { metadataSteering } from './metadataSteering';
import { missingState } from './missingState';
import { mixUp } from './mixUp';
import { openRedirect } from './openRedirect';
import { refreshReplay } from './refreshReplay';
import { stateHandleHijack } from './stateHandleHijack';
import { stolenCode } from './stolenCode';
import { tokenInQuery } from './tokenInQuery';
import { tokenPassthrough } from './tokenPassthrough';
import type { AttackDef } from './types';
import { wrongAudience } from './wrongAudience';

export const ATTACKS: Record<AttackId, AttackDef> = {
  'stolen-code-no-pkce': stolenCode,
  'token-passthrough': tokenPassthrough,
  'wrong-audience': wrongAudience,
  'open-redirect': openRedirect,
  'missing-state': missingState,
  'token-in-query': tokenInQuery,
  'confused-deputy': confusedDeputy,
  'state-handle-hijack': stateHandleHijack,
  'refresh-replay': refreshReplay,
  'excessive-scope': excessiveScope,
  'mix-up': mixUp,
  'code-replay': codeReplay,
  'metadata-steering': metadataSteering,
  'stolen-token-replay': stolenTokenReplay,
  'dpop-proof-misuse': dpopProofMisuse,
  'id-jag-misuse': idJagMisuse,
  'client-assertion-misuse': clientAssertionMisuse,
};

export const ATTACK_LIST: AttackDef[] = ATTACK_IDS.map((id) => ATTACKS[id]);

/** The attack as it runs: the chosen variant's fields over the definition's (the first when none is asked). */
export function resolveAttack(ref: { id: AttackId; variant?: string | undefined }): AttackDef {
  const def = ATTACKS[ref.id];
  if (!def.variants) return def;
  const chosen = def.variants.find((v) => v.id === ref.variant) ?? def.variants[0];
  const { id: variant, label: _label, ...fields } = chosen;
  return { ...def, ...fields, id: def.id, variant };
}
