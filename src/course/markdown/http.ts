/**
 * A light reading aid for raw HTTP messages (```http blocks and the quiz's spot-the-bug messages):
 * the request or status line, header names and values, indented continuation lines and the body are
 * told apart, so the renderer can style them. The text itself is never changed: joining every
 * line's parts gives back the input exactly.
 */
export type HttpPartKind = 'method' | 'target' | 'version' | 'status' | 'reason' | 'name' | 'value' | 'text';

export interface HttpPart {
  kind: HttpPartKind;
  text: string;
}

export type HttpLineKind = 'request-line' | 'status-line' | 'header' | 'continuation' | 'body' | 'blank';

export interface HttpLine {
  kind: HttpLineKind;
  parts: HttpPart[];
}

const REQUEST_LINE = /^([A-Z]+)( +)(\S+)( +)(HTTP\/\d(?:\.\d)?)(.*)$/;
// A request line wrapped for reading ("GET /authorize?a=1" with the query continued on later lines).
const REQUEST_START = /^(GET|POST|PUT|PATCH|DELETE|HEAD|OPTIONS)( +)(\S.*)$/;
const STATUS_LINE = /^(HTTP\/\d(?:\.\d)?)( +)(\d{3})(.*)$/;
const HEADER = /^([!#$%&'*+.^_`|~0-9A-Za-z-]+)(:)(.*)$/;

function startLine(line: string): HttpLine | null {
  const request = REQUEST_LINE.exec(line);
  if (request) {
    return {
      kind: 'request-line',
      parts: [
        { kind: 'method', text: request[1] ?? '' },
        { kind: 'text', text: request[2] ?? '' },
        { kind: 'target', text: request[3] ?? '' },
        { kind: 'text', text: request[4] ?? '' },
        { kind: 'version', text: (request[5] ?? '') + (request[6] ?? '') },
      ],
    };
  }
  const status = STATUS_LINE.exec(line);
  if (status) {
    return {
      kind: 'status-line',
      parts: [
        { kind: 'version', text: status[1] ?? '' },
        { kind: 'text', text: status[2] ?? '' },
        { kind: 'status', text: status[3] ?? '' },
        { kind: 'reason', text: status[4] ?? '' },
      ],
    };
  }
  const wrapped = REQUEST_START.exec(line);
  if (wrapped) {
    return {
      kind: 'request-line',
      parts: [
        { kind: 'method', text: wrapped[1] ?? '' },
        { kind: 'text', text: wrapped[2] ?? '' },
        { kind: 'target', text: wrapped[3] ?? '' },
      ],
    };
  }
  return null;
}

/**
 * Splits HTTP text into styled lines. After a start line come headers (and indented continuation
 * lines) until a blank line; then the body, until the next start line (a response after a request).
 */
export function highlightHttp(text: string): HttpLine[] {
  let section: 'start' | 'headers' | 'body' = 'start';
  return text.split('\n').map((line): HttpLine => {
    if (line.trim() === '') {
      if (section === 'headers') section = 'body';
      return { kind: 'blank', parts: line === '' ? [] : [{ kind: 'text', text: line }] };
    }
    if (section !== 'headers' || /^[A-Z]+ \S+ HTTP\/|^HTTP\/\d/.test(line)) {
      const start = startLine(line);
      if (start) {
        section = 'headers';
        return start;
      }
    }
    if (section === 'headers') {
      if (/^[ \t]/.test(line)) return { kind: 'continuation', parts: [{ kind: 'target', text: line }] };
      const header = HEADER.exec(line);
      if (header) {
        return {
          kind: 'header',
          parts: [
            { kind: 'name', text: (header[1] ?? '') + (header[2] ?? '') },
            { kind: 'value', text: header[3] ?? '' },
          ],
        };
      }
    }
    return { kind: 'body', parts: [{ kind: 'text', text: line }] };
  });
}
