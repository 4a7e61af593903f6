/**
 * The simulator's code in one chunk, and what it shares with the course pages in another (issue 16:
 * navigation to an interactive diagram).
 *
 * Left to itself the bundler cuts the code by which routes import it, so that no page loads a line
 * it does not use. The simulator shares bits with the HAR viewer, practice drills, the time machine,
 * the attack lab and the course pages in every combination, and its first load fetched about 30
 * chunks: on a 2-core machine, where the browser's network service, the chunks' compilation and
 * the page's own work share the cores, each chunk cost its request, its streaming and its module
 * record, and the loads measured 50 to 80 ms slower than with the same code in two chunks
 * (alternating loads in one run, issue 16's note).
 *
 * So, from the module graph once it is known (buildEnd), before the chunks are cut:
 * - `simulator`: every module the simulator's roots import, statically and transitively, that the
 *   entry chunk does not already have and that no course page imports. The other screens built on
 *   the simulator (the HAR viewer, drills, the time machine, the attack lab) load it too: they run
 *   the same core.
 * - `shared`: what the simulator and the course pages both import (the rules, the steps, their
 *   references): one chunk instead of a dozen, which the course pages loaded in full anyway.
 * Everything else (React Flow's diagram, the lessons' own code, the entry) is cut as before.
 */
import { normalize } from 'node:path';
import type { Plugin } from 'vite';

interface ChunkGroup {
  name: string;
  test: (id: string) => boolean;
  includeDependenciesRecursively: boolean;
}

interface ModuleGraph {
  getModuleIds: () => IterableIterator<string>;
  getModuleInfo: (id: string) => { importedIds: readonly string[]; isEntry: boolean } | null;
}

/** The chunks' names (compileHints is told to leave the simulator's alone). */
export const SIMULATOR_CHUNK = 'simulator';
const SHARED_CHUNK = 'shared';

export interface SimulatorChunks {
  plugin: Plugin;
  /** For `build.rolldownOptions.output.codeSplitting.groups`. */
  groups: ChunkGroup[];
}

/** The modules `roots` import, statically and transitively, themselves included. */
function reach(graph: ModuleGraph, roots: readonly string[]): Set<string> {
  const seen = new Set<string>();
  const stack = [...roots];
  for (let id = stack.pop(); id !== undefined; id = stack.pop()) {
    if (seen.has(id)) continue;
    seen.add(id);
    stack.push(...(graph.getModuleInfo(id)?.importedIds ?? []));
  }
  return seen;
}

/** Splits the graph into the two groups' modules. */
export function simulatorModules(
  graph: ModuleGraph,
  simulatorRoots: readonly string[],
  courseRoots: readonly string[],
): { simulator: Set<string>; shared: Set<string> } {
  const ids = [...graph.getModuleIds()];
  const find = (path: string) => {
    const id = ids.find((candidate) => normalize(candidate.split('?')[0] ?? candidate) === normalize(path));
    if (!id) throw new Error(`simulatorChunks: ${path} is not in the module graph`);
    return id;
  };
  const entry = reach(
    graph,
    ids.filter((id) => graph.getModuleInfo(id)?.isEntry),
  );
  const course = reach(graph, courseRoots.map(find));
  const simulator = new Set<string>();
  const shared = new Set<string>();
  for (const id of reach(graph, simulatorRoots.map(find))) {
    if (entry.has(id)) continue;
    (course.has(id) ? shared : simulator).add(id);
  }
  return { simulator, shared };
}

export function simulatorChunks(options: {
  /** Absolute paths of the modules the simulator's route imports on demand (its screen, its core). */
  simulator: readonly string[];
  /** Absolute paths of the course pages' routes, which must not load the simulator. */
  course: readonly string[];
}): SimulatorChunks {
  let modules: { simulator: Set<string>; shared: Set<string> } | null = null;
  const member = (group: 'simulator' | 'shared') => (id: string) => modules?.[group].has(id) ?? false;
  return {
    plugin: {
      name: 'simulator-chunks',
      apply: 'build',
      buildEnd(error) {
        if (!error) modules = simulatorModules(this, options.simulator, options.course);
      },
    },
    // Only the modules named: a module's own imports go where the graph puts them (the entry's stay
    // in the entry, React Flow's in the diagram's chunk).
    groups: [
      { name: SIMULATOR_CHUNK, test: member('simulator'), includeDependenciesRecursively: false },
      { name: SHARED_CHUNK, test: member('shared'), includeDependenciesRecursively: false },
    ],
  };
}
