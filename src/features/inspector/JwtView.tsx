/**
 * A JWT taken apart: its three parts, the header and every claim with what it means, times in the
 * simulated clock. Display only: the inspector decodes, the MCP server is the one that verifies.
 */
import { useCore } from '../../run/core/useCore';
import { useMask } from '../../run/view/MaskContext';
import { formatTime, relativeTo } from '../../run/trace/format';
import { claimTexts, SIGNATURE_TEXT, TIME_CLAIMS, TOKEN_TITLE } from './tokens';
import type { FoundToken } from './tokens';

function show(value: unknown): string {
  return typeof value === 'string' ? value : JSON.stringify(value);
}

function ClaimTable({
  entries,
  texts,
  at,
  caption,
}: {
  entries: [string, unknown][];
  texts: Record<string, string>;
  at: number;
  caption: string;
}) {
  return (
    <table className="claims">
      <caption>{caption}</caption>
      <thead>
        <tr>
          <th scope="col">Claim</th>
          <th scope="col">Value</th>
          <th scope="col">Meaning</th>
        </tr>
      </thead>
      <tbody>
        {entries.map(([name, value]) => (
          <tr key={name}>
            <th scope="row">
              <code>{name}</code>
            </th>
            <td className="claims__value">
              <code>{show(value)}</code>
              {TIME_CLAIMS.has(name) && typeof value === 'number' && (
                <span className="claims__time">
                  {formatTime(value)} · {relativeTo(value, at)}
                </span>
              )}
            </td>
            <td>{texts[name] ?? 'Another claim its issuer chose to include.'}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

export function JwtView({ tokens, at }: { tokens: FoundToken[]; at: number }) {
  const { core } = useCore();
  const mask = useMask();
  return (
    <div className="jwt">
      {tokens.map(({ where, token, kind }) => {
        const decoded = core?.peekJwt(token) ?? null;
        const [header = '', payload = '', signature = ''] = token.split('.');
        return (
          <section key={`${where}-${token}`} className="jwt__token" aria-label={`Decoded JWT: ${where}`}>
            <h3 className="http__section">
              Decoded JWT · {TOKEN_TITLE[kind]} · {where}
            </h3>
            {decoded ? (
              <>
                <ClaimTable
                  caption="Payload (claims)"
                  entries={Object.entries(decoded.payload)}
                  texts={claimTexts(kind, 'payload')}
                  at={at}
                />
                <ClaimTable
                  caption="Header"
                  entries={Object.entries(decoded.header)}
                  texts={claimTexts(kind, 'header')}
                  at={at}
                />
                <p className="muted">
                  Signature: {typeof decoded.header.alg === 'string' ? decoded.header.alg : 'none'} over the
                  first two parts. The inspector only decodes the token. {SIGNATURE_TEXT[kind]}
                </p>
              </>
            ) : (
              <p className="muted">{core ? 'This value is not a decodable JWT.' : 'Loading the decoder…'}</p>
            )}
            <details className="jwt__encoded">
              <summary>The token as it travels: header . payload . signature, each base64url</summary>
              <p className="jwt__compact">
                <span className="jwt__part jwt__part--header">{mask(header)}</span>.
                <span className="jwt__part jwt__part--payload">{mask(payload)}</span>.
                <span className="jwt__part jwt__part--signature">{mask(signature)}</span>
              </p>
            </details>
          </section>
        );
      })}
    </div>
  );
}
