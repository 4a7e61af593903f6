// @vitest-environment happy-dom
/**
 * Opening a recording: a picked file is drawn with its verdict, tokens are masked until revealed,
 * a broken rule is marked on its message and explained in the inspector; a bad file, a file too
 * large and a link to another origin each get a clear message; a same-origin link is fetched.
 */
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { cleanup, render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { runFlow } from '../../sim/flow/simulation';
import { toHar } from '../../sim/trace/export';
import HarScreen from './HarScreen';

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

/** A recording of a client that puts its token in the URL, at a server that accepts it. */
let broken = '';
let honest = '';
beforeAll(async () => {
  const bad = await runFlow({
    seed: 'ui',
    scenario: 'first-connection',
    registration: 'dcr',
    vulnerabilities: ['client-token-in-query', 'mcp-accept-query-token'],
  });
  broken = JSON.stringify(toHar(bad.trace));
  const good = await runFlow({ seed: 'ui', scenario: 'first-connection', registration: 'dcr' });
  honest = JSON.stringify(toHar(good.trace));
});

async function open(text: string, name = 'flow.har') {
  const user = userEvent.setup();
  render(<HarScreen url={null} />);
  await user.upload(screen.getByLabelText('HAR file'), new File([text], name, { type: 'application/json' }));
  return user;
}

const summary = () => screen.getByRole('region', { name: 'What the recording shows' });
const inspector = () => screen.getByRole('region', { name: /^Inspector/ });

describe('opening a HAR', () => {
  it('draws the flow, marks the broken rules and opens on the first one, explained', async () => {
    await open(broken);
    expect(await screen.findByRole('heading', { level: 1, name: /flow\.har/ })).toBeInTheDocument();
    await waitFor(() => expect(summary()).toHaveTextContent(/2 rules broken \(2 MUST-level\)/));
    const list = screen.getByRole('listbox', { name: /Messages/ });
    // Every request with the token in its URL breaks C-24; every answer that accepted it, S-24.
    const marked = within(list)
      .getAllByRole('option')
      .filter((o) => /breaks rule/.test(o.textContent ?? ''))
      .map((o) => o.textContent);
    expect(marked).toEqual([
      expect.stringMatching(/POST \/mcp\?….*C-24/),
      expect.stringMatching(/200 OK.*S-24/),
      expect.stringMatching(/POST \/mcp\?….*C-24/),
      expect.stringMatching(/200 OK.*S-24/),
    ]);
    // The inspector opens on the first broken rule: the spec's words and how to fix it.
    const rules = await within(inspector()).findByRole('tab', { name: 'Rules · 1 broken' });
    expect(rules).toHaveAttribute('aria-selected', 'true');
    const finding = within(inspector()).getByRole('article', { name: /C-24 broken/ });
    expect(finding).toHaveTextContent(/never put the token in the query string/);
    expect(finding).toHaveTextContent(/How to fix it.*Send Authorization: Bearer <token>/);
    // No current step in a recording.
    expect(within(list).queryByText('now')).toBeNull();
  });

  it('masks tokens until the user reveals them', async () => {
    const user = await open(broken);
    const reveal = await screen.findByRole('button', { name: 'Reveal tokens and codes' });
    await user.click(within(inspector()).getByRole('tab', { name: 'Request' }));
    const shown = () => within(inspector()).getByRole('tabpanel').textContent ?? '';
    expect(shown()).toMatch(/access_token=eyJ•••••/);
    expect(shown()).not.toMatch(/access_token=eyJ[A-Za-z0-9_-]{10}/);
    await user.click(reveal);
    expect(reveal).toHaveAttribute('aria-pressed', 'true');
    expect(shown()).toMatch(/access_token=eyJ[A-Za-z0-9_-]{10}/);
  });

  it('a message of the summary opens in the inspector', async () => {
    const user = await open(broken);
    await screen.findByRole('region', { name: 'What the recording shows' });
    const [first] = await within(summary()).findAllByRole('button', {
      name: /^Message \d+\s*, from the MCP server/,
    });
    if (!first) throw new Error('no message of the MCP server in the summary');
    await user.click(first);
    expect(within(inspector()).getByRole('article', { name: /S-24 broken/ })).toBeInTheDocument();
  });

  it('an honest recording breaks nothing', async () => {
    await open(honest);
    await waitFor(() => expect(summary()).toHaveTextContent(/No rule broken; \d+ kept/));
    expect(
      within(summary()).getByText(/Every check that could run on this recording passed/),
    ).toBeInTheDocument();
  });
});

describe('bad input', () => {
  it('a file that is not a HAR says so, and another can be opened', async () => {
    const user = await open('hello', 'notes.txt');
    expect(await screen.findByRole('alert')).toHaveTextContent(/notes\.txt: This file is not JSON/);
    await user.upload(screen.getByLabelText('HAR file'), new File([honest], 'flow.har'));
    expect(await screen.findByRole('heading', { level: 1, name: /flow\.har/ })).toBeInTheDocument();
  });

  it('a file over the limit is refused by its size', async () => {
    const huge = new File(['{}'], 'huge.har');
    Object.defineProperty(huge, 'size', { value: 50 * 1024 * 1024 });
    const user = userEvent.setup();
    render(<HarScreen url={null} />);
    await user.upload(screen.getByLabelText('HAR file'), huge);
    expect(await screen.findByRole('alert')).toHaveTextContent(/50\.0 MB; the limit is 20\.0 MB/);
  });

  it('a link to a HAR on another origin is refused without fetching it', async () => {
    const fetch = vi.fn();
    vi.stubGlobal('fetch', fetch);
    render(<HarScreen url="https://elsewhere.example/flow.har" />);
    expect(await screen.findByRole('alert')).toHaveTextContent(
      /from https:\/\/elsewhere\.example, which is not this site/,
    );
    expect(fetch).not.toHaveBeenCalled();
  });

  it('a link to a HAR on this origin is fetched and drawn', async () => {
    const fetch = vi.fn((url: URL) =>
      Promise.resolve(
        url.origin === window.location.origin && url.pathname === '/flows/flow.har'
          ? new Response(honest, { headers: { 'Content-Type': 'application/json' } })
          : new Response('not found', { status: 404 }),
      ),
    );
    vi.stubGlobal('fetch', fetch);
    render(<HarScreen url="flows/flow.har" />);
    expect(await screen.findByRole('heading', { level: 1, name: /flow\.har/ })).toBeInTheDocument();
    expect(fetch).toHaveBeenCalledTimes(1);
  });
});
