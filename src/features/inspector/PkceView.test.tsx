// @vitest-environment happy-dom
/** The plain downgrade in the inspector: no hash chain to show, and why that defeats PKCE. */
import { afterEach, describe, expect, it } from 'vitest';
import { cleanup, render, screen } from '@testing-library/react';
import { PkceView } from './PkceView';

afterEach(cleanup);

const VERIFIER = 'dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk';

describe('PkceView with the plain method', () => {
  it('shows the challenge as the verifier itself, and the rule that forbids it', () => {
    render(
      <PkceView facts={{ role: 'challenge', challenge: VERIFIER, method: 'plain', verifier: VERIFIER }} />,
    );
    expect(screen.getByText(/the code_challenge is the code_verifier itself/)).toBeInTheDocument();
    expect(screen.getByText(/MUST use S256 \(C-27\)/)).toBeInTheDocument();
    expect(screen.getByRole('list', { name: 'The plain challenge' })).toHaveTextContent(VERIFIER);
    // No SHA-256 chain that would wrongly claim a mismatch.
    expect(screen.queryByText(/does not match this verifier/)).toBeNull();
  });

  it("at the token endpoint, a thief's verifier equal to the stored plain challenge is accepted", () => {
    render(<PkceView facts={{ role: 'verify', verifier: VERIFIER, computed: VERIFIER, stored: VERIFIER }} />);
    expect(screen.getByText(/the verifier equals the stored challenge/)).toBeInTheDocument();
  });
});
