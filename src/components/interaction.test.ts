// @vitest-environment happy-dom
import { afterEach, describe, expect, it } from 'vitest';
import { pointerMode, resetInteraction, trackInteraction } from './interaction';

afterEach(resetInteraction);

const press = (key: string) => document.dispatchEvent(new KeyboardEvent('keydown', { key, bubbles: true }));

describe('pointer or keyboard', () => {
  it('a pointer press is pointer mode until a key other than a step key', () => {
    trackInteraction();
    expect(pointerMode()).toBe(false);
    document.dispatchEvent(new PointerEvent('pointerdown', { bubbles: true }));
    expect(pointerMode()).toBe(true);
    for (const key of ['ArrowRight', ' ', 'PageDown', 'End', 'Home', 'ArrowLeft', 'Shift']) press(key);
    expect(pointerMode()).toBe(true);
    press('Tab');
    expect(pointerMode()).toBe(false);
    document.dispatchEvent(new PointerEvent('pointerdown', { bubbles: true }));
    press('ArrowDown');
    expect(pointerMode()).toBe(false);
  });

  it('focus that a script moves, with no pointer press, is keyboard mode; focus a press moves is not', async () => {
    trackInteraction();
    const button = document.createElement('button');
    document.body.append(button);
    document.dispatchEvent(new PointerEvent('pointerdown', { bubbles: true }));
    button.focus();
    document.dispatchEvent(new PointerEvent('pointerup', { bubbles: true }));
    expect(pointerMode()).toBe(true);
    await new Promise((done) => setTimeout(done, 5));
    button.blur();
    button.focus();
    expect(pointerMode()).toBe(false);
    button.remove();
  });
});
