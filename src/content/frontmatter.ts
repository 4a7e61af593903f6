/**
 * A parser for the restricted front matter the lessons use: a block between two `---` lines, one
 * `key: value` per line, where a value is an integer, a string (unquoted, or double-quoted with `\"`
 * and `\\` escapes) or an inline list `[a, "b, c"]`. No nesting, no multi-line values, no YAML
 * dependency: anything outside this form is an error that names its line.
 */
export type FrontMatterValue = string | number | string[];

export interface FrontMatter {
  data: Record<string, FrontMatterValue>;
  body: string;
  /** The 1-based line of the source on which the body starts. */
  bodyLine: number;
}

export class FrontMatterError extends Error {
  /** 1-based line in the source; 0 when the problem is not on one line. */
  readonly line: number;

  constructor(message: string, line: number) {
    super(line > 0 ? `front matter, line ${line}: ${message}` : `front matter: ${message}`);
    this.name = 'FrontMatterError';
    this.line = line;
  }
}

const FENCE = '---';
const KEY_LINE = /^([A-Za-z_][A-Za-z0-9_-]*):(.*)$/;
const INTEGER = /^-?\d+$/;

export function parseFrontMatter(source: string): FrontMatter {
  const lines = source
    .replace(/^\uFEFF/, '')
    .replace(/\r\n?/g, '\n')
    .split('\n');
  if (lines[0]?.trimEnd() !== FENCE) {
    throw new FrontMatterError('the file must start with a line "---"', 1);
  }
  const close = lines.findIndex((line, index) => index > 0 && line.trimEnd() === FENCE);
  if (close === -1) {
    throw new FrontMatterError('no closing "---" line', 0);
  }

  const data: Record<string, FrontMatterValue> = {};
  for (let index = 1; index < close; index++) {
    const lineNumber = index + 1;
    const line = lines[index] ?? '';
    if (line.trim() === '') continue;
    const match = KEY_LINE.exec(line);
    if (!match) {
      throw new FrontMatterError(`expected "key: value", found ${JSON.stringify(line)}`, lineNumber);
    }
    const key = match[1] ?? '';
    const raw = (match[2] ?? '').trim();
    if (Object.prototype.hasOwnProperty.call(data, key)) {
      throw new FrontMatterError(`duplicate key "${key}"`, lineNumber);
    }
    if (raw === '') {
      throw new FrontMatterError(`key "${key}" has no value`, lineNumber);
    }
    data[key] = parseValue(raw, lineNumber);
  }

  return { data, body: lines.slice(close + 1).join('\n'), bodyLine: close + 2 };
}

function parseValue(raw: string, line: number): FrontMatterValue {
  if (raw.startsWith('[')) return parseList(raw, line);
  if (raw.startsWith('"')) {
    const { value, rest } = readQuoted(raw, line);
    if (rest.trim() !== '') {
      throw new FrontMatterError(`unexpected text after the closing quote: ${JSON.stringify(rest)}`, line);
    }
    return value;
  }
  if (INTEGER.test(raw)) return Number(raw);
  return readPlain(raw, line);
}

function parseList(raw: string, line: number): string[] {
  if (!raw.endsWith(']')) {
    throw new FrontMatterError('a list must end with "]" on the same line', line);
  }
  let rest = raw.slice(1, -1).trim();
  const items: string[] = [];
  if (rest === '') return items;
  for (;;) {
    let item: string;
    if (rest.startsWith('"')) {
      const quoted = readQuoted(rest, line);
      item = quoted.value;
      rest = quoted.rest.trimStart();
    } else {
      const comma = rest.indexOf(',');
      item = readPlain((comma === -1 ? rest : rest.slice(0, comma)).trim(), line);
      rest = comma === -1 ? '' : rest.slice(comma);
    }
    items.push(item);
    if (rest === '') return items;
    if (!rest.startsWith(',')) {
      throw new FrontMatterError(`expected "," between list items, found ${JSON.stringify(rest)}`, line);
    }
    rest = rest.slice(1).trim();
    if (rest === '') {
      throw new FrontMatterError('a list must not end with ","', line);
    }
  }
}

/** A double-quoted string at the start of `text`; returns its value and what follows the quote. */
function readQuoted(text: string, line: number): { value: string; rest: string } {
  let value = '';
  for (let i = 1; i < text.length; i++) {
    const char = text[i];
    if (char === '\\') {
      const next = text[i + 1];
      if (next !== '"' && next !== '\\') {
        throw new FrontMatterError('only \\" and \\\\ escapes are supported in quoted strings', line);
      }
      value += next;
      i++;
    } else if (char === '"') {
      return { value, rest: text.slice(i + 1) };
    } else {
      value += char;
    }
  }
  throw new FrontMatterError('unterminated double-quoted string', line);
}

function readPlain(text: string, line: number): string {
  if (text === '') {
    throw new FrontMatterError('empty list item', line);
  }
  if (text.startsWith("'")) {
    throw new FrontMatterError('single-quoted strings are not supported; use double quotes', line);
  }
  if (/["[\]{}]/.test(text)) {
    throw new FrontMatterError(`unquoted value ${JSON.stringify(text)} contains a quote or bracket`, line);
  }
  return text;
}
