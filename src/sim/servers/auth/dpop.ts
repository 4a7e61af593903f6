/**
 * DPoP at the token endpoint (RFC 9449 §5; A-57; on the MCP roadmap): a `DPoP` header must hold a
 * valid proof for this request, else `invalid_dpop_proof`; the token is then bound to the proof's
 * key, by its RFC 7638 thumbprint (cnf.jkt, §6.1), and answered with token_type DPoP. This server
 * requires no nonce of its own (A-58 is a MAY). The checks are recorded as one step.
 */
import { dpopProofChecks } from '../../checks/dpop';
import { firstFailure } from '../../trace/check';
import type { World } from '../../world/world';
import { oauthError } from '../http';
import { endpoints } from './metadata';

export type TokenEndpointProof = { ok: true; jkt: string | undefined } | { ok: false; response: Response };

export async function tokenEndpointProof(world: World, request: Request): Promise<TokenEndpointProof> {
  const header = request.headers.get('dpop');
  if (header === null) return { ok: true, jkt: undefined };
  const { checks, facts } = await dpopProofChecks({
    header,
    method: request.method,
    url: endpoints(world.urls.issuer).token_endpoint,
    now: world.clock.now(),
    rules: { proof: 'A-57', binding: 'A-57', fresh: 'A-57', replay: 'A-57', nonce: 'A-58' },
  });
  const failed = firstFailure(checks);
  await world.recorder.record({
    kind: 'internal',
    stepId: 'validate-dpop-proof',
    from: 'as',
    to: 'as',
    title: failed ? `Proof refused: ${failed.label}` : 'Proof valid: the token will be bound to this key',
    outcome: failed ? 'refused' : 'ok',
    rule: failed?.rule ?? 'A-57',
    detail: {
      summary: failed
        ? `No token: ${failed.detail}. The answer is invalid_dpop_proof (RFC 9449 §5).`
        : `The client holds the key with thumbprint ${facts.thumbprint ?? ''}: the access token will carry it as cnf.jkt, and only a request with a proof signed by that key can use it.`,
      checks,
      ...(facts.thumbprint ? { values: { jkt: facts.thumbprint } } : {}),
    },
  });
  if (failed)
    return {
      ok: false,
      response: oauthError(world, {
        rule: failed.rule,
        error: 'invalid_dpop_proof',
        description: failed.detail,
      }),
    };
  return { ok: true, jkt: facts.thumbprint ?? undefined };
}
