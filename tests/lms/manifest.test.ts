// @vitest-environment happy-dom
// The package manifests against the required parts of their schemas: SCORM 1.2 (imscp_rootv1p1p2.xsd
// with adlcp_rootv1p2.xsd), SCORM 2004 4th edition (imscp_v1p1.xsd, adlcp_v1p3.xsd, imsss_v1p0.xsd)
// and cmi5 (CourseStructure.xsd): the namespaces, the elements and attributes the schemas require, in
// the order they require, identifiers that are unique and resolve, and every file named is in the
// package. The package is built from a small stand-in build, exactly as `npm run build:scorm` does.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildPackage, type BuildOptions } from '../../scripts/build-scorm';
import { CONTENT_SECURITY_POLICY, cspMetaTag } from '../../scripts/csp';
import { LESSONS } from '../../src/content/load';

const NS = {
  cp12: 'http://www.imsproject.org/xsd/imscp_rootv1p1p2',
  adlcp12: 'http://www.adlnet.org/xsd/adlcp_rootv1p2',
  cp2004: 'http://www.imsglobal.org/xsd/imscp_v1p1',
  adlcp2004: 'http://www.adlnet.org/xsd/adlcp_v1p3',
  imsss: 'http://www.imsglobal.org/xsd/imsss',
  cmi5: 'https://w3id.org/xapi/profiles/cmi5/v1/CourseStructure.xsd',
};
const XSD_ID = /^[A-Za-z_][\w.-]*$/;

let dist = '';
beforeAll(() => {
  dist = mkdtempSync(join(tmpdir(), 'lms-manifest-'));
  mkdirSync(join(dist, 'assets'));
  writeFileSync(
    join(dist, 'index.html'),
    `<!doctype html><html><head><meta charset="UTF-8" />\n    ${cspMetaTag()}\n<script type="module" src="./assets/index.js"></script></head><body></body></html>`,
  );
  writeFileSync(join(dist, 'assets', 'index.js'), 'export {};');
  writeFileSync(join(dist, 'assets', 'index.js.map'), '{}');
  writeFileSync(join(dist, 'theme.js'), '');
});
afterAll(() => rmSync(dist, { recursive: true, force: true }));

function build(options: BuildOptions) {
  const files = buildPackage(dist, options);
  const name = options.kind === 'cmi5' ? 'cmi5.xml' : 'imsmanifest.xml';
  const raw = files[name];
  if (!raw) throw new Error(`no ${name}`);
  const doc = new DOMParser().parseFromString(new TextDecoder().decode(raw), 'application/xml');
  return { files, doc };
}

/** The element children of `el`, as namespace and local name. */
const children = (el: Element): string[] => [...el.children].map((c) => `${c.namespaceURI}|${c.localName}`);
function only(el: Element, ns: string, name: string): Element {
  const found = [...el.children].filter((c) => c.namespaceURI === ns && c.localName === name);
  expect(found, `${el.localName} has one ${name}`).toHaveLength(1);
  const [first] = found;
  if (!first) throw new Error(name);
  return first;
}
/**
 * A namespaced attribute. happy-dom's XML parser leaves prefixed attributes without their namespace,
 * so the prefix is resolved by hand, from the declaration on the root.
 */
function attributeNS(root: Element, el: Element, ns: string, name: string): string | null {
  const direct = el.getAttributeNS(ns, name);
  if (direct !== null) return direct;
  const prefix = [...root.attributes]
    .find((a) => a.name.startsWith('xmlns:') && a.value === ns)
    ?.name.slice(6);
  return prefix ? el.getAttribute(`${prefix}:${name}`) : null;
}

const all = (el: Element, ns: string, name: string): Element[] =>
  [...el.children].filter((c) => c.namespaceURI === ns && c.localName === name);

function checkScorm(version: '1.2' | '2004', perLesson: boolean): void {
  const { files, doc } = build({
    kind: version === '1.2' ? 'scorm-1.2' : 'scorm-2004',
    perLesson,
    connect: null,
  });
  const cp = version === '1.2' ? NS.cp12 : NS.cp2004;
  const adlcp = version === '1.2' ? NS.adlcp12 : NS.adlcp2004;
  const manifest = doc.documentElement;
  expect(manifest.namespaceURI).toBe(cp);
  expect(manifest.localName).toBe('manifest');
  expect(manifest.getAttribute('identifier')).toMatch(XSD_ID);
  // imscp: metadata?, organizations, resources, in this order.
  expect(children(manifest)).toEqual([`${cp}|metadata`, `${cp}|organizations`, `${cp}|resources`]);
  const metadata = only(manifest, cp, 'metadata');
  expect(only(metadata, cp, 'schema').textContent).toBe('ADL SCORM');
  expect(only(metadata, cp, 'schemaversion').textContent).toBe(
    version === '1.2' ? '1.2' : '2004 4th Edition',
  );

  const organizations = only(manifest, cp, 'organizations');
  const organization = only(organizations, cp, 'organization');
  expect(organizations.getAttribute('default')).toBe(organization.getAttribute('identifier'));
  expect(children(organization)[0]).toBe(`${cp}|title`);
  const items = all(organization, cp, 'item');
  expect(items).toHaveLength(perLesson ? LESSONS.length + 1 : 1);

  const resources = all(only(manifest, cp, 'resources'), cp, 'resource');
  const byId = new Map(resources.map((r) => [r.getAttribute('identifier') ?? '', r]));
  const ids = [manifest, organization, ...items, ...resources].map((e) => e.getAttribute('identifier') ?? '');
  for (const id of ids) expect(id).toMatch(XSD_ID);
  expect(new Set(ids).size).toBe(ids.length);

  for (const item of items) {
    expect(children(item)[0]).toBe(`${cp}|title`);
    expect(only(item, cp, 'title').textContent?.trim()).not.toBe('');
    const resource = byId.get(item.getAttribute('identifierref') ?? '');
    expect(resource, 'the item’s resource exists').toBeDefined();
    if (!resource) continue;
    // A launchable item points to a SCO resource with an href (CAM: scormtype/scormType).
    expect(attributeNS(manifest, resource, adlcp, version === '1.2' ? 'scormtype' : 'scormType')).toBe('sco');
    expect(resource.getAttribute('type')).toBe('webcontent');
    const href = resource.getAttribute('href') ?? '';
    expect(files[href], `${href} is in the package`).toBeDefined();
    const page = new TextDecoder().decode(files[href]);
    expect(page).toContain(`<meta name="mcp-sim-lms" content="scorm-${version}" />`);
    expect(page).toContain('http-equiv="Content-Security-Policy"');
    expect(page).not.toContain('connect-src');
    if (version === '1.2') {
      expect(all(item, adlcp, 'masteryscore')[0]?.textContent).toBe('80');
    } else {
      const sequencing = only(item, NS.imsss, 'sequencing');
      const objective = only(only(sequencing, NS.imsss, 'objectives'), NS.imsss, 'primaryObjective');
      expect(objective.getAttribute('satisfiedByMeasure')).toBe('true');
      expect(only(objective, NS.imsss, 'minNormalizedMeasure').textContent).toBe('0.8');
      // imsss:sequencing: objectives before deliveryControls.
      expect(children(sequencing)).toEqual([`${NS.imsss}|objectives`, `${NS.imsss}|deliveryControls`]);
    }
  }
  for (const resource of resources) {
    for (const file of all(resource, cp, 'file')) {
      const href = file.getAttribute('href') ?? '';
      expect(files[href], `${href} is in the package`).toBeDefined();
    }
    for (const dependency of all(resource, cp, 'dependency')) {
      expect(byId.has(dependency.getAttribute('identifierref') ?? '')).toBe(true);
    }
  }
  // The package holds no source map, and every file it holds is listed.
  expect(Object.keys(files).some((f) => f.endsWith('.map'))).toBe(false);
  const listed = new Set(resources.flatMap((r) => all(r, cp, 'file').map((f) => f.getAttribute('href'))));
  for (const name of Object.keys(files))
    if (name !== 'imsmanifest.xml') expect(listed.has(name), name).toBe(true);
}

describe('the SCORM manifest', () => {
  it('1.2, one SCO per lesson and the exam', () => checkScorm('1.2', true));
  it('1.2, one SCO for the course', () => checkScorm('1.2', false));
  it('2004 4th edition, one SCO per lesson and the exam', () => checkScorm('2004', true));
  it('2004 4th edition, one SCO for the course', () => checkScorm('2004', false));
});

describe('the cmi5 course structure', () => {
  it('has the course and one AU per lesson and the exam, each with its launch page, under a policy naming its platform', () => {
    const { files, doc } = build({ kind: 'cmi5', perLesson: true, connect: ['https://lrs.example.edu'] });
    const root = doc.documentElement;
    expect([root.namespaceURI, root.localName]).toEqual([NS.cmi5, 'courseStructure']);
    const course = only(root, NS.cmi5, 'course');
    expect(course.getAttribute('id')).toMatch(/^[a-z][a-z0-9+.-]*:/);
    for (const part of ['title', 'description'])
      expect(only(only(course, NS.cmi5, part), NS.cmi5, 'langstring').textContent).not.toBe('');
    const aus = all(root, NS.cmi5, 'au');
    expect(aus).toHaveLength(LESSONS.length + 1);
    for (const au of aus) {
      expect(au.getAttribute('id')).toMatch(/^[a-z][a-z0-9+.-]*:/);
      expect(au.getAttribute('moveOn')).toBe('CompletedAndPassed');
      expect(au.getAttribute('masteryScore')).toBe('0.8');
      expect(children(au)).toEqual([`${NS.cmi5}|title`, `${NS.cmi5}|description`, `${NS.cmi5}|url`]);
      const url = only(au, NS.cmi5, 'url').textContent ?? '';
      const page = new TextDecoder().decode(files[url]);
      expect(page).toContain(
        `content="${CONTENT_SECURITY_POLICY.replace(/'/g, '&apos;')}; connect-src &apos;self&apos; https://lrs.example.edu"`,
      );
    }
    expect(new Set(aus.map((a) => a.getAttribute('id'))).size).toBe(aus.length);
  });
});
