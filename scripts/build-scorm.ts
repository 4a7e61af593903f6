/**
 * `npm run build:scorm` writes a zip a learning platform accepts: the built app, one launch page per
 * SCO (a copy of index.html that names its SCO; features/lms/launch.ts), and the manifest.
 *
 *   --scorm 1.2|2004     SCORM 1.2 (default) or SCORM 2004 4th edition
 *   --sco lesson|course  one SCO per lesson plus one for the final exam (default), or one for the course
 *   --cmi5               a cmi5 course package (cmi5.xml, one AU per lesson and the exam) instead
 *   --connect <origins>  with --cmi5: the origins the launch pages may connect to (comma-separated;
 *                        the LRS and the LMS's token URL), instead of any https origin
 *   --out <file.zip>     where to write it (default dist-scorm/mcp-oauth-simulator-<kind>.zip)
 *   --dist <dir>         package this build instead of building one
 *
 * The package holds the same app as the static site: without a platform it behaves exactly as the
 * site does. docs/lms.md tells instructors how to upload it.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { zipSync } from 'fflate';
import { CONTENT_SECURITY_POLICY, cmi5Policy } from './csp';
import { readLessons } from './lms/content';
import { cmi5CourseStructure, escapeXml, scormManifest, type PackageSco } from './lms/manifest';
import { PASS_RATIO } from '../src/course/progress';
import { COURSE_ACTIVITY_ID } from '../src/features/lms/launch';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const TITLE = 'MCP OAuth Flow Simulator';

export interface BuildOptions {
  kind: 'scorm-1.2' | 'scorm-2004' | 'cmi5';
  perLesson: boolean;
  connect: string[] | null;
}

function usage(message: string): never {
  console.error(`build:scorm: ${message}`);
  process.exit(64);
}

function listFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? listFiles(path) : [path];
  });
}

/** The SCOs (or AUs) of the package, with their launch pages. */
export function packageScos(
  perLesson: boolean,
  lessons: readonly { id: string; order: number; title: string }[],
) {
  const prefix = 'sco';
  if (!perLesson) return [{ sco: 'course', key: 'course', title: TITLE, href: `${prefix}-course.html` }];
  const scos: PackageSco[] = lessons.map((lesson) => ({
    sco: `lesson:${lesson.id}`,
    key: `lesson-${lesson.id}`,
    title: `${lesson.order}. ${lesson.title}`,
    href: `${prefix}-lesson-${lesson.id}.html`,
  }));
  scos.push({ sco: 'exam', key: 'exam', title: 'Final exam', href: `${prefix}-exam.html` });
  return scos;
}

/** index.html as one SCO's launch page: its platform and SCO named in meta tags, and its policy. */
export function launchPage(indexHtml: string, platform: string, sco: string, policy: string): string {
  const csp = `<meta http-equiv="Content-Security-Policy" content="${CONTENT_SECURITY_POLICY}" />`;
  if (!indexHtml.includes(csp)) throw new Error('index.html: the build did not put the policy in');
  const tags = [
    `<meta http-equiv="Content-Security-Policy" content="${escapeXml(policy)}" />`,
    `<meta name="mcp-sim-lms" content="${escapeXml(platform)}" />`,
    `<meta name="mcp-sim-sco" content="${escapeXml(sco)}" />`,
  ].join('\n    ');
  return indexHtml.replace(csp, tags);
}

export function buildPackage(dist: string, options: BuildOptions): Record<string, Uint8Array> {
  const lessons = readLessons(root);
  const scos = packageScos(options.perLesson, lessons);
  const appFiles = listFiles(dist)
    .map((path) => relative(dist, path).split('\\').join('/'))
    .filter((file) => !file.endsWith('.map'))
    .sort();
  const files: Record<string, Uint8Array> = {};
  for (const file of appFiles) files[file] = readFileSync(join(dist, file));
  const indexHtml = readFileSync(join(dist, 'index.html'), 'utf8');
  const platform = options.kind;
  const policy = options.kind === 'cmi5' ? cmi5Policy(options.connect ?? undefined) : CONTENT_SECURITY_POLICY;
  for (const sco of scos)
    files[sco.href] = new TextEncoder().encode(launchPage(indexHtml, platform, sco.sco, policy));
  const text =
    options.kind === 'cmi5'
      ? cmi5CourseStructure({
          id: COURSE_ACTIVITY_ID,
          title: TITLE,
          description:
            'How the Model Context Protocol secures remote servers with OAuth 2.1, in lessons, runs and quizzes.',
          scos,
          passingScore: PASS_RATIO,
        })
      : scormManifest(options.kind === 'scorm-1.2' ? '1.2' : '2004', {
          identifier: 'mcp-oauth-simulator',
          title: TITLE,
          scos,
          files: appFiles,
          passingScore: PASS_RATIO,
        });
  files[options.kind === 'cmi5' ? 'cmi5.xml' : 'imsmanifest.xml'] = new TextEncoder().encode(text);
  return files;
}

/** The package as a zip (every entry with a fixed time: the same sources give the same zip). */
export function packageZip(dist: string, options: BuildOptions): Uint8Array {
  const mtime = new Date('2026-01-01T00:00:00Z');
  const files = buildPackage(dist, options);
  return zipSync(Object.fromEntries(Object.entries(files).map(([name, data]) => [name, [data, { mtime }]])));
}

function main(): void {
  const { values } = parseArgs({
    options: {
      scorm: { type: 'string', default: '1.2' },
      sco: { type: 'string', default: 'lesson' },
      cmi5: { type: 'boolean', default: false },
      connect: { type: 'string' },
      out: { type: 'string' },
      dist: { type: 'string' },
    },
  });
  if (values.scorm !== '1.2' && values.scorm !== '2004') usage('--scorm must be 1.2 or 2004');
  if (values.sco !== 'lesson' && values.sco !== 'course') usage('--sco must be lesson or course');
  if (values.connect !== undefined && !values.cmi5) usage('--connect applies to --cmi5 only');
  const connect =
    values.connect
      ?.split(',')
      .map((s) => s.trim())
      .filter(Boolean) ?? null;
  for (const source of connect ?? []) {
    // CSP host-source or scheme-source (CSP3 §2.3.1): nothing that would end the directive or the attribute.
    if (!/^[a-z][a-z0-9+.-]*:(\/\/[^\s;,'"]+)?$/i.test(source)) usage(`--connect: not an origin: ${source}`);
  }
  const kind = values.cmi5 ? 'cmi5' : values.scorm === '1.2' ? 'scorm-1.2' : 'scorm-2004';
  const out = resolve(
    values.out ??
      join(root, 'dist-scorm', `mcp-oauth-simulator-${kind}${values.sco === 'course' ? '-course' : ''}.zip`),
  );

  let dist = values.dist ? resolve(values.dist) : '';
  let built = '';
  if (!dist) {
    built = mkdtempSync(join(tmpdir(), 'mcp-sim-lms-'));
    dist = join(built, 'app');
    console.log('Building the app…');
    execFileSync('npx', ['vite', 'build', '--outDir', dist, '--emptyOutDir'], {
      cwd: root,
      stdio: ['ignore', 'ignore', 'inherit'],
    });
  }
  try {
    const options: BuildOptions = { kind, perLesson: values.sco === 'lesson', connect };
    mkdirSync(dirname(out), { recursive: true });
    writeFileSync(out, packageZip(dist, options));
    const scos = packageScos(options.perLesson, readLessons(root)).length;
    console.log(
      `Wrote ${relative(process.cwd(), out)}: ${kind}, ${scos} ${kind === 'cmi5' ? 'AU' : 'SCO'}${scos === 1 ? '' : 's'}.`,
    );
  } finally {
    if (built) rmSync(built, { recursive: true, force: true });
  }
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) main();
