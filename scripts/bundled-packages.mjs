// Lists the npm packages whose code is in the built site (read from its source maps), so that what
// reaches the browser is known exactly: `node scripts/bundled-packages.mjs` after `npm run build`
// (DIST_DIR=dist-mine for another folder). `npm audit` has no advisory service here, so this list and
// a small `dependencies` tree are how the shipped code is kept known (DEVELOPERS.md, "Dependencies").
import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

const dist = resolve(process.env.DIST_DIR ?? 'dist');
const modules = new Map();
for (const file of readdirSync(join(dist, 'assets')).filter((name) => name.endsWith('.js.map'))) {
  const { sources } = JSON.parse(readFileSync(join(dist, 'assets', file), 'utf8'));
  for (const source of sources) {
    // The innermost node_modules folder names the package (a nested copy is a package of its own).
    const dir = /^(.*node_modules\/(?:@[^/]+\/)?[^/]+)\//.exec(source)?.[1];
    if (!dir) continue;
    const { name, version } = JSON.parse(readFileSync(join(dist, 'assets', dir, 'package.json'), 'utf8'));
    const id = `${name}@${version}`;
    modules.set(id, (modules.get(id) ?? 0) + 1);
  }
}
for (const [id, count] of [...modules].sort((a, b) => a[0].localeCompare(b[0]))) {
  console.log(`${id} (${count} ${count === 1 ? 'module' : 'modules'})`);
}
console.log(`${modules.size} packages in ${dist}`);
