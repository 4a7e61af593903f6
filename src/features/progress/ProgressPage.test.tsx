// @vitest-environment happy-dom
import { cleanup, render, screen, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { LESSONS, QUESTIONS } from '../../content/load';
import { createProgressStore } from '../../course/progress';
import { PARTIES } from '../../sim/parties';
import { ProgressPage } from './ProgressPage';

const content = { lessons: LESSONS, questions: QUESTIONS };

beforeEach(() => window.localStorage.clear());
afterEach(cleanup);

describe('the progress page', () => {
  it('shows mastery by rule for every rule party, the enterprise IdP included', () => {
    const store = createProgressStore({ storage: window.localStorage, content });
    store.recordAnswer(QUESTIONS[0]?.id ?? '', true, ['I-04']);
    render(<ProgressPage store={store} navigate={vi.fn()} />);
    const idp = screen.getByText(new RegExp(`^${PARTIES.idp.name} rules: 1 of \\d+ answered`));
    const section = idp.closest('details');
    expect(section).not.toBeNull();
    expect(within(section ?? document.body).getByText('I-04')).toBeInTheDocument();
  });

  it('puts the lesson table in a box a keyboard can scroll (it is wider than a phone)', () => {
    const store = createProgressStore({ storage: window.localStorage, content });
    render(<ProgressPage store={store} navigate={vi.fn()} />);
    const region = screen.getByRole('region', { name: 'By lesson (scrolls sideways)' });
    expect(region).toHaveAttribute('tabindex', '0');
    expect(within(region).getAllByRole('row')).toHaveLength(LESSONS.length + 1);
  });
});
