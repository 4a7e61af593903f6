// @vitest-environment happy-dom
import { afterEach, describe, expect, it } from 'vitest';
import { cleanup, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { options, renderSim, settled } from '../../app/simulator/testing';

afterEach(cleanup);

const inspector = () => screen.getByRole('region', { name: /Inspector/ });

async function openAt(input: Parameters<typeof renderSim>[0]) {
  const user = userEvent.setup();
  renderSim(input);
  await settled();
  return user;
}

describe('the inspector', () => {
  it('shows a request with each query parameter on its own line, decoded', async () => {
    const user = await openAt({ target: { kind: 'step', step: 'authorize', part: 'request' } });
    const view = within(inspector());
    expect(view.getByText('https://auth.example.com/authorize')).toBeInTheDocument();
    const params = view.getAllByRole('listitem').map((li) => li.textContent);
    expect(params).toContain('?response_type=code');
    expect(params).toContain('&redirect_uri=http://127.0.0.1:33418/callback');
    expect(params).toContain('&code_challenge_method=S256');
    // The PKCE tab shows only the challenge travelling, and the verifier behind it.
    await user.click(view.getByRole('tab', { name: 'PKCE' }));
    expect(view.getByText(/Only the challenge travels/)).toBeInTheDocument();
    await waitFor(() =>
      expect(
        view.getByText(/BASE64URL\(SHA-256\(verifier\)\) equals the code_challenge sent/),
      ).toBeInTheDocument(),
    );
  });

  it('shows an error answer as part of the lesson: status, WWW-Authenticate and body', async () => {
    await openAt({ target: { kind: 'count', count: 2 } });
    const view = within(inspector());
    expect(view.getByText(/HTTP 401 Unauthorized/)).toBeInTheDocument();
    expect(view.getByText('error answer')).toBeInTheDocument();
    expect(view.getByText(/^www-authenticate:$/i)).toBeInTheDocument();
    expect(view.getByText(/resource_metadata="https:\/\/mcp\.example\.com/)).toBeInTheDocument();
    expect(view.getByText(/"message": "This MCP server requires authorization/)).toBeInTheDocument();
  });

  it('decodes the access token of the token response, claim by claim, with simulated times', async () => {
    const user = await openAt({ target: { kind: 'step', step: 'token', part: 'response' } });
    const view = within(inspector());
    expect(view.getByText(/Access token \(\+ refresh token\)/)).toBeInTheDocument();
    await user.click(view.getByRole('tab', { name: 'JWT' }));
    const payload = view.getByRole('table', { name: 'Payload (claims)' });
    const row = (claim: string) =>
      within(payload).getByRole('rowheader', { name: claim }).closest('tr') as HTMLElement;
    expect(row('aud')).toHaveTextContent('https://mcp.example.com/mcp');
    expect(row('aud')).toHaveTextContent(/RFC 8707/);
    expect(row('iss')).toHaveTextContent('https://auth.example.com');
    expect(row('scope')).toHaveTextContent('files:read');
    expect(row('iat')).toHaveTextContent('2026-07-28 09:00:00 UTC');
    expect(row('exp')).toHaveTextContent('2026-07-28 10:00:00 UTC');
    expect(row('exp')).toHaveTextContent('1 h after this message');
    for (const claim of ['sub', 'client_id', 'jti']) expect(row(claim)).toBeInTheDocument();
    const header = view.getByRole('table', { name: 'Header' });
    expect(within(header).getByRole('rowheader', { name: 'typ' }).closest('tr')).toHaveTextContent('at+jwt');
  });

  it('shows the server recomputing the PKCE challenge at the token endpoint', async () => {
    const user = await openAt({ target: { kind: 'step', step: 'verify-pkce' } });
    const view = within(inspector());
    await user.click(view.getByRole('tab', { name: 'PKCE' }));
    expect(view.getByText('computed_challenge (just now)')).toBeInTheDocument();
    expect(view.getByText('stored_challenge (from /authorize)')).toBeInTheDocument();
    await waitFor(() => expect(view.getByText(/^[0-9a-f]{64}$/)).toBeInTheDocument());
    expect(view.getByText(/the caller holds the verifier/)).toBeInTheDocument();
  });

  it("lists the MCP server's token checklist, each check with its verdict and rule", async () => {
    await openAt({ target: { kind: 'step', step: 'validate-token' } });
    const view = within(inspector());
    expect(view.getByRole('heading', { name: /token checklist · all 6 passed/ })).toBeInTheDocument();
    const items = view.getAllByRole('listitem').filter((li) => li.classList.contains('checklist__item'));
    expect(items.map((li) => li.querySelector('.checklist__label')?.textContent)).toEqual([
      'Pass:  SignatureS-05',
      'Pass:  IssuerS-05',
      'Pass:  ExpiryS-05',
      'Pass:  SubjectS-05',
      'Pass:  AudienceS-06',
      'Pass:  ScopeS-14',
    ]);
  });

  it('flags the failed check when an expired token is refused', async () => {
    await openAt({
      config: { seed: 'demo', scenario: 'refresh', registration: 'cimd' },
      target: { kind: 'count', count: 32 },
    });
    const view = within(inspector());
    expect(options().at(-1)).toHaveTextContent(/refused/);
    expect(view.getByRole('heading', { name: /token checklist · 1 of 6 failed/ })).toBeInTheDocument();
    const failed = view
      .getAllByRole('listitem')
      .filter((li) => li.classList.contains('checklist__item--fail'));
    expect(failed).toHaveLength(1);
    expect(failed[0]).toHaveTextContent(/Fail.*Expiry.*S-05/);
  });

  it('shows a check the party skipped as not checked, never as passed', async () => {
    await openAt({
      config: {
        seed: 'demo',
        scenario: 'first-connection',
        registration: 'cimd',
        attack: { id: 'mix-up', defence: 'off' },
      },
      target: { kind: 'step', step: 'validate-callback' },
    });
    const view = within(inspector());
    expect(view.getByRole('heading', { name: /1 passed, 1 not checked/ })).toBeInTheDocument();
    const skipped = view
      .getAllByRole('listitem')
      .filter((li) => li.classList.contains('checklist__item--skipped'));
    expect(skipped).toHaveLength(1);
    expect(skipped[0]).toHaveTextContent(/Not checked.*iss.*C-19/);
  });

  it('decodes a DPoP proof claim by claim, and says DPoP is in no published MCP revision', async () => {
    const user = await openAt({
      config: { seed: 'demo', scenario: 'dpop', registration: 'cimd' },
      target: { kind: 'step', step: 'token', part: 'request' },
    });
    const view = within(inspector());
    await user.click(view.getByRole('tab', { name: 'JWT' }));
    const proof = view.getByRole('region', { name: /Decoded JWT: DPoP header/ });
    expect(within(proof).getByRole('heading', { name: /DPoP proof/ })).toBeInTheDocument();
    const payload = within(proof).getByRole('table', { name: 'Payload (claims)' });
    const row = (claim: string) =>
      within(payload).getByRole('rowheader', { name: claim }).closest('tr') as HTMLElement;
    expect(row('htm')).toHaveTextContent(/POST.*S-51/);
    expect(row('htu')).toHaveTextContent(/https:\/\/auth\.example\.com\/token.*without query or fragment/);
    expect(row('jti')).toHaveTextContent(/S-54/);
    const header = within(proof).getByRole('table', { name: 'Header' });
    expect(within(header).getByRole('rowheader', { name: 'typ' }).closest('tr')).toHaveTextContent(
      /dpop\+jwt/,
    );
    expect(within(proof).getByText(/on the MCP roadmap and in no published revision/)).toBeInTheDocument();
  });

  it('decodes the ID-JAG of the token exchange with its own meanings', async () => {
    const user = await openAt({
      config: { seed: 'demo', scenario: 'enterprise', registration: 'cimd' },
      target: { kind: 'step', step: 'token-exchange', part: 'response' },
    });
    const view = within(inspector());
    await user.click(view.getByRole('tab', { name: 'JWT' }));
    const grant = view.getByRole('region', { name: /Decoded JWT: access_token/ });
    expect(within(grant).getByRole('heading', { name: /ID-JAG/ })).toBeInTheDocument();
    const payload = within(grant).getByRole('table', { name: 'Payload (claims)' });
    expect(within(payload).getByRole('rowheader', { name: 'aud' }).closest('tr')).toHaveTextContent(/A-54/);
    expect(within(payload).getByRole('rowheader', { name: 'resource' }).closest('tr')).toHaveTextContent(
      /https:\/\/mcp\.example\.com\/mcp.*A-56/,
    );
  });
});
