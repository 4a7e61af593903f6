/**
 * The parties on the sequence diagram, labelled as the specification's own diagrams label them
 * (A26-idx "Authorization Flow"). Attacker and Downstream API lanes appear only when an attack needs them.
 */
export const LANES = {
  client: { label: 'Client', short: 'Client' },
  browser: { label: 'User-Agent (Browser)', short: 'Browser' },
  mcp: { label: 'MCP Server (Resource Server)', short: 'MCP server' },
  as: { label: 'Authorization Server', short: 'Auth server' },
  attacker: { label: 'Attacker', short: 'Attacker' },
  downstream: { label: 'Downstream API', short: 'Downstream API' },
} as const;

export type Lane = keyof typeof LANES;

/** The order lanes are drawn in, left to right. */
export const LANE_ORDER: readonly Lane[] = ['client', 'browser', 'mcp', 'as', 'downstream', 'attacker'];

export const CORE_LANES: readonly Lane[] = ['client', 'browser', 'mcp', 'as'];
