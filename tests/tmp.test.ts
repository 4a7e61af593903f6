import { it } from 'vitest';
import { runFlow } from '../src/sim/flow/simulation';
it('runs', async () => {
  const run = await runFlow({
    seed: 'x',
    scenario: (process.env.SC ?? 'enterprise') as 'enterprise',
    registration: 'cimd',
  });
  console.log(run.outcome);
  for (const e of run.trace)
    console.log(
      e.seq,
      e.stepId,
      e.kind,
      e.from,
      '->',
      e.to,
      e.kind === 'response'
        ? e.response?.status + ' ' + (e.response?.body ?? '').slice(0, 200)
        : e.kind === 'request'
          ? e.request.url.slice(0, 120) + ' ' + (e.request.body ?? '').slice(0, 200)
          : e.title +
            ' ' +
            (e.detail.checks
              ?.filter((c) => c.status !== 'pass')
              .map((c) => c.label + ': ' + c.detail)
              .join('; ') ?? ''),
    );
});
