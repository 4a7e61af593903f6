/**
 * Block-level Markdown to a tree the React layer renders (and tests read without a DOM): ATX
 * headings, paragraphs, fenced code, bullet and ordered lists (nested by indentation, tight or
 * loose), GFM pipe tables, blockquotes and thematic breaks. The subset the lessons use, parsed the
 * CommonMark way where it matters (list item continuation lines, lazy paragraph continuation); no
 * raw HTML blocks, no setext headings, no indented code (lessons use fences).
 */
import { parseInline, type Inline } from './inline';

export type { Inline } from './inline';

export type Align = 'left' | 'center' | 'right' | null;

export type Block =
  | { type: 'heading'; level: 1 | 2 | 3 | 4 | 5 | 6; children: Inline[] }
  | { type: 'paragraph'; children: Inline[] }
  | { type: 'code'; lang: string; value: string }
  | { type: 'list'; ordered: boolean; start: number; tight: boolean; items: Block[][] }
  | { type: 'table'; align: Align[]; head: Inline[][]; rows: Inline[][][] }
  | { type: 'blockquote'; children: Block[] }
  | { type: 'hr' };

const FENCE_OPEN = /^( {0,3})(`{3,}|~{3,})[ \t]*([^\s`]*)[^`]*$/;
const ATX = /^ {0,3}(#{1,6})(?:[ \t]+(.*?))?(?:[ \t]+#+)?[ \t]*$/;
const HR = /^ {0,3}(?:(?:-[ \t]*){3,}|(?:\*[ \t]*){3,}|(?:_[ \t]*){3,})$/;
const QUOTE = /^ {0,3}> ?(.*)$/;
const LIST_ITEM = /^( {0,3})([-*+]|(\d{1,9})[.)])(?:([ \t]+)(.*))?$/;
const TABLE_DELIMITER = /^ {0,3}\|?[ \t]*:?-+:?[ \t]*(?:\|[ \t]*:?-+:?[ \t]*)*\|?[ \t]*$/;

const HEADING_LEVELS = [1, 2, 3, 4, 5, 6] as const;

interface ListMarker {
  indent: number;
  /** '-', '*', '+', '.' or ')': items of one list share it. */
  kind: string;
  ordered: boolean;
  start: number;
  /** The column where the item's content starts; continuation lines are indented at least this far. */
  contentIndent: number;
  content: string;
}

function isBlank(line: string): boolean {
  return line.trim() === '';
}

function indentOf(line: string): number {
  return /^ */.exec(line)?.[0].length ?? 0;
}

/** Leading tabs become 4 spaces so that indentation compares by columns. */
function expandLeadingTabs(line: string): string {
  return line.replace(/^[ \t]+/, (space) => space.replace(/\t/g, '    '));
}

function matchListItem(line: string): ListMarker | null {
  const match = LIST_ITEM.exec(line);
  if (!match) return null;
  const indent = match[1]?.length ?? 0;
  const marker = match[2] ?? '';
  const number = match[3];
  const spacing = match[4] ?? '';
  const content = match[5] ?? '';
  // CommonMark: 1-4 spaces after the marker belong to it; more means the content is indented code,
  // which we do not support, so treat it as one space and keep the rest as content.
  const gap = content === '' || spacing.length > 4 ? 1 : spacing.length;
  const extra = spacing.length > 4 ? ' '.repeat(spacing.length - 1) : '';
  return {
    indent,
    kind: number === undefined ? marker : marker.slice(-1),
    ordered: number !== undefined,
    start: number === undefined ? 1 : Number(number),
    contentIndent: indent + marker.length + gap,
    content: extra + content,
  };
}

function isTableStart(lines: readonly string[], index: number): boolean {
  const header = lines[index];
  const delimiter = lines[index + 1];
  if (header === undefined || delimiter === undefined) return false;
  if (!header.includes('|') || !TABLE_DELIMITER.test(delimiter) || !delimiter.includes('-')) return false;
  // GFM: the delimiter row must have as many cells as the header row.
  return splitRow(header).length === splitRow(delimiter).length;
}

/** Whether `line` starts a block that ends a paragraph (CommonMark "can interrupt a paragraph"). */
function interruptsParagraph(line: string): boolean {
  if (FENCE_OPEN.test(line) || ATX.test(line) || HR.test(line) || QUOTE.test(line)) return true;
  const item = matchListItem(line);
  // An ordered list interrupts a paragraph only when it starts at 1, and no empty item interrupts one.
  return item !== null && item.content.trim() !== '' && (!item.ordered || item.start === 1);
}

/** Splits a table row into raw cell texts on pipes that are not escaped. */
function splitRow(line: string): string[] {
  let row = line.trim();
  if (row.startsWith('|')) row = row.slice(1);
  if (row.endsWith('|') && !row.endsWith('\\|')) row = row.slice(0, -1);
  const cells: string[] = [];
  let cell = '';
  for (let i = 0; i < row.length; i++) {
    const char = row.charAt(i);
    if (char === '\\' && row[i + 1] === '|') {
      cell += '|';
      i++;
    } else if (char === '|') {
      cells.push(cell.trim());
      cell = '';
    } else {
      cell += char;
    }
  }
  cells.push(cell.trim());
  return cells;
}

function alignOf(cell: string): Align {
  const left = cell.startsWith(':');
  const right = cell.endsWith(':');
  if (left && right) return 'center';
  if (right) return 'right';
  if (left) return 'left';
  return null;
}

interface Parsed {
  block: Block;
  next: number;
}

function parseFence(lines: readonly string[], index: number): Parsed | null {
  const match = FENCE_OPEN.exec(lines[index] ?? '');
  if (!match) return null;
  const indent = match[1]?.length ?? 0;
  const fence = match[2] ?? '';
  const body: string[] = [];
  let i = index + 1;
  for (; i < lines.length; i++) {
    const line = lines[i] ?? '';
    const close = /^ {0,3}(`{3,}|~{3,})[ \t]*$/.exec(line);
    if (close && close[1]?.charAt(0) === fence.charAt(0) && (close[1]?.length ?? 0) >= fence.length) break;
    // Content lines lose up to the opening fence's indentation.
    body.push(line.replace(new RegExp(`^ {0,${indent}}`), ''));
  }
  return {
    block: { type: 'code', lang: (match[3] ?? '').toLowerCase(), value: body.join('\n') },
    next: i + 1,
  };
}

function parseQuote(lines: readonly string[], index: number): Parsed {
  const inner: string[] = [];
  let i = index;
  while (i < lines.length) {
    const line = lines[i] ?? '';
    const match = QUOTE.exec(line);
    if (match) {
      inner.push(match[1] ?? '');
    } else if (!isBlank(line) && !interruptsParagraph(line) && !isBlank(inner[inner.length - 1] ?? '')) {
      // Lazy continuation: an unmarked line continues the quoted paragraph.
      inner.push(line);
    } else {
      break;
    }
    i++;
  }
  return { block: { type: 'blockquote', children: parseLines(inner) }, next: i };
}

function parseTable(lines: readonly string[], index: number): Parsed {
  const head = splitRow(lines[index] ?? '');
  const align = splitRow(lines[index + 1] ?? '').map(alignOf);
  const rows: Inline[][][] = [];
  let i = index + 2;
  for (; i < lines.length; i++) {
    const line = lines[i] ?? '';
    if (isBlank(line) || !line.includes('|') || interruptsParagraph(line)) break;
    const cells = splitRow(line);
    rows.push(head.map((_, column) => parseInline(cells[column] ?? '')));
  }
  return { block: { type: 'table', align, head: head.map((cell) => parseInline(cell)), rows }, next: i };
}

function parseList(lines: readonly string[], index: number): Parsed | null {
  const first = matchListItem(lines[index] ?? '');
  if (!first) return null;
  const items: Block[][] = [];
  let tight = true;
  let i = index;
  for (;;) {
    const marker = matchListItem(lines[i] ?? '');
    if (!marker || marker.kind !== first.kind || marker.ordered !== first.ordered) break;
    const itemLines = [marker.content];
    i++;
    let previousBlank = false;
    while (i < lines.length) {
      const line = lines[i] ?? '';
      if (isBlank(line)) {
        itemLines.push('');
        previousBlank = true;
        i++;
        continue;
      }
      const indent = indentOf(line);
      const nested = matchListItem(line);
      if (indent >= marker.contentIndent) {
        itemLines.push(line.slice(marker.contentIndent));
      } else if (nested && indent >= marker.indent + 2) {
        // A sub-list indented less than the content column (e.g. 2 spaces under "1. ") still nests.
        itemLines.push(line.slice(indent));
      } else if (previousBlank || nested || interruptsParagraph(line)) {
        break;
      } else {
        // Lazy continuation of the item's paragraph.
        itemLines.push(line.trimStart());
      }
      previousBlank = false;
      i++;
    }
    let trailingBlank = false;
    while (itemLines.length > 1 && isBlank(itemLines[itemLines.length - 1] ?? '')) {
      itemLines.pop();
      trailingBlank = true;
    }
    const children = parseLines(itemLines);
    // Loose if blank lines separate the item's own blocks, or separate it from the next item.
    if (itemLines.some((line, at) => at > 0 && isBlank(line)) && children.length > 1) tight = false;
    const following = matchListItem(lines[i] ?? '');
    const continues =
      following !== null && following.kind === first.kind && following.ordered === first.ordered;
    if (trailingBlank && continues) tight = false;
    items.push(children);
    if (!continues) break;
  }
  return { block: { type: 'list', ordered: first.ordered, start: first.start, tight, items }, next: i };
}

function parseParagraph(lines: readonly string[], index: number): Parsed {
  const text: string[] = [];
  let i = index;
  for (; i < lines.length; i++) {
    const line = lines[i] ?? '';
    if (isBlank(line)) break;
    if (i > index && (interruptsParagraph(line) || isTableStart(lines, i))) break;
    text.push(line.trimStart());
  }
  return { block: { type: 'paragraph', children: parseInline(text.join('\n').trimEnd()) }, next: i };
}

function parseLines(lines: readonly string[]): Block[] {
  const blocks: Block[] = [];
  let i = 0;
  while (i < lines.length) {
    const line = lines[i] ?? '';
    if (isBlank(line)) {
      i++;
      continue;
    }
    const heading = ATX.exec(line);
    let parsed: Parsed | null;
    if (heading) {
      parsed = {
        block: {
          type: 'heading',
          level: HEADING_LEVELS[(heading[1]?.length ?? 1) - 1] ?? 6,
          children: parseInline((heading[2] ?? '').trim()),
        },
        next: i + 1,
      };
    } else if (HR.test(line)) {
      parsed = { block: { type: 'hr' }, next: i + 1 };
    } else if (QUOTE.test(line)) {
      parsed = parseQuote(lines, i);
    } else if (isTableStart(lines, i)) {
      parsed = parseTable(lines, i);
    } else {
      parsed = parseFence(lines, i) ?? parseList(lines, i) ?? parseParagraph(lines, i);
    }
    blocks.push(parsed.block);
    i = Math.max(parsed.next, i + 1);
  }
  return blocks;
}

/** Parses a Markdown document (a lesson body) into blocks. Never throws: odd input becomes text. */
export function parseMarkdown(source: string): Block[] {
  const lines = source
    .replace(/^\uFEFF/, '')
    .replace(/\r\n?/g, '\n')
    .split('\n')
    .map(expandLeadingTabs);
  return parseLines(lines);
}
