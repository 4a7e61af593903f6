/**
 * The export files of a run, all pure views of the trace: Mermaid (the core's toMermaid), HAR
 * (the core's toHar) and the SVG (svg.ts). With `mask`, the "hide secrets" masker is applied to
 * every string of the file first (HAR: URLs, headers, bodies; Mermaid and SVG: the labels), so a
 * file meant for slides or a ticket carries no token, code, verifier, secret or state.
 */
import type { RunConfig } from '../../sim/flow/simulation';
import { REGISTRATION_MODES, SCENARIOS } from '../../sim/scenarios';
import { defaultLabel, toHar, toMermaid } from '../../sim/trace/export';
import type { TraceEvent } from '../../sim/trace/types';
import type { Masker } from '../../run/view/mask';
import { traceToSvg } from './svg';

export function mermaidFile(trace: readonly TraceEvent[], mask?: Masker): string {
  return mask ? toMermaid(trace, (event) => mask(defaultLabel(event))) : toMermaid(trace);
}

/** Every string in a JSON-like value, passed through `fn`. */
function mapStrings(value: unknown, fn: (text: string) => string): unknown {
  if (typeof value === 'string') return fn(value);
  if (Array.isArray(value)) return value.map((item) => mapStrings(item, fn));
  if (value && typeof value === 'object')
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, mapStrings(v, fn)]));
  return value;
}

export function harFile(trace: readonly TraceEvent[], mask?: Masker): string {
  const har = toHar(trace, { name: 'MCP OAuth Flow Simulator', version: '1.0' });
  return `${JSON.stringify(mask ? mapStrings(har, mask) : har, null, 2)}\n`;
}

export function runTitle(config: RunConfig, count: number): string {
  const what = config.attack
    ? `attack ${config.attack.id}${config.attack.variant ? `/${config.attack.variant}` : ''} (defence ${config.attack.defence})`
    : `${SCENARIOS[config.scenario].title}, ${REGISTRATION_MODES[config.registration].title}`;
  return `MCP OAuth flow: ${what}, seed ${config.seed}, ${count} messages`;
}

export function svgFile(trace: readonly TraceEvent[], config: RunConfig, mask?: Masker): string {
  return traceToSvg(trace, { title: runTitle(config, trace.length), ...(mask ? { label: mask } : {}) });
}

/** "mcp-oauth-first-connection-cimd-33" (a file name without its extension). */
export function fileBase(config: RunConfig, count: number): string {
  const variant = config.attack?.variant ? `-${config.attack.variant}` : '';
  const what = config.attack
    ? `${config.attack.id}${variant}-defence-${config.attack.defence}`
    : config.scenario;
  const seed = config.seed === 'demo' ? '' : `-${config.seed.replace(/[^A-Za-z0-9_-]+/g, '_').slice(0, 24)}`;
  return `mcp-oauth-${what}-${config.registration}${seed}-${count}`;
}
