/**
 * Presenter mode's bar gets out of the way (issue 16): shown while the pointer moves, hidden a
 * moment after it rests, so the diagram has the whole height. Keyboard focus inside the bar keeps
 * it shown (CSS :focus-within), and the step keys, a clicker and the one-character keys work with
 * it hidden. Stepping does not bring it back: a speaker stepping through a talk wants the picture.
 */
import { useEffect, useState } from 'react';

const REST_MS = 2500;

export function useBarAutoHide(enabled: boolean): boolean {
  const [hidden, setHidden] = useState(false);
  useEffect(() => {
    if (!enabled) return;
    let timer = window.setTimeout(() => setHidden(true), REST_MS);
    const wake = () => {
      setHidden(false);
      window.clearTimeout(timer);
      timer = window.setTimeout(() => setHidden(true), REST_MS);
    };
    window.addEventListener('pointermove', wake, { passive: true });
    window.addEventListener('pointerdown', wake, { passive: true });
    return () => {
      // Shown again the next time presenter mode starts.
      setHidden(false);
      window.clearTimeout(timer);
      window.removeEventListener('pointermove', wake);
      window.removeEventListener('pointerdown', wake);
    };
  }, [enabled]);
  return enabled && hidden;
}
