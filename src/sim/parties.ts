/**
 * The parties, once: their lanes on the sequence diagram (labelled as the specification's own
 * diagrams label them, authorization/index.mdx "Authorization Flow"), the names chips, banners and
 * sentences use, and the three parties the rules bind. Attacker and Downstream API lanes appear only
 * when an attack needs them.
 */
export const PARTIES = {
  client: { label: 'Client', short: 'Client', name: 'MCP client', the: 'the client' },
  browser: { label: 'User-Agent (Browser)', short: 'Browser', name: 'Browser', the: "the user's browser" },
  mcp: {
    label: 'MCP Server (Resource Server)',
    short: 'MCP server',
    name: 'MCP server',
    the: 'the MCP server',
  },
  as: {
    label: 'Authorization Server',
    short: 'Auth server',
    name: 'Authorization server',
    the: 'the authorization server',
  },
  // The enterprise's identity provider (enterprise-managed authorization, SEP-990): the spec's
  // diagram calls it "Identity Provider".
  idp: {
    label: 'Enterprise IdP',
    short: 'Enterprise IdP',
    name: 'Enterprise identity provider',
    the: "the company's identity provider",
  },
  attacker: { label: 'Attacker', short: 'Attacker', name: 'Attacker', the: 'the attacker' },
  downstream: {
    label: 'Downstream API',
    short: 'Downstream API',
    name: 'Downstream API',
    the: 'the downstream API',
  },
} as const satisfies Record<string, { label: string; short: string; name: string; the: string }>;

export type Party = keyof typeof PARTIES;

/**
 * The parties MCP authorization's rules bind (C-xx, S-xx, A-xx, and I-xx for the enterprise IdP of
 * the enterprise-managed authorization extension), and the ones an attack targets.
 */
export type RuleParty = Extract<Party, 'client' | 'mcp' | 'as' | 'idp'>;

/** Every rule party, in the order the rule tables list them. */
export const RULE_PARTIES: readonly RuleParty[] = ['client', 'mcp', 'as', 'idp'];

/** The order lanes are drawn in, left to right. */
export const LANE_ORDER: readonly Party[] = [
  'client',
  'browser',
  'idp',
  'mcp',
  'as',
  'downstream',
  'attacker',
];

export const CORE_LANES: readonly Party[] = ['client', 'browser', 'mcp', 'as'];
