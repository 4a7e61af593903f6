/** The raw HTTP of a message, as it crossed the simulated network: nothing summarised away. */
import type { HeaderList, HttpRequestData, HttpResponseData } from '../../sim/trace/types';
import { useMask } from '../../run/view/MaskContext';
import { parseBody, splitUrl } from '../../run/trace/format';

function Params({ params, lead }: { params: [string, string][]; lead: (first: boolean) => string }) {
  const mask = useMask();
  return (
    <ul className="http__params">
      {params.map(([name, value], i) => (
        <li key={`${name}-${i}`}>
          <span className="http__punct">{lead(i === 0)}</span>
          <span className="http__name">{name}</span>
          <span className="http__punct">=</span>
          <span className="http__value">{mask(value)}</span>
        </li>
      ))}
    </ul>
  );
}

function Headers({ headers }: { headers: HeaderList }) {
  const mask = useMask();
  if (headers.length === 0) return <p className="muted">No headers.</p>;
  return (
    <dl className="http__headers">
      {headers.map(([name, value], i) => (
        <div key={`${name}-${i}`} className="http__header">
          <dt>{name}:</dt>
          <dd>{mask(value)}</dd>
        </div>
      ))}
    </dl>
  );
}

function BodyView({ body, headers }: { body: string | null; headers: HeaderList }) {
  const parsed = parseBody(body, headers);
  const mask = useMask();
  if (!parsed) return <p className="muted">No body.</p>;
  if (parsed.kind === 'form') return <Params params={parsed.params} lead={(first) => (first ? '' : '&')} />;
  return <pre className={`code code--${parsed.kind}`}>{mask(parsed.text)}</pre>;
}

export function RequestView({ request }: { request: HttpRequestData }) {
  const url = splitUrl(request.url);
  return (
    <div className="http" aria-label="HTTP request">
      <h3 className="http__section">Request line</h3>
      <p className="http__line">
        <span className="http__method">{request.method}</span> <span className="http__url">{url.base}</span>
      </p>
      {url.params.length > 0 && (
        <>
          <p className="http__note">Query parameters (decoded), one per line:</p>
          <Params params={url.params} lead={(first) => (first ? '?' : '&')} />
        </>
      )}
      <h3 className="http__section">Headers</h3>
      <Headers headers={request.headers} />
      <h3 className="http__section">Body</h3>
      <BodyView body={request.body} headers={request.headers} />
    </div>
  );
}

export function ResponseView({
  response,
  error,
}: {
  response: HttpResponseData | null;
  error?: string | undefined;
}) {
  if (!response) {
    return (
      <p className="result result--error">
        <span aria-hidden="true">⚠ </span>No server answered{error ? `: ${error}` : ''}.
      </p>
    );
  }
  const failed = response.status >= 400;
  return (
    <div className="http" aria-label="HTTP response">
      <h3 className="http__section">Status</h3>
      <p className={`http__line http__status${failed ? ' http__status--error' : ''}`}>
        {failed && <span aria-hidden="true">⚠ </span>}
        HTTP {response.status} {response.statusText}
        {failed && <span className="http__tag">error answer</span>}
      </p>
      <h3 className="http__section">Headers</h3>
      <Headers headers={response.headers} />
      <h3 className="http__section">Body</h3>
      <BodyView body={response.body} headers={response.headers} />
    </div>
  );
}
