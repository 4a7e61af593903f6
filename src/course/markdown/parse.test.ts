import { describe, expect, it } from 'vitest';
import { LESSONS } from '../../content/load';
import { highlightHttp } from './http';
import { inlineText, parseInline } from './inline';
import { linkTarget } from './links';
import { parseMarkdown, type Block } from './parse';

const text = (value: string) => ({ type: 'text', value });

function only<T>(items: readonly T[]): T {
  expect(items).toHaveLength(1);
  const [item] = items;
  if (item === undefined) throw new Error('no item');
  return item;
}

function blockOf<K extends Block['type']>(block: Block | undefined, type: K): Extract<Block, { type: K }> {
  if (block?.type !== type) throw new Error(`expected a ${type}, got ${block?.type ?? 'nothing'}`);
  return block as Extract<Block, { type: K }>;
}

describe('parseInline', () => {
  it('parses strong, emphasis and code', () => {
    expect(parseInline('a **b** *c* `d` e')).toEqual([
      text('a '),
      { type: 'strong', children: [text('b')] },
      text(' '),
      { type: 'em', children: [text('c')] },
      text(' '),
      { type: 'code', value: 'd' },
      text(' e'),
    ]);
  });

  it('nests strong inside emphasis and handles ***both***', () => {
    expect(parseInline('*a **b** c*')).toEqual([
      { type: 'em', children: [text('a '), { type: 'strong', children: [text('b')] }, text(' c')] },
    ]);
    expect(parseInline('***x***')).toEqual([
      { type: 'em', children: [{ type: 'strong', children: [text('x')] }] },
    ]);
  });

  it('leaves intraword underscores and lone asterisks alone', () => {
    expect(parseInline('send access_token and client_id')).toEqual([text('send access_token and client_id')]);
    expect(parseInline('2 * 3 * 4')).toEqual([text('2 * 3 * 4')]);
    expect(parseInline('_real emphasis_')).toEqual([{ type: 'em', children: [text('real emphasis')] }]);
  });

  it('does not find emphasis inside code spans', () => {
    expect(parseInline('`mcp:exec:*` and *x*')).toEqual([
      { type: 'code', value: 'mcp:exec:*' },
      text(' and '),
      { type: 'em', children: [text('x')] },
    ]);
  });

  it('keeps code span content literal, with double-backtick spans and unmatched backticks', () => {
    expect(parseInline('``a `b` c``')).toEqual([{ type: 'code', value: 'a `b` c' }]);
    expect(parseInline('a ` b')).toEqual([text('a ` b')]);
    expect(parseInline('`<script>**x**</script>`')).toEqual([
      { type: 'code', value: '<script>**x**</script>' },
    ]);
  });

  it('parses links with formatted text, titles and parentheses in the address', () => {
    expect(
      parseInline('[Try it: **the 401**](#/sim?scenario=first-connection&at=mcp-unauthenticated)'),
    ).toEqual([
      {
        type: 'link',
        href: '#/sim?scenario=first-connection&at=mcp-unauthenticated',
        children: [text('Try it: '), { type: 'strong', children: [text('the 401')] }],
      },
    ]);
    expect(parseInline('[x](https://a.example/p_(1) "Title")')).toEqual([
      { type: 'link', href: 'https://a.example/p_(1)', children: [text('x')] },
    ]);
  });

  it('parses several links on one line (defence off · defence on)', () => {
    const nodes = parseInline(
      '[Try it: defence off](#/sim?attack=mix-up&defence=off) · [defence on](#/sim?attack=mix-up&defence=on)',
    );
    expect(nodes.map((node) => node.type)).toEqual(['link', 'text', 'link']);
    expect(inlineText(nodes)).toBe('Try it: defence off · defence on');
  });

  it('treats brackets that are not links as text', () => {
    expect(parseInline('a [b] c and [d] (e)')).toEqual([text('a [b] c and [d] (e)')]);
  });

  it('turns soft line breaks into spaces and hard ones into breaks', () => {
    expect(parseInline('one\n  two')).toEqual([text('one two')]);
    expect(parseInline('one  \ntwo')).toEqual([text('one'), { type: 'break' }, text('two')]);
    expect(parseInline('one\\\ntwo')).toEqual([text('one'), { type: 'break' }, text('two')]);
  });

  it('reads <br> as a break but keeps every other tag as literal text', () => {
    expect(parseInline('1. a <br> 2. b')).toEqual([text('1. a'), { type: 'break' }, text('2. b')]);
    expect(parseInline('<img src=x onerror=alert(1)> <b>x</b>')).toEqual([
      text('<img src=x onerror=alert(1)> <b>x</b>'),
    ]);
    expect(parseInline('code=<attacker’s code>')).toEqual([text('code=<attacker’s code>')]);
  });

  it('parses autolinks and escapes', () => {
    expect(parseInline('<https://example.com/x>')).toEqual([
      { type: 'link', href: 'https://example.com/x', children: [text('https://example.com/x')] },
    ]);
    expect(parseInline('\\*not emphasis\\* \\[not a link](x)')).toEqual([
      text('*not emphasis* [not a link](x)'),
    ]);
  });

  it('keeps the alt text of images but never an image', () => {
    expect(parseInline('![a diagram](https://example.com/d.png)')).toEqual([text('a diagram')]);
  });
});

describe('parseMarkdown', () => {
  it('parses ATX headings at every level, with closing hashes removed', () => {
    const blocks = parseMarkdown('# One\n\n### Three ###\n\n###### Six');
    expect(blocks).toEqual([
      { type: 'heading', level: 1, children: [text('One')] },
      { type: 'heading', level: 3, children: [text('Three')] },
      { type: 'heading', level: 6, children: [text('Six')] },
    ]);
    expect(parseMarkdown('#NoSpace')).toEqual([{ type: 'paragraph', children: [text('#NoSpace')] }]);
  });

  it('joins paragraph lines and separates paragraphs at blank lines', () => {
    const blocks = parseMarkdown('First line\nsecond line.\n\nNew paragraph.');
    expect(blocks).toEqual([
      { type: 'paragraph', children: [text('First line second line.')] },
      { type: 'paragraph', children: [text('New paragraph.')] },
    ]);
  });

  it('parses fenced code blocks with their language, keeping the content verbatim', () => {
    const source = '```http\nPOST /mcp HTTP/1.1\nHost: mcp.example.com\n\n{"a": "**b**"}\n```\nafter';
    expect(parseMarkdown(source)).toEqual([
      { type: 'code', lang: 'http', value: 'POST /mcp HTTP/1.1\nHost: mcp.example.com\n\n{"a": "**b**"}' },
      { type: 'paragraph', children: [text('after')] },
    ]);
  });

  it('does not end a fence at a shorter or different fence, and runs an unclosed fence to the end', () => {
    const blocks = parseMarkdown('````\n```\n~~~\n````\n\n~~~json\n{"open": true}');
    expect(blocks).toEqual([
      { type: 'code', lang: '', value: '```\n~~~' },
      { type: 'code', lang: 'json', value: '{"open": true}' },
    ]);
  });

  it('parses tight bullet lists with continuation lines', () => {
    const list = blockOf(only(parseMarkdown('- one\n  continued\n- two')), 'list');
    expect(list).toEqual({
      type: 'list',
      ordered: false,
      start: 1,
      tight: true,
      items: [
        [{ type: 'paragraph', children: [text('one continued')] }],
        [{ type: 'paragraph', children: [text('two')] }],
      ],
    });
  });

  it('starts a new list when the bullet character changes', () => {
    const blocks = parseMarkdown('- a\n- b\n* c');
    expect(blocks.map((block) => (block.type === 'list' ? block.items.length : block.type))).toEqual([2, 1]);
  });

  it('parses ordered lists with their start number and lazy continuation lines', () => {
    const list = blockOf(
      only(parseMarkdown('4. It receives a token\nlazily continued.\n5. It retries.')),
      'list',
    );
    expect(list.ordered).toBe(true);
    expect(list.start).toBe(4);
    expect(list.items).toEqual([
      [{ type: 'paragraph', children: [text('It receives a token lazily continued.')] }],
      [{ type: 'paragraph', children: [text('It retries.')] }],
    ]);
  });

  it('nests lists by indentation, including two-space sub-lists under "1."', () => {
    const list = blockOf(only(parseMarkdown('- parent\n  - child\n  - child 2\n- sibling')), 'list');
    expect(list.items).toHaveLength(2);
    const nested = blockOf(list.items[0]?.[1], 'list');
    expect(nested.items.map((item) => inlineText(blockOf(item[0], 'paragraph').children))).toEqual([
      'child',
      'child 2',
    ]);

    const ordered = blockOf(only(parseMarkdown('1. first\n  - sub\n2. second')), 'list');
    expect(ordered.items).toHaveLength(2);
    expect(blockOf(ordered.items[0]?.[1], 'list').ordered).toBe(false);
  });

  it('marks a list loose when blank lines separate its items', () => {
    expect(blockOf(only(parseMarkdown('- a\n\n- b')), 'list').tight).toBe(false);
    expect(blockOf(only(parseMarkdown('- a\n- b')), 'list').tight).toBe(true);
  });

  it('ends a list at a blank line followed by unindented text', () => {
    const blocks = parseMarkdown('1. one\n2. two\n\nAfter the list.');
    expect(blocks.map((block) => block.type)).toEqual(['list', 'paragraph']);
  });

  it('lets a list interrupt a paragraph, but not a number that does not start at 1', () => {
    expect(parseMarkdown('Text:\n- item').map((block) => block.type)).toEqual(['paragraph', 'list']);
    expect(parseMarkdown('In the year\n2026. it happened').map((block) => block.type)).toEqual(['paragraph']);
  });

  it('parses GFM pipe tables with alignment, inline content, escaped pipes and <br> in cells', () => {
    const source = [
      '| Issuer | Try | Right |',
      '|:---|:---:|---:|',
      '| `https://auth.example.com` | 1. a <br> 2. b | x \\| y |',
      '| **short** row |',
    ].join('\n');
    const table = blockOf(only(parseMarkdown(source)), 'table');
    expect(table.align).toEqual(['left', 'center', 'right']);
    expect(table.head.map(inlineText)).toEqual(['Issuer', 'Try', 'Right']);
    expect(table.rows[0]).toEqual([
      [{ type: 'code', value: 'https://auth.example.com' }],
      [text('1. a'), { type: 'break' }, text('2. b')],
      [text('x | y')],
    ]);
    // A short row is padded to the header's width.
    expect(table.rows[1]).toEqual([[{ type: 'strong', children: [text('short')] }, text(' row')], [], []]);
  });

  it('does not take a line with pipes but no delimiter row for a table', () => {
    expect(parseMarkdown('a | b\nc | d').map((block) => block.type)).toEqual(['paragraph']);
  });

  it('parses blockquotes with nested blocks and lazy continuation', () => {
    const quote = blockOf(
      only(parseMarkdown('> Quoted **text**\nlazy line\n>\n> - item\n>   more')),
      'blockquote',
    );
    expect(quote.children.map((block) => block.type)).toEqual(['paragraph', 'list']);
    expect(inlineText(blockOf(quote.children[0], 'paragraph').children)).toBe('Quoted text lazy line');
    const list = blockOf(quote.children[1], 'list');
    expect(inlineText(blockOf(list.items[0]?.[0], 'paragraph').children)).toBe('item more');
  });

  it('parses thematic breaks, but not "--" or a list item', () => {
    expect(parseMarkdown('a\n\n---\n\n***\n\n_ _ _')).toEqual([
      { type: 'paragraph', children: [text('a')] },
      { type: 'hr' },
      { type: 'hr' },
      { type: 'hr' },
    ]);
    expect(parseMarkdown('--').map((block) => block.type)).toEqual(['paragraph']);
  });

  it('accepts CRLF line endings and tabs', () => {
    expect(parseMarkdown('- a\r\n\t- b\r\n')).toEqual(parseMarkdown('- a\n    - b\n'));
  });

  it('parses every lesson without losing a link or a code block', () => {
    for (const lesson of LESSONS) {
      const blocks = parseMarkdown(lesson.body);
      const fences = lesson.body.match(/^```/gm)?.length ?? 0;
      const links: string[] = [];
      const collect = (nodes: readonly ReturnType<typeof parseInline>[number][]): void => {
        for (const node of nodes) {
          if (node.type === 'link') links.push(node.href);
          if ('children' in node) collect(node.children);
        }
      };
      const walk = (list: readonly Block[]): number =>
        list.reduce((count, block) => {
          switch (block.type) {
            case 'code':
              return count + 1;
            case 'heading':
            case 'paragraph':
              collect(block.children);
              return count;
            case 'list':
              return count + block.items.reduce((sum, item) => sum + walk(item), 0);
            case 'blockquote':
              return count + walk(block.children);
            case 'table':
              [...block.head, ...block.rows.flat()].forEach(collect);
              return count;
            case 'hr':
              return count;
          }
        }, 0);
      expect(walk(blocks), lesson.id).toBe(fences / 2);
      const expected = [
        ...lesson.body.replace(/```[\s\S]*?```/g, '').matchAll(/\]\((#[^)\s]+|https?:[^)\s]+)\)/g),
      ].map((match) => match[1]);
      expect(links, lesson.id).toEqual(expected);
    }
  });
});

describe('linkTarget', () => {
  it('classifies app, simulator, lesson and external links', () => {
    expect(linkTarget('#/sim?attack=mix-up&defence=on')).toEqual({
      kind: 'sim',
      href: '#/sim?attack=mix-up&defence=on',
    });
    expect(linkTarget('#/lessons/discovery')).toEqual({
      kind: 'lesson',
      href: '#/lessons/discovery',
      lessonId: 'discovery',
    });
    expect(linkTarget('#/quiz/exam')).toEqual({ kind: 'app', href: '#/quiz/exam' });
    expect(linkTarget('https://modelcontextprotocol.io')).toEqual({
      kind: 'external',
      href: 'https://modelcontextprotocol.io',
    });
  });

  it('refuses script, data and relative addresses', () => {
    for (const href of [
      'javascript:alert(1)',
      'JavaScript:alert(1)',
      'data:text/html,x',
      'vbscript:x',
      '../x',
      '//evil.example',
      '#top',
    ]) {
      expect(linkTarget(href), href).toEqual({ kind: 'none' });
    }
  });
});

describe('highlightHttp', () => {
  const kinds = (value: string) => highlightHttp(value).map((line) => line.kind);

  it('tells the request line, headers, blank line and body apart, then a response', () => {
    const message =
      'POST /mcp HTTP/1.1\nHost: mcp.example.com\n\n{"jsonrpc":"2.0"}\n\nHTTP/1.1 401 Unauthorized\nWWW-Authenticate: Bearer x';
    expect(kinds(message)).toEqual([
      'request-line',
      'header',
      'blank',
      'body',
      'blank',
      'status-line',
      'header',
    ]);
    const [request, host, , , , status] = highlightHttp(message);
    expect(request?.parts.filter((part) => part.kind !== 'text')).toEqual([
      { kind: 'method', text: 'POST' },
      { kind: 'target', text: '/mcp' },
      { kind: 'version', text: 'HTTP/1.1' },
    ]);
    expect(host?.parts).toEqual([
      { kind: 'name', text: 'Host:' },
      { kind: 'value', text: ' mcp.example.com' },
    ]);
    expect(status?.parts.find((part) => part.kind === 'status')?.text).toBe('401');
  });

  it('reads a wrapped request line with indented continuation lines', () => {
    expect(kinds('GET /authorize?response_type=code\n  &state=x HTTP/1.1\nHost: auth.example.com')).toEqual([
      'request-line',
      'continuation',
      'header',
    ]);
  });

  it('does not take body lines with colons for headers', () => {
    expect(kinds('POST /token HTTP/1.1\nHost: a\n\ngrant_type=x&redirect_uri=http://127.0.0.1:1/cb')).toEqual(
      ['request-line', 'header', 'blank', 'body'],
    );
  });

  it('never changes the text', () => {
    for (const lesson of LESSONS) {
      for (const match of lesson.body.matchAll(/```http\n([\s\S]*?)```/g)) {
        const source = match[1] ?? '';
        const joined = highlightHttp(source)
          .map((line) => line.parts.map((part) => part.text).join(''))
          .join('\n');
        expect(joined).toBe(source);
      }
    }
  });
});
