/**
 * The package manifests a learning platform reads: `imsmanifest.xml` for SCORM 1.2 (IMS Content
 * Packaging 1.1.2 with ADL's adlcp extensions, SCORM 1.2 CAM §2.3) and for SCORM 2004 4th edition
 * (IMS CP 1.1.4, adlcp/imsss/adlseq/adlnav v1p3, SCORM 2004 CAM §3), and `cmi5.xml` for a cmi5
 * course (cmi5 spec §13, §14). Pure functions of the list of SCOs and files, so a unit test reads
 * exactly what the build writes.
 */
export type ScormVersion = '1.2' | '2004';

export interface PackageSco {
  /** The SCO as the app names it (`lesson:<id>`, `exam`, `course`; features/lms/launch.ts). */
  sco: string;
  /** An XML ID-safe name, unique in the package. */
  key: string;
  title: string;
  /** The launch page, a file of the package. */
  href: string;
}

export interface PackageInput {
  identifier: string;
  title: string;
  scos: readonly PackageSco[];
  /** Every file of the app the launch pages load (relative to the package root). */
  files: readonly string[];
  /** The passing score the SCOs are given, as a ratio (the app's PASS_RATIO by default). */
  passingScore: number;
}

export function escapeXml(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;');
}

const NS_12 = {
  xmlns: 'http://www.imsproject.org/xsd/imscp_rootv1p1p2',
  'xmlns:adlcp': 'http://www.adlnet.org/xsd/adlcp_rootv1p2',
  'xmlns:xsi': 'http://www.w3.org/2001/XMLSchema-instance',
  'xsi:schemaLocation':
    'http://www.imsproject.org/xsd/imscp_rootv1p1p2 imscp_rootv1p1p2.xsd ' +
    'http://www.imsglobal.org/xsd/imsmd_rootv1p2p1 imsmd_rootv1p2p1.xsd ' +
    'http://www.adlnet.org/xsd/adlcp_rootv1p2 adlcp_rootv1p2.xsd',
};

const NS_2004 = {
  xmlns: 'http://www.imsglobal.org/xsd/imscp_v1p1',
  'xmlns:adlcp': 'http://www.adlnet.org/xsd/adlcp_v1p3',
  'xmlns:adlseq': 'http://www.adlnet.org/xsd/adlseq_v1p3',
  'xmlns:adlnav': 'http://www.adlnet.org/xsd/adlnav_v1p3',
  'xmlns:imsss': 'http://www.imsglobal.org/xsd/imsss',
  'xmlns:xsi': 'http://www.w3.org/2001/XMLSchema-instance',
  'xsi:schemaLocation':
    'http://www.imsglobal.org/xsd/imscp_v1p1 imscp_v1p1.xsd ' +
    'http://www.adlnet.org/xsd/adlcp_v1p3 adlcp_v1p3.xsd ' +
    'http://www.adlnet.org/xsd/adlseq_v1p3 adlseq_v1p3.xsd ' +
    'http://www.adlnet.org/xsd/adlnav_v1p3 adlnav_v1p3.xsd ' +
    'http://www.imsglobal.org/xsd/imsss imsss_v1p0.xsd',
};

const attrs = (values: Record<string, string>): string =>
  Object.entries(values)
    .map(([name, value]) => ` ${name}="${escapeXml(value)}"`)
    .join('');

/** The shared app, one asset resource every SCO depends on (CAM: each file listed once). */
const APP_RESOURCE = 'res-app';

function resources(version: ScormVersion, input: PackageInput): string[] {
  const scormType = version === '1.2' ? 'adlcp:scormtype' : 'adlcp:scormType';
  const lines = ['  <resources>'];
  for (const sco of input.scos) {
    lines.push(
      `    <resource${attrs({ identifier: `res-${sco.key}`, type: 'webcontent', [scormType]: 'sco', href: sco.href })}>`,
      `      <file${attrs({ href: sco.href })}/>`,
      `      <dependency${attrs({ identifierref: APP_RESOURCE })}/>`,
      '    </resource>',
    );
  }
  lines.push(
    `    <resource${attrs({ identifier: APP_RESOURCE, type: 'webcontent', [scormType]: 'asset' })}>`,
  );
  for (const file of input.files) lines.push(`      <file${attrs({ href: file })}/>`);
  lines.push('    </resource>', '  </resources>');
  return lines;
}

function item12(sco: PackageSco, passingScore: number): string[] {
  return [
    `      <item${attrs({ identifier: `item-${sco.key}`, identifierref: `res-${sco.key}`, isvisible: 'true' })}>`,
    `        <title>${escapeXml(sco.title)}</title>`,
    // CMIDecimal 0..100: what the LMS hands the SCO as cmi.student_data.mastery_score.
    `        <adlcp:masteryscore>${Math.round(passingScore * 100)}</adlcp:masteryscore>`,
    '      </item>',
  ];
}

function item2004(sco: PackageSco, passingScore: number): string[] {
  return [
    `      <item${attrs({ identifier: `item-${sco.key}`, identifierref: `res-${sco.key}`, isvisible: 'true' })}>`,
    `        <title>${escapeXml(sco.title)}</title>`,
    '        <imsss:sequencing>',
    '          <imsss:objectives>',
    // satisfiedByMeasure: the LMS hands the SCO cmi.scaled_passing_score (RTE §4.2.22) and judges
    // success from cmi.score.scaled against it.
    `            <imsss:primaryObjective${attrs({ objectiveID: `obj-${sco.key}`, satisfiedByMeasure: 'true' })}>`,
    `              <imsss:minNormalizedMeasure>${passingScore}</imsss:minNormalizedMeasure>`,
    '            </imsss:primaryObjective>',
    '          </imsss:objectives>',
    `          <imsss:deliveryControls${attrs({ completionSetByContent: 'true', objectiveSetByContent: 'true' })}/>`,
    '        </imsss:sequencing>',
    '      </item>',
  ];
}

export function scormManifest(version: ScormVersion, input: PackageInput): string {
  const lines = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<manifest${attrs({ identifier: input.identifier, version: '1', ...(version === '1.2' ? NS_12 : NS_2004) })}>`,
    '  <metadata>',
    '    <schema>ADL SCORM</schema>',
    `    <schemaversion>${version === '1.2' ? '1.2' : '2004 4th Edition'}</schemaversion>`,
    '  </metadata>',
    `  <organizations${attrs({ default: 'org' })}>`,
    `    <organization${attrs({ identifier: 'org' })}>`,
    `      <title>${escapeXml(input.title)}</title>`,
  ];
  for (const sco of input.scos) {
    lines.push(...(version === '1.2' ? item12(sco, input.passingScore) : item2004(sco, input.passingScore)));
  }
  if (version === '2004') {
    // The learner may open the SCOs in any order (choice) and step through them (flow).
    lines.push(
      '      <imsss:sequencing>',
      `        <imsss:controlMode${attrs({ choice: 'true', flow: 'true' })}/>`,
      '      </imsss:sequencing>',
    );
  }
  lines.push('    </organization>', '  </organizations>', ...resources(version, input), '</manifest>', '');
  return lines.join('\n');
}

export interface Cmi5Input {
  /** The course's publisher id (an IRI); each AU's id is this with `/au/<key>` appended. */
  id: string;
  title: string;
  description: string;
  scos: readonly PackageSco[];
  passingScore: number;
}

const langstring = (text: string): string => `<langstring lang="en">${escapeXml(text)}</langstring>`;

/** cmi5.xml (cmi5 spec §13.1): one AU per SCO, moveOn CompletedAndPassed, the passing score as masteryScore. */
export function cmi5CourseStructure(input: Cmi5Input): string {
  const lines = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<courseStructure xmlns="https://w3id.org/xapi/profiles/cmi5/v1/CourseStructure.xsd">',
    `  <course${attrs({ id: input.id })}>`,
    `    <title>${langstring(input.title)}</title>`,
    `    <description>${langstring(input.description)}</description>`,
    '  </course>',
  ];
  for (const sco of input.scos) {
    lines.push(
      `  <au${attrs({
        id: `${input.id}/au/${sco.key}`,
        moveOn: 'CompletedAndPassed',
        masteryScore: String(input.passingScore),
        launchMethod: 'AnyWindow',
      })}>`,
      `    <title>${langstring(sco.title)}</title>`,
      `    <description>${langstring(sco.title)}</description>`,
      `    <url>${escapeXml(sco.href)}</url>`,
      '  </au>',
    );
  }
  lines.push('</courseStructure>', '');
  return lines.join('\n');
}
