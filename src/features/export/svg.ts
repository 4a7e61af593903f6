/**
 * The run as a clean, standalone SVG: lanes, lifelines, arrows and labels drawn from the same
 * layout as the live diagram (layoutSequence), not scraped from React Flow's DOM. No external
 * CSS or fonts, so it opens anywhere (slides, documents, an <img>) and rasterises to PNG. Arrows
 * keep the live diagram's conventions, never colour alone: requests solid with a filled head,
 * responses dashed with an open head, handoffs dotted, self-loops for internal work, a tone icon
 * on errors and refusals.
 */
import { LANES } from '../../sim/lanes';
import type { Lane } from '../../sim/lanes';
import type { TraceEvent } from '../../sim/trace/types';
import { DEFAULT_LAYOUT, layoutSequence } from '../../run/trace/layout';
import type { MessageBox } from '../../run/trace/layout';
import { TONE_ICON } from '../../run/trace/describe';
import type { Tone } from '../../run/trace/describe';

const LANE_COLOR: Record<Lane, string> = {
  client: '#3b5bdb',
  browser: '#0b7a75',
  mcp: '#9c3fb8',
  as: '#b5541a',
  idp: '#2f7d32',
  attacker: '#c0262d',
  downstream: '#52607a',
};

const TONE_COLOR: Record<Tone, string> = {
  normal: '#4a5264',
  error: '#c0262d',
  refused: '#c0262d',
  blocked: '#c0262d',
  attacker: '#8a2bb5',
  defended: '#1f7a35',
};

export interface SvgOptions {
  /** A heading drawn above the lanes (and the SVG's accessible title). */
  title?: string;
  /** Applied to every label (the "mask secrets" export option). */
  label?: (text: string) => string;
}

const TITLE_HEIGHT = 40;

export function escapeXml(text: string): string {
  return text.replace(/[<>&"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

const fmt = (n: number) => String(Math.round(n * 10) / 10);

function arrowPath(box: MessageBox, loopLeft: boolean): string {
  if (box.direction === 'self') {
    const w = DEFAULT_LAYOUT.loopWidth;
    const out = loopLeft ? box.fromX - w : box.fromX + w;
    const back = loopLeft ? box.fromX - 3 : box.fromX + 3;
    return `M ${fmt(box.fromX)} ${fmt(box.y - 10)} H ${fmt(out)} V ${fmt(box.y + 10)} H ${fmt(back)}`;
  }
  const end = box.direction === 'right' ? box.toX - 2 : box.toX + 2;
  return `M ${fmt(box.fromX)} ${fmt(box.y)} H ${fmt(end)}`;
}

function dash(box: MessageBox): string {
  if (box.kind === 'response') return ' stroke-dasharray="7 4"';
  if (box.kind === 'handoff') return ' stroke-dasharray="2 3"';
  return '';
}

/** The SVG document, as text. */
export function traceToSvg(trace: readonly TraceEvent[], options: SvgOptions = {}): string {
  const label = options.label ?? ((text: string) => text);
  const layout = layoutSequence(trace);
  const top = options.title ? TITLE_HEIGHT : 0;
  const width = Math.ceil(layout.width);
  const height = Math.ceil(layout.height + top + 8);
  const headerH = DEFAULT_LAYOUT.headerHeight - 12;
  const title = options.title ?? `Sequence diagram: ${trace.length} messages`;
  const parts: string[] = [];

  parts.push(
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" role="img" aria-labelledby="seq-title seq-desc" font-family="system-ui, -apple-system, 'Segoe UI', Roboto, Arial, sans-serif">`,
    `<title id="seq-title">${escapeXml(title)}</title>`,
    `<desc id="seq-desc">${escapeXml(
      `${layout.lanes.map((l) => l.label).join(', ')}. ${trace.length} messages, in order; each arrow's full text is in its title.`,
    )}</desc>`,
    '<defs>',
    ...(['normal', 'error', 'attacker', 'defended'] as const).flatMap((tone) => [
      `<marker id="head-filled-${tone}" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="9" markerHeight="9" markerUnits="userSpaceOnUse" orient="auto-start-reverse"><path d="M0,0 L10,5 L0,10 z" fill="${TONE_COLOR[tone]}"/></marker>`,
      `<marker id="head-open-${tone}" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="9" markerHeight="9" markerUnits="userSpaceOnUse" orient="auto-start-reverse"><path d="M1,1 L9,5 L1,9" fill="none" stroke="${TONE_COLOR[tone]}" stroke-width="1.8"/></marker>`,
    ]),
    '</defs>',
    `<rect width="${width}" height="${height}" fill="#ffffff"/>`,
  );
  if (options.title) {
    parts.push(
      `<text x="16" y="26" font-size="16" font-weight="700" fill="#171b26">${escapeXml(options.title)}</text>`,
    );
  }
  parts.push(`<g transform="translate(0 ${top})">`);

  for (const lane of layout.lanes) {
    const color = LANE_COLOR[lane.lane];
    parts.push(
      `<g class="lane" data-lane="${lane.lane}">`,
      `<line x1="${fmt(lane.x)}" y1="${headerH}" x2="${fmt(lane.x)}" y2="${fmt(layout.height)}" stroke="#b7bdca" stroke-width="2" stroke-dasharray="6 5"/>`,
      `<rect x="${fmt(lane.x - 100)}" y="0" width="200" height="${headerH}" rx="8" fill="#ffffff" stroke="#c3c9d6"/>`,
      `<rect x="${fmt(lane.x - 100)}" y="0" width="200" height="4" fill="${color}"/>`,
      `<text x="${fmt(lane.x)}" y="${fmt(headerH / 2 + 6)}" text-anchor="middle" font-size="13" font-weight="700" fill="#171b26">${escapeXml(LANES[lane.lane].label)}</text>`,
      '</g>',
    );
  }

  for (const box of layout.messages) {
    const tone = box.tone === 'refused' || box.tone === 'blocked' ? 'error' : box.tone;
    const color = TONE_COLOR[box.tone];
    const head = `head-${box.kind === 'response' ? 'open' : 'filled'}-${tone}`;
    const loopLeft = box.direction === 'self' && box.labelAlign === 'end';
    const full = label(box.label);
    const icon = box.tone === 'normal' ? '' : `${TONE_ICON[box.tone]} `;
    const shown = `${box.seq + 1}  ${icon}${label(box.shortLabel)}`;
    const anchor = box.labelAlign === 'center' ? 'middle' : box.labelAlign;
    const textY = box.direction === 'self' ? box.y + 4 : box.y - 7;
    parts.push(
      `<g class="message" data-seq="${box.seq}" data-kind="${box.kind}">`,
      `<title>${escapeXml(`${box.seq + 1}. ${full}`)}</title>`,
      `<path d="${arrowPath(box, loopLeft)}" fill="none" stroke="${color}" stroke-width="1.6"${dash(box)} marker-end="url(#${head})"/>`,
      `<text x="${fmt(box.labelX)}" y="${fmt(textY)}" text-anchor="${anchor}" font-size="12" fill="${box.tone === 'normal' ? '#171b26' : color}" stroke="#ffffff" stroke-width="4" stroke-linejoin="round" paint-order="stroke">${escapeXml(shown)}</text>`,
      '</g>',
    );
  }
  parts.push('</g>', '</svg>');
  return `${parts.join('\n')}\n`;
}
