/** Type guards for JSON the client receives from servers it does not control. */
import { isRecord } from '../fields';

export { isRecord };

export function stringArray(value: unknown): string[] | undefined {
  return Array.isArray(value) && value.every((v) => typeof v === 'string') ? value : undefined;
}

export async function readJsonBody(response: Response): Promise<Record<string, unknown>> {
  try {
    const json: unknown = await response.json();
    return isRecord(json) ? json : {};
  } catch {
    return {};
  }
}
