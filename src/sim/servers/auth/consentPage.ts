/**
 * The consent page. It is real HTML with a real form (so a real browser can use it in real-wire
 * mode), and it embeds the same facts as JSON for the simulated browser and the UI's browser
 * window. A-06: the page names the client and shows the redirect URI's host, with a warning when
 * the client can only redirect to this computer.
 */
import type { World } from '../../world/world';
import { escapeHtml, htmlPage, isLoopbackHttp } from '../http';
import type { ConsentTransaction } from './state';

export interface ConsentPrompt {
  clientName: string;
  clientId: string;
  clientSource: string;
  redirectUri: string;
  redirectHost: string;
  scopes: string[];
  resource: string | null;
  userName: string;
  warnings: string[];
  action: string;
  fields: Record<string, string>;
}

export const CONSENT_SCRIPT_ID = 'consent-prompt';

const SCOPE_TEXT: Record<string, string> = {
  'files:read': 'Read your files',
  'files:write': 'Create and change your files',
  offline_access: 'Stay connected when you are not using it (refresh token)',
};

export function renderConsentPage(world: World, transaction: ConsentTransaction, action: string): Response {
  const { request } = transaction;
  const redirect = new URL(request.redirect_uri);
  const warnings: string[] = [];
  if (request.client.redirect_uris.every((r) => isLoopbackHttp(new URL(r)))) {
    warnings.push(
      'This application can only send you back to a program on this computer. Approve only if you started this sign-in yourself.',
    );
  }
  const prompt: ConsentPrompt = {
    clientName: request.client.client_name,
    clientId: request.client.client_id,
    clientSource: request.client.source,
    redirectUri: request.redirect_uri,
    redirectHost: redirect.host,
    scopes: request.scope.split(' ').filter(Boolean),
    resource: request.resource ?? null,
    userName: world.as.users.get(transaction.sub)?.name ?? transaction.sub,
    warnings,
    action,
    fields: { transaction: transaction.id, csrf: transaction.csrf },
  };
  // `<` is escaped so no value can close the script element early.
  const json = JSON.stringify(prompt).replace(/</g, '\\u003c');
  const hidden = Object.entries(prompt.fields)
    .map(([n, v]) => `<input type="hidden" name="${escapeHtml(n)}" value="${escapeHtml(v)}">`)
    .join('');
  const scopes = prompt.scopes
    .map((s) => `<li>${escapeHtml(SCOPE_TEXT[s] ?? s)} (<code>${escapeHtml(s)}</code>)</li>`)
    .join('');
  const body = `<main><h1>${escapeHtml(prompt.clientName)} wants to access your account</h1>
<p>Signed in as ${escapeHtml(prompt.userName)}.</p><ul>${scopes}</ul>
<p>After you decide you will be sent to <strong>${escapeHtml(prompt.redirectHost)}</strong>.</p>
${warnings.map((w) => `<p role="alert">${escapeHtml(w)}</p>`).join('')}
<form method="post" action="${escapeHtml(action)}">${hidden}
<button name="decision" value="deny">Deny</button> <button name="decision" value="approve">Approve</button></form></main>
<script type="application/json" id="${CONSENT_SCRIPT_ID}">${json}</script>`;
  return htmlPage(`Authorize ${prompt.clientName}`, body);
}

export function scopeDescription(scope: string): string {
  return SCOPE_TEXT[scope] ?? scope;
}
