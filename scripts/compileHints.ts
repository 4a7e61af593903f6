/**
 * V8's explicit compile hint (Chrome 136+): a chunk that starts with the magic comment
 * `//# allFunctionsCalledOnLoad` has all its functions compiled eagerly, on a background thread
 * while it streams in, instead of lazily on the main thread at each function's first call.
 * https://v8.dev/blog/explicit-compile-hints
 *
 * Every chunk of this build is a route's code (or a part of one), fetched when that route is shown
 * and run there, so nearly all of its functions are called on load: the case the hint is for. On
 * the simulator Chrome traces of a cold load showed 150 to 200 ms of lazy compilation on the main
 * thread without it (V8's CompileCode and ParseFunction), and about 40 ms with it (issue 16's
 * note); Lighthouse's mobile preset counts main-thread time four times over. Other engines read a
 * comment.
 *
 * The comment must be the chunk's first line, after minification (which would drop it), so the
 * plugin adds it when the bundle is generated and shifts the chunk's source map down one line.
 *
 * Not on the chunks named in `except`: the simulator's one chunk (simulatorChunks.ts) holds much
 * that a first load never runs (the attack registry, the mock network's and the JOSE library's
 * other paths), and compiling all of it eagerly, on a 2-core machine where the page's own work
 * shares the cores, made the navigation to an interactive diagram slower, not faster (alternating
 * loads, issue 16's note).
 */
import type { Plugin } from 'vite';

export const COMPILE_HINT = '//# allFunctionsCalledOnLoad';

interface MapLike {
  mappings: string;
}

function hasMappings(value: unknown): value is MapLike {
  return typeof value === 'object' && value !== null && typeof (value as MapLike).mappings === 'string';
}

export function compileHints(options: { except?: readonly string[] } = {}): Plugin {
  const except = new Set(options.except ?? []);
  return {
    name: 'compile-hints',
    apply: 'build',
    // After Vite's own generateBundle, which puts the preload helper's list at the top of a chunk.
    generateBundle: {
      order: 'post',
      handler(_options, bundle) {
        for (const file of Object.values(bundle)) {
          if (file.type !== 'chunk' || except.has(file.name) || file.code.startsWith(COMPILE_HINT)) continue;
          file.code = `${COMPILE_HINT}\n${file.code}`;
          // One more generated line at the top: an empty first line in the mappings, in the chunk's
          // map and in the map file, which Rolldown has already written out as an asset.
          if (hasMappings(file.map)) file.map.mappings = `;${file.map.mappings}`;
          const asset = bundle[`${file.fileName}.map`];
          if (asset?.type === 'asset' && typeof asset.source === 'string') {
            const map: unknown = JSON.parse(asset.source);
            if (hasMappings(map)) asset.source = JSON.stringify({ ...map, mappings: `;${map.mappings}` });
          }
        }
      },
    },
  };
}
