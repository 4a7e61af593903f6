/** `npm run bench`: every figure the issues name, measured, printed as a table. */
import { ensureBuild } from './build';
import { benchFlow } from './flow';
import { benchLighthouse } from './lighthouse';
import { benchRealwire } from './realwire';
import { benchUi } from './ui';

// The page loads first: the load tests leave this process, which also serves the pages, with a heap
// of a few hundred megabytes and a thousand sockets closing, and the page loads measured after them
// read slower (first contentful paint 172 ms, against 124 to 156 ms in runs of the page loads
// alone; issue 16's note).
const sections: [string, () => Promise<Record<string, string>>][] = [
  ['App in headless Chromium', benchUi],
  ['Lighthouse (mobile and desktop presets)', () => benchLighthouse(ensureBuild())],
  ['Headless flow (Node)', benchFlow],
  ['Real-wire world under load (loopback sockets)', benchRealwire],
];

const only = process.argv[2];
for (const [title, run] of sections) {
  if (only && !title.toLowerCase().includes(only)) continue;
  console.log(`\n## ${title}`);
  const results = await run();
  for (const [name, value] of Object.entries(results)) console.log(`- ${name}: ${value}`);
}
