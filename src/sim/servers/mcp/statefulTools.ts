/**
 * Tools that keep state between calls or reach another API: a paginated search behind an opaque
 * handle (S-19: the handle must be bound to the user), and a report fetched from the downstream API
 * with the server's own token (S-09: never the client's). Their vulnerable variants are named overrides.
 */
import type { World } from '../../world/world';
import type { ToolDef } from './tools';
import { downstreamToken } from './downstream';

function filesOf(world: World, sub: string): Map<string, string> {
  return world.mcp.files.get(sub) ?? new Map<string, string>();
}

/** S-19: state is keyed by the token's user and the handle, unless the server is the vulnerable one. */
export function stateKey(world: World, sub: string, handle: string): string {
  return world.isVulnerable('mcp-unbound-handles') ? handle : `${sub}:${handle}`;
}

export const STATEFUL_TOOLS: ToolDef[] = [
  {
    name: 'search_start',
    description: 'Search your files; returns a search_id to page through the results.',
    scopes: ['files:read'],
    inputSchema: { type: 'object', properties: { query: { type: 'string' } }, required: ['query'] },
    run: ({ world, sub }, args) => {
      const query = typeof args.query === 'string' ? args.query.toLowerCase() : '';
      const hits = [...filesOf(world, sub)].filter(([path, text]) =>
        `${path}\n${text}`.toLowerCase().includes(query),
      );
      // S-19: handles are random, never guessable sequence numbers.
      const handle = `srch_${world.rng('mcp-handles').token(9)}`;
      world.mcp.carts.set(stateKey(world, sub, handle), {
        owner: sub,
        items: hits.map(([path, text]) => `${path}: ${text}`),
      });
      return { text: JSON.stringify({ search_id: handle, count: hits.length }) };
    },
  },
  {
    name: 'search_results',
    description: 'Read the results of a search started earlier.',
    scopes: ['files:read'],
    inputSchema: { type: 'object', properties: { search_id: { type: 'string' } }, required: ['search_id'] },
    run: ({ world, sub }, args) => {
      const handle = typeof args.search_id === 'string' ? args.search_id : '';
      const state = world.mcp.carts.get(stateKey(world, sub, handle));
      if (!state) {
        // S-19: looked up as this user's handle only; another user's handle is simply not found.
        world.network.annotate({
          rule: 'S-19',
          mark: 'blocked',
          refusal: { rule: 'S-19', error: 'not_found', description: `no search ${handle} for this user` },
        });
        return { text: `No search ${handle} for this user`, isError: true };
      }
      return { text: state.items.join('\n') || '(no results)' };
    },
  },
  {
    name: 'fetch_report',
    description: 'Fetch your usage report from the reporting API.',
    scopes: ['files:read'],
    inputSchema: { type: 'object', properties: {} },
    run: async ({ world, sub, token }) => {
      // S-09: the server calls the API with its own token; the vulnerable one forwards the client's.
      const bearer = world.isVulnerable('mcp-token-passthrough') ? token : await downstreamToken(world);
      if (!bearer) return { text: 'The reporting API is unavailable', isError: true };
      const res = await world.network.fetchAs('mcp')(
        `${world.urls.downstream}/reports?user=${encodeURIComponent(sub)}`,
        {
          step: 'downstream-call',
          headers: { Authorization: `Bearer ${bearer}`, Accept: 'application/json' },
        },
      );
      const body = await res.text();
      return res.ok
        ? { text: body }
        : { text: `The reporting API refused: HTTP ${res.status}`, isError: true };
    },
  },
];
