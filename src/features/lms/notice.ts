/**
 * A short status line for the learner about the learning platform ("progress is not being recorded
 * because …"), outside the app's React tree so that no screen of the app changes for it. A polite
 * live region, dismissable, keyboard reachable.
 */
import './lms.css';

let box: HTMLElement | null = null;

export function showNotice(text: string, action?: { label: string; run: () => void }): void {
  box?.remove();
  const el = document.createElement('div');
  el.className = 'lms-notice';
  el.setAttribute('role', 'status');
  const message = document.createElement('p');
  message.textContent = text;
  el.append(message);
  if (action) {
    const button = document.createElement('button');
    button.type = 'button';
    button.textContent = action.label;
    button.addEventListener('click', action.run);
    el.append(button);
  }
  const close = document.createElement('button');
  close.type = 'button';
  close.textContent = 'Dismiss';
  close.addEventListener('click', () => el.remove());
  el.append(close);
  document.body.append(el);
  box = el;
}

/** A control that stays (the cmi5 "Exit" button): shown in the same place, without a dismiss. */
export function showControl(label: string, run: () => void): HTMLButtonElement {
  const button = document.createElement('button');
  button.type = 'button';
  button.className = 'lms-exit';
  button.textContent = label;
  button.addEventListener('click', run);
  document.body.append(button);
  return button;
}
