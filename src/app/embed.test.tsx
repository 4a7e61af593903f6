// @vitest-environment happy-dom
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { cleanup, render, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { App } from './App';
import { settled } from './simulator/testing';
import { EMBED_SOURCE, EMBED_VERSION, envelope } from '../features/embed/events';
import type { EmbedMessage } from '../features/embed/events';

let posted: { message: EmbedMessage; origin: string }[] = [];
const realParent = window.parent;

beforeEach(() => {
  posted = [];
  window.history.replaceState(null, '', '/');
  window.localStorage.clear();
  // As inside an iframe: a parent window that is not this one.
  Object.defineProperty(window, 'parent', {
    configurable: true,
    value: { postMessage: (message: EmbedMessage, origin: string) => posted.push({ message, origin }) },
  });
});

afterEach(() => {
  cleanup();
  Object.defineProperty(window, 'parent', { configurable: true, value: realParent });
});

const ofType = <T extends EmbedMessage['type']>(type: T) =>
  posted.filter((p) => p.message.type === type).map((p) => p.message as Extract<EmbedMessage, { type: T }>);

describe('progress events for an embedding page', () => {
  it('wraps every event in the versioned envelope', () => {
    expect(envelope({ type: 'lesson-completed', lessonId: 'discovery' })).toEqual({
      source: 'mcp-oauth-simulator',
      version: 1,
      type: 'lesson-completed',
      lessonId: 'discovery',
    });
  });

  it('posts ready, then a step event for each position, with no secret in them', async () => {
    window.location.hash = '#/sim?scenario=first-connection&reg=dcr&seed=demo&embed=1';
    const user = userEvent.setup();
    render(<App />);
    await settled();
    expect(screen.queryByRole('banner')).toBeNull();
    await waitFor(() => expect(ofType('step')).toHaveLength(1));
    expect(ofType('ready')).toEqual([
      { source: EMBED_SOURCE, version: EMBED_VERSION, type: 'ready', route: 'sim' },
    ]);
    expect(ofType('step')[0]).toEqual({
      source: EMBED_SOURCE,
      version: EMBED_VERSION,
      type: 'step',
      run: { scenario: 'first-connection', registration: 'dcr', seed: 'demo', attack: null },
      step: 0,
      message: null,
      finished: false,
      outcome: null,
    });
    await user.click(screen.getByRole('button', { name: /Next/ }));
    await settled();
    await waitFor(() => expect(ofType('step')).toHaveLength(2));
    expect(ofType('step')[1]).toMatchObject({
      step: 1,
      message: {
        number: 1,
        stepId: 'mcp-unauthenticated',
        part: 'request',
        title: 'MCP request without a token',
      },
    });
    await user.click(screen.getByRole('button', { name: /Run to end/ }));
    await settled();
    await waitFor(() => expect(ofType('step').at(-1)).toMatchObject({ finished: true, outcome: 'success' }));
    // Without parentOrigin, '*': acceptable because nothing secret is ever sent.
    expect(posted.every((p) => p.origin === '*')).toBe(true);
    const all = JSON.stringify(posted);
    expect(all).not.toMatch(/eyJ|code=|state=|verifier|Bearer/);
  });

  it('posts attack-completed with the verdict and the rule that stopped it, to parentOrigin only', async () => {
    window.location.hash =
      '#/sim?attack=mix-up&defence=on&embed=1&lock=1&parentOrigin=https%3A%2F%2Flms.example.edu';
    const user = userEvent.setup();
    render(<App />);
    await settled();
    await user.keyboard('{End}');
    await settled();
    await waitFor(() => expect(ofType('attack-completed')).toHaveLength(1));
    // vitest types its asymmetric matchers `any`: held as unknown, they match without leaking `any`.
    const run: unknown = expect.objectContaining({ attack: { id: 'mix-up', defence: 'on' } });
    expect(ofType('attack-completed')[0]).toEqual({
      source: EMBED_SOURCE,
      version: EMBED_VERSION,
      type: 'attack-completed',
      run,
      attack: 'mix-up',
      defence: 'on',
      attackerWon: false,
      stoppedAt: { message: 23, rule: 'C-19' },
    });
    expect(posted.every((p) => p.origin === 'https://lms.example.edu')).toBe(true);
    // The switches stay in the address as the run moves on.
    await waitFor(() => expect(window.location.hash).toContain('parentOrigin=https%3A%2F%2Flms.example.edu'));
  });

  it('forwards lesson completion and quiz answers', async () => {
    window.location.hash = '#/lessons/discovery?embed=1&lock=1';
    const user = userEvent.setup();
    render(<App />);
    await user.click(await screen.findByRole('button', { name: 'Mark as read' }, { timeout: 10000 }));
    expect(ofType('lesson-completed')).toEqual([
      { source: EMBED_SOURCE, version: EMBED_VERSION, type: 'lesson-completed', lessonId: 'discovery' },
    ]);
    expect(ofType('ready')[0]).toMatchObject({ route: 'lessons' });
    // The lesson's own link to its quiz keeps the embed switches.
    await user.click(screen.getByRole('link', { name: /Take this lesson/ }));
    await waitFor(() => expect(window.location.hash).toMatch(/^#\/quiz\/discovery\?embed=1&lock=1$/));
    // The quiz's first question is a choice or an ordering: answer whatever it is, then check.
    const check = await screen.findByRole('button', { name: /^Check (answer|order)$/ }, { timeout: 10000 });
    const radio = screen.queryAllByRole('radio')[0];
    if (radio) await user.click(radio);
    await user.click(check);
    await waitFor(() => expect(ofType('quiz-answered')).toHaveLength(1));
    const questionId: unknown = expect.any(String);
    const correct: unknown = expect.any(Boolean);
    expect(ofType('quiz-answered')[0]).toEqual({
      source: EMBED_SOURCE,
      version: EMBED_VERSION,
      type: 'quiz-answered',
      quiz: 'discovery',
      questionId,
      correct,
    });
  });
});
