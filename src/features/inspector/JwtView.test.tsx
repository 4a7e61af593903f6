// @vitest-environment happy-dom
/**
 * The inspector decodes a token with the core it reaches through useCore, with no player above it:
 * the core is loaded for the view itself, not borrowed from a player's context.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { cleanup, render, screen } from '@testing-library/react';
import { JwtView } from './JwtView';

afterEach(cleanup);

const part = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');
const TOKEN = `${part({ alg: 'ES256', typ: 'at+jwt' })}.${part({ sub: 'alex', aud: 'https://mcp.example.com/mcp', exp: 3600 })}.c2ln`;

describe('JwtView without a player', () => {
  it('loads the decoder itself and shows the claims', async () => {
    render(
      <JwtView tokens={[{ where: 'Authorization header', token: TOKEN, kind: 'access-token' }]} at={0} />,
    );
    // The decoder is its own chunk: its first load can take more than a second on a busy machine.
    const payload = await screen.findByRole('table', { name: 'Payload (claims)' }, { timeout: 10_000 });
    expect(payload).toHaveTextContent('https://mcp.example.com/mcp');
    expect(payload).toHaveTextContent('alex');
    expect(screen.getByRole('table', { name: 'Header' })).toHaveTextContent('at+jwt');
  });

  it('says so when the value is not a JWT', async () => {
    render(
      <JwtView
        tokens={[{ where: 'Authorization header', token: 'not.a.jwt', kind: 'access-token' }]}
        at={0}
      />,
    );
    expect(
      await screen.findByText('This value is not a decodable JWT.', {}, { timeout: 10_000 }),
    ).toBeInTheDocument();
  });
});
