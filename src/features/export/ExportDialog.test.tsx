// @vitest-environment happy-dom
import { afterEach, describe, expect, it, vi } from 'vitest';
import { cleanup, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { stepperAt } from '../../sim/flow/stepper';
import { toMermaid } from '../../sim/trace/export';
import { DEMO, renderSim, settled } from '../../app/simulator/testing';
import { messageLabel } from '../../run/trace/describe';
import { escapeXml } from './svg';

afterEach(() => {
  cleanup();
  vi.restoreAllMocks();
});

describe('the export dialog', () => {
  it('shows the Mermaid of the run and saves the HAR and SVG files', async () => {
    const saved: Blob[] = [];
    vi.spyOn(URL, 'createObjectURL').mockImplementation((blob) => {
      saved.push(blob as Blob);
      return 'blob:test';
    });
    vi.spyOn(URL, 'revokeObjectURL').mockImplementation(() => undefined);
    const user = userEvent.setup();
    renderSim({ target: { kind: 'count', count: 24 } });
    await settled();
    // The same run, replayed from the seed: the dialog must show exactly the core's Mermaid of it.
    const expected = (await stepperAt(DEMO, 24, ['approve'])).trace;

    await user.click(screen.getByRole('button', { name: 'Export…' }));
    const dialog = await screen.findByRole('dialog', { name: 'Export this run' });
    const source = within(dialog).getByRole('textbox', { name: /Mermaid source/ });
    expect((source as HTMLTextAreaElement).value).toBe(toMermaid(expected));

    await user.click(within(dialog).getByRole('button', { name: 'Download .har' }));
    expect(saved).toHaveLength(1);
    const har = JSON.parse(await (saved[0] as Blob).text()) as {
      log: { entries: { request: { url: string } }[] };
    };
    const exchanges = expected.filter((e) => e.kind === 'response');
    expect(har.log.entries.map((e) => e.request.url)).toEqual(
      exchanges.map((e) => (e.kind === 'response' ? e.request.url : '')),
    );
    expect(
      await within(dialog).findByText('Saved mcp-oauth-first-connection-dcr-24.har'),
    ).toBeInTheDocument();

    await user.click(within(dialog).getByRole('button', { name: 'Download SVG' }));
    const svg = await (saved[1] as Blob).text();
    expect(svg).toMatch(/^<svg xmlns="http:\/\/www.w3.org\/2000\/svg"/);
    for (const event of expected)
      expect(svg).toContain(escapeXml(`${event.seq + 1}. ${messageLabel(event)}`));

    // Masking applies to the files: the checkbox starts as "hide secrets" is (off here).
    const maskBox = within(dialog).getByRole('checkbox', { name: /Mask secrets/ });
    expect(maskBox).not.toBeChecked();
    await user.click(maskBox);
    await user.click(within(dialog).getByRole('button', { name: 'Download .har' }));
    const masked = await (saved[2] as Blob).text();
    expect(masked).not.toMatch(/eyJhbGciOi|code_verifier=[A-Za-z0-9_-]{20,}|state=[A-Za-z0-9_-]{20,}/);
    expect(masked).toMatch(/code_verifier=[A-Za-z0-9_-]{3}•••••/);
    expect(masked).toMatch(/"access_token\\": \\"eyJ•••••|access_token\\":\\"eyJ•••••/);

    await user.click(within(dialog).getByRole('button', { name: 'Close' }));
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    expect(screen.getByRole('button', { name: 'Export…' })).toHaveFocus();
  });
});
