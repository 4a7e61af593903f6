import { describe, expect, it } from 'vitest';
import { readCommand, readMessage, readState } from './messages';
import type { PresenterState } from './messages';

const SESSION = 'f'.repeat(32);

const state: PresenterState = {
  config: {
    seed: 'demo',
    scenario: 'first-connection',
    registration: 'cimd',
    attack: { id: 'stolen-code-no-pkce', defence: 'off', variant: 'downgrade' },
  },
  decisions: ['approve', 'deny'],
  count: 3,
  current: { seq: 2, stepId: 'mcp-unauthenticated', kind: 'response', label: '401', route: 'a → b' },
  consent: false,
  finished: true,
  ending: 'Stopped',
  scenarioTitle: 'First connection',
  mask: true,
};

describe('the presenter line schema', () => {
  it('reads every message the windows send, as a copy', () => {
    for (const message of [
      { type: 'hello', session: SESSION },
      { type: 'state', session: SESSION, state },
      { type: 'state', session: SESSION, state: { ...state, current: null, ending: null } },
      { type: 'command', session: SESSION, command: { type: 'RUN_TO_END' } },
      { type: 'command', session: SESSION, command: { type: 'ANSWER', decision: 'deny' } },
    ]) {
      const read = readMessage(message);
      expect(read).toEqual(message);
      expect(read).not.toBe(message);
    }
  });

  it.each([
    ['a session of another shape', { type: 'hello', session: 'abc' }],
    ['an extra field', { type: 'hello', session: SESSION, reply: 'x' }],
    ['an unknown type', { type: 'close', session: SESSION }],
    ['a command the line does not carry', { type: 'command', session: SESSION, command: { type: 'PLAY' } }],
    ['a player event', { type: 'command', session: SESSION, command: { type: 'LOAD', config: {} } }],
    [
      'an unknown variant',
      {
        type: 'state',
        session: SESSION,
        state: {
          ...state,
          config: { ...state.config, attack: { id: 'mix-up', defence: 'on', variant: 'x' } },
        },
      },
    ],
    [
      'an unknown attack',
      {
        type: 'state',
        session: SESSION,
        state: { ...state, config: { ...state.config, attack: { id: 'x', defence: 'on' } } },
      },
    ],
    [
      'an empty seed',
      { type: 'state', session: SESSION, state: { ...state, config: { ...state.config, seed: ' ' } } },
    ],
    ['a huge count', { type: 'state', session: SESSION, state: { ...state, count: 1e9 } }],
    ['a missing field', { type: 'state', session: SESSION, state: { ...state, mask: undefined } }],
    ['a non-boolean', { type: 'state', session: SESSION, state: { ...state, consent: 'yes' } }],
    [
      'a long label',
      {
        type: 'state',
        session: SESSION,
        state: { ...state, current: { ...state.current, label: 'x'.repeat(501) } },
      },
    ],
  ])('drops %s', (_, message) => {
    expect(readMessage(message)).toBeNull();
  });

  it('drops values that are not objects at all', () => {
    for (const value of [null, undefined, 'NEXT', 7, [], [{ type: 'NEXT' }]]) {
      expect(readMessage(value)).toBeNull();
      expect(readCommand(value)).toBeNull();
      expect(readState(value)).toBeNull();
    }
  });
});
