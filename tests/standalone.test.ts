/**
 * A fresh clone stands alone: nothing the repository builds, tests or explains reads or cites a
 * document outside it. Rules are cited from docs/reference (which names each primary source) or
 * from the spec page, RFC or best-practice section itself.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOTS = ['src', 'tests', 'scripts', 'e2e', 'bench', '.ci', 'docs', 'public', 'lessons'];
const FILES = [
  'README.md',
  'DEVELOPERS.md',
  'package.json',
  'vite.config.ts',
  'eslint.config.js',
  'tsconfig.json',
  'index.html',
];
/** Names of documents that live only in ../shared, and the path to it. */
const OUTSIDE = [/\.\.\/shared/, /\bDESIGN\.md\b/, /\bTOOLCHAIN\.md\b/];

function walk(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? walk(path) : [path];
  });
}

describe('the repository stands alone', () => {
  const files = [...ROOTS.flatMap((root) => walk(root)), ...FILES].filter(
    (path) => /\.(ts|tsx|mjs|js|md|json|css|html)$|^\.ci\//.test(path) && path !== 'tests/standalone.test.ts',
  );

  it('reads its files', () => {
    expect(files.length).toBeGreaterThan(100);
  });

  it('no file reads or cites a document outside the repository', () => {
    const hits = files.flatMap((path) =>
      readFileSync(path, 'utf8')
        .split('\n')
        .flatMap((line, i) =>
          OUTSIDE.some((re) => re.test(line)) ? [`${path}:${i + 1}: ${line.trim()}`] : [],
        ),
    );
    expect(hits).toEqual([]);
  });
});
