import { describe, expect, it } from 'vitest';
import { STEP_IDS, STEPS } from '../../sim/steps';
import { SPEAKER_NOTES, speakerNote, stepsWithoutNotes } from './notes';

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
});
