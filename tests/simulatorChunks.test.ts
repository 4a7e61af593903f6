// scripts/simulatorChunks.ts: which modules go into the simulator's chunk and which into the chunk it
// shares with the course pages, on a small module graph shaped like the app's.
import { describe, expect, it } from 'vitest';
import { simulatorModules } from '../scripts/simulatorChunks';

/** A module graph: each module's static imports; `main` is the entry. */
function graph(imports: Record<string, string[]>) {
  return {
    getModuleIds: () => Object.keys(imports)[Symbol.iterator](),
    getModuleInfo: (id: string) =>
      id in imports ? { importedIds: imports[id] ?? [], isEntry: id === '/src/main.tsx' } : null,
  };
}

const APP = graph({
  '/src/main.tsx': ['/node_modules/react/index.js', '/src/app/App.tsx'],
  '/src/app/App.tsx': ['/node_modules/react/index.js', '/src/sim/scenarios.ts'],
  '/src/sim/scenarios.ts': [],
  '/node_modules/react/index.js': [],
  '/src/app/SimRoute.tsx': ['/src/run/player.ts', '/src/sim/rules.ts', '/src/sim/scenarios.ts'],
  '/src/run/player.ts': ['/node_modules/xstate/index.js', '/node_modules/react/index.js'],
  '/node_modules/xstate/index.js': [],
  '/src/run/core/core.ts': ['/src/sim/servers.ts', '/src/sim/steps.ts'],
  '/src/sim/servers.ts': ['/node_modules/msw/index.js'],
  '/node_modules/msw/index.js': [],
  '/src/sim/rules.ts': [],
  '/src/sim/steps.ts': ['/src/sim/rules.ts'],
  '/src/features/lessons/LessonsRoute.tsx': ['/src/features/lessons/Lesson.tsx', '/src/sim/steps.ts'],
  '/src/features/lessons/Lesson.tsx': [],
});

const split = () =>
  simulatorModules(
    APP,
    ['/src/app/SimRoute.tsx', '/src/run/core/core.ts'],
    ['/src/features/lessons/LessonsRoute.tsx'],
  );

describe('simulatorChunks', () => {
  it('puts what only the simulator imports, transitively, in its chunk', () => {
    expect([...split().simulator].sort()).toEqual([
      '/node_modules/msw/index.js',
      '/node_modules/xstate/index.js',
      '/src/app/SimRoute.tsx',
      '/src/run/core/core.ts',
      '/src/run/player.ts',
      '/src/sim/servers.ts',
    ]);
  });

  it('puts what the course pages import too in the shared chunk, and leaves the entry’s and the lessons’ own alone', () => {
    const { simulator, shared } = split();
    expect([...shared].sort()).toEqual(['/src/sim/rules.ts', '/src/sim/steps.ts']);
    for (const own of [
      '/src/main.tsx',
      '/node_modules/react/index.js',
      '/src/sim/scenarios.ts',
      '/src/features/lessons/Lesson.tsx',
    ]) {
      expect(simulator.has(own) || shared.has(own)).toBe(false);
    }
  });

  it('says so when a root is not in the graph (a file moved), instead of cutting nothing', () => {
    expect(() => simulatorModules(APP, ['/src/app/Moved.tsx'], [])).toThrow(
      /Moved\.tsx is not in the module graph/,
    );
  });
});
