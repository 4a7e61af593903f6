// scripts/compileHints.ts: every chunk but those it is told to skip starts with V8's compile hint, once, and its source map still
// points each line of code at its source (the map file shifted down the one line the hint takes).
import { describe, expect, it } from 'vitest';
import type { OutputBundle } from 'rollup';
import { COMPILE_HINT, compileHints } from '../scripts/compileHints';

function fakeBundle(): OutputBundle {
  const map = { version: 3, sources: ['a.ts'], names: [], mappings: 'AAAA;AACA' };
  return {
    'assets/a.js': {
      type: 'chunk',
      fileName: 'assets/a.js',
      name: 'a',
      code: 'const a=1;\nexport{a};\n//# sourceMappingURL=a.js.map',
      map: { ...map },
    },
    'assets/a.js.map': { type: 'asset', fileName: 'assets/a.js.map', source: JSON.stringify(map) },
    'assets/a.css': { type: 'asset', fileName: 'assets/a.css', source: 'a{}' },
  } as unknown as OutputBundle;
}

function generate(bundle: OutputBundle, except: string[] = []): void {
  const hook = compileHints({ except }).generateBundle;
  const handler = typeof hook === 'object' && hook !== null ? hook.handler : hook;
  if (typeof handler !== 'function') throw new Error('compileHints has no generateBundle hook');
  // The hook reads neither its context nor the output options.
  (handler as unknown as (options: unknown, bundle: OutputBundle, isWrite: boolean) => void).call(
    {},
    {},
    bundle,
    true,
  );
}

describe('compileHints', () => {
  it('puts the hint on the first line of every chunk, and leaves other files alone', () => {
    const bundle = fakeBundle();
    generate(bundle);
    const chunk = bundle['assets/a.js'];
    expect(chunk?.type === 'chunk' && chunk.code.split('\n')[0]).toBe(COMPILE_HINT);
    const css = bundle['assets/a.css'];
    expect(css?.type === 'asset' && css.source).toBe('a{}');
  });

  it('shifts the map file and the chunk map down one line, once', () => {
    const bundle = fakeBundle();
    generate(bundle);
    generate(bundle);
    const file = bundle['assets/a.js.map'];
    const written = JSON.parse(file?.type === 'asset' ? String(file.source) : '{}') as { mappings: string };
    expect(written.mappings).toBe(';AAAA;AACA');
    const chunk = bundle['assets/a.js'];
    expect(chunk?.type === 'chunk' && chunk.map?.mappings).toBe(';AAAA;AACA');
    expect(chunk?.type === 'chunk' && chunk.code.match(/allFunctionsCalledOnLoad/g)).toHaveLength(1);
  });

  it('leaves the chunks it is told to alone (the simulator’s, compiled as its functions are called)', () => {
    const bundle = fakeBundle();
    generate(bundle, ['a']);
    const chunk = bundle['assets/a.js'];
    expect(chunk?.type === 'chunk' && chunk.code.startsWith('const a=1;')).toBe(true);
    expect(chunk?.type === 'chunk' && chunk.map?.mappings).toBe('AAAA;AACA');
  });
});
