/**
 * Inline Markdown to a small tree: text, **strong**, *emphasis*, `code`, [links](href), <autolinks>
 * and line breaks. Deliberately a subset: no raw HTML (the one tag read is `<br>`, which the lessons'
 * tables use for a line break inside a cell, and it becomes a break node, not markup), no images
 * (their alt text is kept as text), no reference links. Everything else stays literal text, which
 * React escapes, so no input can inject markup.
 */
export type Inline =
  | { type: 'text'; value: string }
  | { type: 'strong'; children: Inline[] }
  | { type: 'em'; children: Inline[] }
  | { type: 'code'; value: string }
  | { type: 'link'; href: string; children: Inline[] }
  | { type: 'break' };

const ASCII_PUNCTUATION = /[!-/:-@[-`{-~]/;
const WORD_CHAR = /[\p{L}\p{N}]/u;
const AUTOLINK = /^<((?:https?:\/\/|mailto:)[^\s<>]+)>/i;
const BR_TAG = /^<br\s*\/?>/i;

function isSpace(char: string | undefined): boolean {
  return char === undefined || /\s/.test(char);
}

function runLength(text: string, at: number, char: string): number {
  let end = at;
  while (text[end] === char) end++;
  return end - at;
}

/** The index just after the code span that opens at `at`, or -1 if its backtick run is never closed. */
function codeSpanEnd(text: string, at: number): number {
  const length = runLength(text, at, '`');
  let search = at + length;
  for (;;) {
    const close = text.indexOf('`', search);
    if (close === -1) return -1;
    const closeLength = runLength(text, close, '`');
    if (closeLength === length) return close + closeLength;
    search = close + closeLength;
  }
}

/** Inline code content: line endings become spaces; one space is stripped from each end if both have one. */
function codeContent(raw: string): string {
  const value = raw.replace(/\n/g, ' ');
  if (value.length > 2 && value.startsWith(' ') && value.endsWith(' ') && value.trim() !== '') {
    return value.slice(1, -1);
  }
  return value;
}

interface LinkMatch {
  label: string;
  href: string;
  end: number;
}

/** Parses `[label](href "title")` starting at the `[` at `at`. */
function matchLink(text: string, at: number): LinkMatch | null {
  let depth = 0;
  let i = at;
  for (; i < text.length; i++) {
    const char = text[i];
    if (char === '\\') {
      i++;
    } else if (char === '`') {
      const end = codeSpanEnd(text, i);
      if (end !== -1) i = end - 1;
    } else if (char === '[') {
      depth++;
    } else if (char === ']') {
      depth--;
      if (depth === 0) break;
    }
  }
  if (depth !== 0 || text[i + 1] !== '(') return null;
  const label = text.slice(at + 1, i);
  const rest = text.slice(i + 2);
  const destination =
    /^[ \t\n]*(?:<([^<>\n]*)>|((?:[^\s()\\]|\\.|\((?:[^\s()\\]|\\.)*\))+))?(?:[ \t\n]+("[^"]*"|'[^']*'))?[ \t\n]*\)/.exec(
      rest,
    );
  if (!destination) return null;
  const href = (destination[1] ?? destination[2] ?? '').replace(/\\([!-/:-@[-`{-~])/g, '$1');
  return { label, href, end: i + 2 + destination[0].length };
}

/** The closing delimiter for emphasis opened at `from` with `delimiter` ('*', '**', '_' …), or -1. */
function findCloser(text: string, from: number, delimiter: string): number {
  const char = delimiter.charAt(0);
  for (let j = from; j < text.length; j++) {
    const current = text[j];
    if (current === '\\') {
      j++;
      continue;
    }
    if (current === '`') {
      const end = codeSpanEnd(text, j);
      if (end !== -1) j = end - 1;
      continue;
    }
    if (current !== char) continue;
    const run = runLength(text, j, char);
    const rightFlanking = !isSpace(text[j - 1]);
    const wordAfter = WORD_CHAR.test(text[j + run] ?? '');
    const closes = rightFlanking && (char === '*' || !wordAfter);
    if (closes && j > from) {
      if (run === delimiter.length) return j;
      // A longer run can close a shorter delimiter at its end (`**a *b***`) only when it is the
      // exact combination; otherwise skip it as a nested delimiter of another length.
      if (run === 3 && delimiter.length < 3) return j + 3 - delimiter.length;
    }
    j += run - 1;
  }
  return -1;
}

function tryEmphasis(text: string, at: number): { node: Inline; end: number } | null {
  const char = text.charAt(at);
  const run = runLength(text, at, char);
  const after = text[at + run];
  const before = text[at - 1];
  if (isSpace(after)) return null;
  if (char === '_' && WORD_CHAR.test(before ?? '')) return null;
  const attempts = run >= 3 ? [3, 2, 1] : run === 2 ? [2, 1] : [1];
  for (const length of attempts) {
    const delimiter = char.repeat(length);
    const close = findCloser(text, at + length, delimiter);
    if (close === -1) continue;
    const inner = parseInline(text.slice(at + length, close));
    const node: Inline =
      length === 3
        ? { type: 'em', children: [{ type: 'strong', children: inner }] }
        : length === 2
          ? { type: 'strong', children: inner }
          : { type: 'em', children: inner };
    if (length < run) {
      // `**` that found only a single closer: the extra delimiter stays literal text.
      return {
        node: { type: 'text', value: char.repeat(run - length) },
        end: at + run - length,
      };
    }
    return { node, end: close + length };
  }
  return null;
}

function pushText(out: Inline[], value: string): void {
  if (value === '') return;
  const last = out[out.length - 1];
  if (last?.type === 'text') last.value += value;
  else out.push({ type: 'text', value });
}

/** Parses one paragraph's (or cell's) inline content. Line breaks inside `text` are soft unless hard. */
export function parseInline(text: string): Inline[] {
  const out: Inline[] = [];
  let buffer = '';
  const flush = (): void => {
    pushText(out, buffer);
    buffer = '';
  };
  let i = 0;
  while (i < text.length) {
    const char = text.charAt(i);
    const next = text[i + 1];
    if (char === '\\' && next !== undefined) {
      if (next === '\n') {
        flush();
        out.push({ type: 'break' });
        i += 2;
        while (text[i] === ' ' || text[i] === '\t') i++;
      } else if (ASCII_PUNCTUATION.test(next)) {
        buffer += next;
        i += 2;
      } else {
        buffer += char;
        i++;
      }
    } else if (char === '`') {
      const end = codeSpanEnd(text, i);
      if (end === -1) {
        const length = runLength(text, i, '`');
        buffer += text.slice(i, i + length);
        i += length;
      } else {
        const length = runLength(text, i, '`');
        flush();
        out.push({ type: 'code', value: codeContent(text.slice(i + length, end - length)) });
        i = end;
      }
    } else if (char === '<') {
      const autolink = AUTOLINK.exec(text.slice(i));
      const br = BR_TAG.exec(text.slice(i));
      if (autolink) {
        const href = autolink[1] ?? '';
        flush();
        out.push({ type: 'link', href, children: [{ type: 'text', value: href }] });
        i += autolink[0].length;
      } else if (br) {
        // Spaces around a break are not content.
        buffer = buffer.replace(/[ \t]+$/, '');
        flush();
        out.push({ type: 'break' });
        i += br[0].length;
        while (text[i] === ' ' || text[i] === '\t') i++;
      } else {
        buffer += char;
        i++;
      }
    } else if (char === '!' && next === '[') {
      const image = matchLink(text, i + 1);
      if (image) {
        // Images are not rendered; their alt text stands in for them.
        buffer += image.label;
        i = image.end;
      } else {
        buffer += char;
        i++;
      }
    } else if (char === '[') {
      const link = matchLink(text, i);
      if (link) {
        flush();
        out.push({ type: 'link', href: link.href, children: parseInline(link.label) });
        i = link.end;
      } else {
        buffer += char;
        i++;
      }
    } else if (char === '*' || char === '_') {
      const emphasis = tryEmphasis(text, i);
      if (emphasis) {
        flush();
        if (emphasis.node.type === 'text') pushText(out, emphasis.node.value);
        else out.push(emphasis.node);
        i = emphasis.end;
      } else {
        const length = runLength(text, i, char);
        buffer += text.slice(i, i + length);
        i += length;
      }
    } else if (char === '\n') {
      const hard = / {2,}$/.test(buffer);
      buffer = buffer.replace(/[ \t]+$/, '');
      if (hard) {
        flush();
        out.push({ type: 'break' });
      } else {
        buffer += ' ';
      }
      i++;
      while (text[i] === ' ' || text[i] === '\t') i++;
    } else {
      buffer += char;
      i++;
    }
  }
  flush();
  return out;
}

/** The plain text of inline nodes (for accessible names, titles and tests). */
export function inlineText(nodes: readonly Inline[]): string {
  return nodes
    .map((node) => {
      switch (node.type) {
        case 'text':
        case 'code':
          return node.value;
        case 'break':
          return ' ';
        case 'em':
        case 'strong':
        case 'link':
          return inlineText(node.children);
      }
    })
    .join('');
}
