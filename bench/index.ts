/** `npm run bench`: every figure the issues name, measured, printed as a table. */
import { ensureBuild } from './build';
import { benchFlow } from './flow';
import { benchLighthouse } from './lighthouse';
import { benchRealwire } from './realwire';
import { benchUi } from './ui';

const sections: [string, () => Promise<Record<string, string>>][] = [
  ['Headless flow (Node)', benchFlow],
  ['Real-wire world under load (loopback sockets)', benchRealwire],
  ['App in headless Chromium', benchUi],
  ['Lighthouse (mobile and desktop presets)', () => benchLighthouse(ensureBuild())],
];

const only = process.argv[2];
for (const [title, run] of sections) {
  if (only && !title.toLowerCase().includes(only)) continue;
  console.log(`\n## ${title}`);
  const results = await run();
  for (const [name, value] of Object.entries(results)) console.log(`- ${name}: ${value}`);
}
