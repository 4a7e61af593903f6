/**
 * The MCP server's small, real tool set. Each operation names the scopes it needs, so the server can
 * put all of them in one challenge (S-13) and the client can step up to exactly those.
 */
import type { World } from '../../world/world';
import { isRecord } from '../http';
import { STATEFUL_TOOLS } from './statefulTools';

export interface ToolContext {
  world: World;
  /** The user (or machine client) the token was issued to. */
  sub: string;
  /** The access token the request carried, for the vulnerable passthrough path only. */
  token: string;
}

export interface ToolOutput {
  text: string;
  isError?: boolean;
}

export interface ToolDef {
  name: string;
  description: string;
  scopes: string[];
  inputSchema: Record<string, unknown>;
  run(ctx: ToolContext, args: Record<string, unknown>): ToolOutput | Promise<ToolOutput>;
}

const pathArg = { type: 'object', properties: { path: { type: 'string' } }, required: ['path'] };

function filesOf(world: World, sub: string): Map<string, string> {
  let files = world.mcp.files.get(sub);
  if (!files) world.mcp.files.set(sub, (files = new Map<string, string>()));
  return files;
}

export const TOOLS: ToolDef[] = [
  {
    name: 'list_files',
    description: 'List your files.',
    scopes: ['files:read'],
    inputSchema: { type: 'object', properties: {} },
    run: ({ world, sub }) => ({ text: [...filesOf(world, sub).keys()].join('\n') || '(no files)' }),
  },
  {
    name: 'read_file',
    description: 'Read one of your files.',
    scopes: ['files:read'],
    inputSchema: pathArg,
    run: ({ world, sub }, args) => {
      const content = typeof args.path === 'string' ? filesOf(world, sub).get(args.path) : undefined;
      return content === undefined
        ? { text: `No such file: ${String(args.path)}`, isError: true }
        : { text: content };
    },
  },
  {
    name: 'write_file',
    description: 'Create or replace one of your files.',
    scopes: ['files:write'],
    inputSchema: {
      type: 'object',
      properties: { path: { type: 'string' }, content: { type: 'string' } },
      required: ['path', 'content'],
    },
    run: ({ world, sub }, args) => {
      if (typeof args.path !== 'string' || typeof args.content !== 'string') {
        return { text: 'path and content must be strings', isError: true };
      }
      filesOf(world, sub).set(args.path, args.content);
      return { text: `Wrote ${args.content.length} characters to ${args.path}` };
    },
  },
  ...STATEFUL_TOOLS,
];

/** S-14: a broader scope satisfies the narrower ones it contains. */
const IMPLIES: Record<string, string[]> = { files: ['files:read', 'files:write'] };

export function scopeSatisfied(granted: string[], needed: string): boolean {
  return granted.includes(needed) || granted.some((g) => IMPLIES[g]?.includes(needed));
}

export function requiredScopes(method: string, params: unknown): string[] {
  if (method === 'tools/call' && isRecord(params)) {
    return TOOLS.find((t) => t.name === params.name)?.scopes ?? ['files:read'];
  }
  return ['files:read'];
}
