/**
 * Zod compiles a fast parser for each object schema with `new Function` unless told not to, and
 * probes for it with `new Function('')` even when that throws: under the app's Content-Security-Policy
 * (no 'unsafe-eval', scripts/csp.ts) the probe alone is reported as a violation. Jitless, zod
 * interprets its schemas instead; the content is small and parsed once. This must run before any
 * schema is built (the flag is read at construction): schema.ts imports it first.
 */
import { z } from 'zod';

z.config({ jitless: true });
