/**
 * Predict, then see, against the trace: every run the simulator plays (each scenario with each
 * registration, each attack and variant with its defence on and off) is stepped as the page steps
 * it; before each message, the question is generated from the message the run holds ready (peeked,
 * as predict mode does), and it must have exactly one option true of the real message, read from a
 * separate headless run of the same seed. The peeked message must be that very message.
 */
import { describe, expect, it } from 'vitest';
import { ATTACK_IDS, variantIdsOf } from '../src/sim/attacks/ids';
import { peekNext } from '../src/sim/flow/runView';
import { runFlow } from '../src/sim/flow/simulation';
import type { RunConfig } from '../src/sim/flow/simulation';
import { Stepper } from '../src/sim/flow/stepper';
import { holds } from '../src/sim/predict/claims';
import { predictionFor } from '../src/sim/predict/questions';
import type { PredictionKind } from '../src/sim/predict/questions';
import { REGISTRATION_MODE_IDS, SCENARIO_IDS } from '../src/sim/scenarios';
import { STEPS } from '../src/sim/steps';
import type { TraceEvent } from '../src/sim/trace/types';

const RUNS: { name: string; config: RunConfig }[] = [
  ...SCENARIO_IDS.flatMap((scenario) =>
    REGISTRATION_MODE_IDS.map((registration) => ({
      name: `${scenario}, ${registration}`,
      config: { seed: 'predict', scenario, registration },
    })),
  ),
  ...ATTACK_IDS.flatMap((id) =>
    [undefined, ...(variantIdsOf(id)?.slice(1) ?? [])].flatMap((variant) =>
      (['on', 'off'] as const).map((defence) => ({
        name: `${id}${variant ? ` (${variant})` : ''}, defence ${defence}`,
        config: {
          seed: 'predict',
          scenario: 'first-connection' as const,
          registration: 'cimd' as const,
          attack: { id, defence, ...(variant ? { variant } : {}) },
        },
      })),
    ),
  ),
];

/** The event without its position and time: what a party builds before the run shows it. */
function built(event: TraceEvent): Omit<TraceEvent, 'seq' | 'at'> {
  const { seq: _seq, at: _at, ...rest } = event;
  return rest;
}

/** The steps nobody is asked to predict: the user's own decision and the closing summaries. */
const UNASKED = new Set(['user-consent', 'flow-ended', 'attack-verdict']);

const kindsSeen = new Set<PredictionKind>();

describe('predictions generated for every run', () => {
  for (const { name, config } of RUNS) {
    it(`${name}: one right answer per question, the real next message's`, async () => {
      const truth = (await runFlow(config)).trace;
      const stepper = new Stepper(config, { autoConsent: true });
      let asked = 0;
      let unpeeked = 0;
      try {
        for (let position = 0; position < truth.length; position++) {
          await stepper.settle();
          const real = truth[position];
          if (!real) break;
          const next = peekNext(stepper.actor.getSnapshot());
          if (next === null) {
            unpeeked++;
          } else {
            expect(next, `${name} @${position}: the peeked message`).toEqual(built(real));
            const prediction = predictionFor(stepper.trace, next, config.seed);
            if (prediction === null) {
              expect(UNASKED.has(real.stepId), `${name} @${position} ${real.stepId}: no question`).toBe(true);
            } else {
              asked++;
              kindsSeen.add(prediction.kind);
              const texts = prediction.options.map((o) => o.text);
              expect(new Set(texts).size, `${name} @${position}: distinct options`).toBe(texts.length);
              expect(texts.length).toBeGreaterThanOrEqual(2);
              expect(texts.length).toBeLessThanOrEqual(4);
              const right = prediction.options.filter((o) => holds(o.claim, real));
              expect(
                right.map((o) => o.text),
                `${name} @${position} ${real.stepId} ${prediction.kind}: ${texts.join(' | ')}`,
              ).toHaveLength(1);
              // Mastery evidence: the message's rule, else its step's (an attacker's own step has none).
              if (real.rule || STEPS[real.stepId].rules.length > 0)
                expect(prediction.rules.length).toBeGreaterThan(0);
            }
          }
          await stepper.next();
        }
        expect(stepper.trace.map(built)).toEqual(truth.map(built));
      } finally {
        stepper.stop();
      }
      // Nearly every message is peekable before it is shown (the parties build it first).
      expect(unpeeked, `${name}: messages not ready before Next`).toBeLessThanOrEqual(
        Math.ceil(truth.length / 10),
      );
      expect(asked).toBeGreaterThan(truth.length / 2);
    });
  }

  it('covers every kind of question somewhere', () => {
    expect([...kindsSeen].sort()).toEqual(
      [
        'aud',
        'challenge-error',
        'discovery-url',
        'exchange',
        'first-failure',
        'returned',
        'rotation',
        'route',
        'scope',
        'status',
      ].sort(),
    );
  });

  it('asks the same question of the same run, and varies with the seed', async () => {
    const config: RunConfig = { seed: 'a', scenario: 'first-connection', registration: 'cimd' };
    const trace = (await runFlow(config)).trace;
    const at = trace.findIndex((e) => e.stepId === 'mcp-request' && e.kind === 'request');
    const shown = trace.slice(0, at);
    const next = trace[at];
    if (!next) throw new Error('no MCP request');
    expect(predictionFor(shown, next, 'a')).toEqual(predictionFor(shown, next, 'a'));
    const orders = new Set(
      ['a', 'b', 'c', 'd', 'e', 'f'].map((seed) =>
        predictionFor(shown, next, seed)
          ?.options.map((o) => o.text)
          .join('|'),
      ),
    );
    expect(orders.size).toBeGreaterThan(1);
  });
});
