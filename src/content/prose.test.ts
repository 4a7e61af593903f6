import { describe, expect, it } from 'vitest';
import { passages, sentences } from './prose';

describe('passages and sentences', () => {
  it('cuts paragraphs, list items and table rows, leaving fenced code out', () => {
    const text =
      'One. Two (C-24).\nstill two.\n\n- A bullet.\n| a | b |\n\n```http\nGET / HTTP/1.1\n```\nLast one';
    expect(passages('x', text).map((p) => p.text)).toEqual([
      'One. Two (C-24). still two.',
      '- A bullet.',
      '| a | b |',
      'Last one',
    ]);
  });

  it('cuts a passage into sentences where the next one starts', () => {
    expect(
      sentences({ where: 'x', text: 'A `401`. The token (C-24) is e.g. fine? "Yes." next.' }).map(
        (s) => s.text,
      ),
    ).toEqual(['A `401`.', 'The token (C-24) is e.g. fine?', '"Yes." next.']);
  });
});
