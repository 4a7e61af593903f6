/** Names the lab uses for the parties an attack targets, and the cell text of a message. */
import type { AttackDef } from '../../sim/attacks/types';

export const TARGET_NAME: Record<AttackDef['target'], string> = {
  client: 'Client',
  as: 'Authorization server',
  mcp: 'MCP server',
};

/** The lane whose colour marks each target (lanes.ts ids, for the CSS custom properties). */
export const TARGET_LANE: Record<AttackDef['target'], string> = { client: 'client', as: 'as', mcp: 'mcp' };

/** The same, mid-sentence. */
export const TARGET_PHRASE: Record<AttackDef['target'], string> = {
  client: 'the client',
  as: 'the authorization server',
  mcp: 'the MCP server',
};
