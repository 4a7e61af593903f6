import type { LmsLaunch } from '../launch';

export async function runXapi(_launch: LmsLaunch): Promise<void> {
  await Promise.resolve();
  throw new Error('xAPI: being written');
}
