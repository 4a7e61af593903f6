/**
 * Requests a server sends the client on a stream (revisions before 2026-07-28; from 2026-07-28 they
 * travel inside an InputRequiredResult instead, which this client does not implement). Only what
 * the client declared is served: `ping` always, `elicitation/create` in form mode when the client
 * can show a form (`deps.elicit`); anything else is "method not found" (JSON-RPC -32601).
 */
import { isRecord } from './json';
import { METHOD_NOT_FOUND } from './rpc';
import type { RpcError } from './rpc';
import type { ClientContext } from './session';
import type { ServerRequest } from './stream';

export type Answer = { result: Record<string, unknown> } | { error: RpcError };

/**
 * 2025-11-25 client/elicitation.mdx §Requested Schema: "Clients that support defaults SHOULD
 * pre-populate form fields with these values". The form the user accepts is the pre-filled one, so
 * a field the user left alone is sent with its default (SEP-1034).
 */
export function defaultsOf(schema: Record<string, unknown>): Record<string, unknown> {
  const properties = isRecord(schema.properties) ? schema.properties : {};
  const defaults: Record<string, unknown> = {};
  for (const [name, property] of Object.entries(properties)) {
    if (!isRecord(property) || !('default' in property)) continue;
    const value = property.default;
    const primitive = ['string', 'number', 'boolean'].includes(typeof value);
    const enumArray = Array.isArray(value) && value.every((v) => typeof v === 'string');
    if (primitive || enumArray) defaults[name] = value;
  }
  return defaults;
}

async function elicit(ctx: ClientContext, params: Record<string, unknown>): Promise<Answer> {
  // URL mode (2025-11-25) needs a declared `url` capability; this client declares form mode only.
  if (!ctx.deps.elicit || (params.mode !== undefined && params.mode !== 'form')) {
    return { error: { code: METHOD_NOT_FOUND, message: 'This client does not support this elicitation' } };
  }
  const message = typeof params.message === 'string' ? params.message : '';
  const requestedSchema = isRecord(params.requestedSchema) ? params.requestedSchema : {};
  const answer = await ctx.deps.elicit({ message, requestedSchema });
  if (answer.action !== 'accept') {
    ctx.deps.log?.(`  · elicitation "${message}": ${answer.action}`);
    return { result: { action: answer.action } };
  }
  const content = { ...defaultsOf(requestedSchema), ...answer.content };
  ctx.deps.log?.(`  · elicitation "${message}": accept ${JSON.stringify(content)}`);
  return { result: { action: 'accept', content } };
}

export async function answerServerRequest(ctx: ClientContext, request: ServerRequest): Promise<Answer> {
  switch (request.method) {
    case 'ping':
      return { result: {} };
    case 'elicitation/create':
      return elicit(ctx, request.params);
    default:
      ctx.deps.log?.(`  · the server asked for ${request.method}: not supported, answered -32601`);
      return { error: { code: METHOD_NOT_FOUND, message: `Method not found: ${request.method}` } };
  }
}
