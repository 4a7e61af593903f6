/**
 * Teaching text cut into the pieces that a claim lives in, for the content tests that read what the
 * lessons say (claims.test.ts): passages (a paragraph, a list item, a table row) and sentences.
 * Fenced code is left out: an HTTP example is not a claim.
 */
export interface Passage {
  /** Where the text comes from, e.g. "08-access.md" or "access-1 (answer 2)". */
  where: string;
  text: string;
}

/** Paragraphs, list items and table rows of a Markdown body, each on one line. */
export function passages(where: string, markdown: string): Passage[] {
  return markdown
    .replace(/^\s*(`{3,}|~{3,})[\s\S]*?^\s*\1\s*$/gm, '\n\n')
    .split(/\n\s*\n|\n(?=\s*(?:[-*] |\d+\. |\|))/)
    .map((block) => block.replace(/\s+/g, ' ').trim())
    .filter((block) => block !== '')
    .map((text) => ({ where, text }));
}

/** The sentences of a passage: cut after ".", "!" or "?" where the next one starts. */
export function sentences(passage: Passage): Passage[] {
  return passage.text
    .split(/(?<=[.!?])\s+(?=[A-Z`"(*[])/)
    .map((text) => text.trim())
    .filter((text) => text !== '')
    .map((text) => ({ where: passage.where, text }));
}
