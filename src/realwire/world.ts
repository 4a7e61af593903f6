/**
 * `npm run world`: the simulator's MCP server and authorization server on 127.0.0.1, for real MCP
 * clients. Prints the MCP server URL to paste into a client, logs one line per exchange, and on
 * Ctrl-C (SIGINT) or SIGTERM stops cleanly, writing the HAR file if --har was given.
 */
import { writeFileSync } from 'node:fs';
import { ATTACKS } from '../sim/attacks/registry';
import { VULNERABILITIES } from '../sim/attacks/vulnerabilities';
import { signingKeyToPkcs8 } from '../sim/crypto/jwt';
import { ENTERPRISE_USER, IDP_CLIENT_ID } from '../sim/servers/idp/state';
import {
  CONFIDENTIAL_CLIENT_ID,
  MACHINE_JWT_CLIENT_ID,
  PREREGISTERED_CLIENT_ID,
} from '../sim/servers/auth/state';
import { PROTOCOL_VERSION } from '../sim/servers/mcp';
import { LEGACY_VERSIONS } from '../sim/servers/mcp/legacy';
import { legacyVersionsOf, transportOf } from '../sim/revisions/profile';
import { ruleIn } from '../sim/revisions/rules';
import { parseWorldArgs, WORLD_USAGE } from './args';
import { toHarLog } from './har';
import { clientOnly, startWorldServer } from './worldServer';

async function main(): Promise<number> {
  const parsed = parseWorldArgs(process.argv.slice(2));
  if (!parsed.ok) {
    console.error(`${parsed.message}\n\n${WORLD_USAGE}`);
    return 64;
  }
  const args = parsed.value;
  if (args.help) {
    console.log(WORLD_USAGE);
    return 0;
  }
  const log = (line: string) => console.log(line);
  let world;
  try {
    world = await startWorldServer({
      ...(args.port !== undefined ? { port: args.port } : {}),
      ...(args.seed !== undefined ? { seed: args.seed } : {}),
      ...(args.attack !== undefined ? { attack: args.attack } : {}),
      vulnerabilities: args.vulnerabilities,
      autoApprove: args.autoApprove,
      strictDcr: args.strictDcr,
      ...(args.tokenLifetime !== undefined ? { tokenLifetime: args.tokenLifetime } : {}),
      revision: args.revision,
      clientAuth: args.clientAuth,
      log,
    });
  } catch (error) {
    console.error(`Could not start: ${error instanceof Error ? error.message : String(error)}`);
    return 1;
  }
  const server = world;
  if (args.clientKey) {
    try {
      // What an administrator hands the workload: its own private key (the world serves the public half).
      writeFileSync(args.clientKey, await signingKeyToPkcs8(server.world.clientHost.signingKey), {
        mode: 0o600,
      });
    } catch (error) {
      console.error(
        `Could not write ${args.clientKey}: ${error instanceof Error ? error.message : String(error)}`,
      );
      await server.close();
      return 1;
    }
  }
  const lines = [
    '',
    'MCP OAuth Flow Simulator: real-wire world',
    `  MCP server:            ${server.mcpUrl}`,
    `  Authorization server:  ${server.issuer}`,
    `  Protocol revisions:    ${
      transportOf(server.revision) === 'stateless'
        ? `${PROTOCOL_VERSION}, and ${LEGACY_VERSIONS.join(', ')} (initialize + sessions)`
        : `${legacyVersionsOf(server.revision).join(', ')} (initialize + sessions; --revision ${server.revision})`
    }`,
    ...(ruleIn(server.revision, 'A-40')
      ? [
          `  Discovery:             2025-03-26: no protected resource metadata; the authorization server is at the MCP server's origin`,
        ]
      : []),
    `  Seed:                  ${server.randomness === 'seeded' ? `${server.seed} (DEMO ONLY: keys, codes and tokens are reproducible, so anyone who knows the seed or sees a few codes can forge and predict them)` : 'none: every secret from the system CSPRNG (--seed <text> makes a reproducible demo world)'}`,
    `  Sign-in:               a browser without a session is signed in as the demo user`,
    `  Consent:               ${args.autoApprove ? 'approved automatically (--auto-approve)' : 'a real page in your browser: click Approve'}`,
    `  Registration:          DCR; pre-registered client_id ${PREREGISTERED_CLIENT_ID} (public, loopback /callback on any port)${ruleIn(server.revision, 'A-05') ? ';' : ''}`,
    ...(ruleIn(server.revision, 'A-05')
      ? [
          `                         CIMD with the demo document https://app.example.com/oauth/client-metadata.json`,
        ]
      : []),
    `  Enterprise IdP:        ${server.idp} (single sign-on as ${ENTERPRISE_USER.email}; client_id ${IDP_CLIENT_ID}; ID-JAGs for this MCP server)`,
    `  Machine clients:       ${CONFIDENTIAL_CLIENT_ID} (client secret: ${server.world.secretMethods.join(' or ')}${args.clientAuth === 'post' ? ', --client-auth post' : ''}); ${MACHINE_JWT_CLIENT_ID} (private_key_jwt${args.clientKey ? `, its key in ${args.clientKey}` : ': --client-key <file> writes its key'})`,
    // The operator's own world on loopback: without its secret, --grant client_credentials cannot be tried.
    `                         ${CONFIDENTIAL_CLIENT_ID}'s secret: ${server.world.as.clients.get(CONFIDENTIAL_CLIENT_ID)?.client_secret ?? '(none)'}`,
  ];
  if (server.vulnerabilities.length > 0) {
    lines.push(
      `  VULNERABLE:            ${server.vulnerabilities.map((v) => `${v} (${VULNERABILITIES[v].title})`).join('; ')}`,
    );
    const onlyClient = clientOnly(server.vulnerabilities);
    if (onlyClient.length > 0) {
      lines.push(
        `                         ${onlyClient.join(', ')} change only a client: pass them to npm run client -- --vuln`,
      );
    }
    if (args.attack && ATTACKS[args.attack].hosts) {
      lines.push(
        "                         this attack's own simulated hosts are not served: over the wire, you are the attacker",
      );
    }
  }
  lines.push('', `Paste this into an MCP client:  ${server.mcpUrl}`, 'Press Ctrl-C to stop.', '');
  console.log(lines.join('\n'));

  return new Promise((resolve) => {
    let stopping = false;
    const stop = (signal: string) => {
      if (stopping) {
        console.log('Forced exit.');
        resolve(1);
        return;
      }
      stopping = true;
      console.log(`\n${signal}: stopping...`);
      void server.close().then(() => {
        if (args.har) {
          writeFileSync(args.har, `${JSON.stringify(toHarLog(server.exchanges), null, 2)}\n`);
          console.log(`Wrote ${server.exchanges.length} exchanges to ${args.har}`);
        }
        console.log('Stopped.');
        resolve(0);
      });
    };
    process.on('SIGINT', () => stop('SIGINT'));
    process.on('SIGTERM', () => stop('SIGTERM'));
  });
}

void main().then((code) => process.exit(code));
