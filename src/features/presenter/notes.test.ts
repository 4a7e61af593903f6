import { describe, expect, it } from 'vitest';
import { STEP_IDS, STEPS } from '../../sim/steps';
import { SCENARIO_IDS } from '../../sim/scenarios';
import { OPENING_NOTES, openingNote, SPEAKER_NOTES, speakerNote, stepsWithoutNotes } from './notes';

describe('speaker notes', () => {
  it('cover every step, and both messages of every exchange', () => {
    expect(stepsWithoutNotes()).toEqual([]);
    expect(Object.keys(SPEAKER_NOTES).sort()).toEqual([...STEP_IDS].sort());
  });

  it('say what to say and what to point at, in a sentence or two', () => {
    for (const id of STEP_IDS) {
      const kinds =
        STEPS[id].kind === 'exchange' ? (['request', 'response'] as const) : (['internal'] as const);
      for (const kind of kinds) {
        const note = speakerNote(id, kind);
        expect(note, `${id} ${kind}`).toMatch(/^Say: .+ Point at: .+\.$/);
        expect(note.length, `${id} ${kind}`).toBeLessThan(260);
      }
    }
  });

  it('picks the response note for a response', () => {
    expect(speakerNote('token', 'response')).toMatch(/aud/);
    expect(speakerNote('token', 'request')).toMatch(/code_verifier/);
    expect(speakerNote('validate-callback', 'internal')).toBe(SPEAKER_NOTES['validate-callback']);
  });

  it('open each scenario with its own parties, and an attack with where to watch for the theft', () => {
    for (const id of SCENARIO_IDS) expect(OPENING_NOTES[id], id).toMatch(/^Say: .+ Point at: .+\.$/);
    expect(openingNote('enterprise', false)).toMatch(/Enterprise IdP lane/);
    expect(openingNote('client-credentials', false)).toMatch(/no browser/);
    expect(openingNote('dpop', false)).toMatch(/roadmap.*no published revision/);
    expect(openingNote('dpop', true)).toMatch(/Who holds what/);
  });
});
