/**
 * Reading an xAPI launch: cmi5's launch URL (cmi5 §8.1: endpoint, fetch, actor, registration,
 * activityId), the one-time token fetch (§8.2) and the LMS.LaunchData state document (§10); or a plain
 * xAPI launch, where the URL carries the LRS endpoint and the Authorization value itself (`auth`).
 * Everything read is checked: a launch that does not hold together is refused with a message.
 */
import type { Agent, Context } from '@xapi/xapi';
import type { Lrs } from './lrs';
import { isRecord } from '../../../sim/fields';

export interface XapiLaunch {
  mode: 'cmi5' | 'xapi';
  endpoint: string;
  actor: Agent;
  registration: string | null;
  activityId: string;
  /** cmi5: where to get the session's token; plain xAPI: the Authorization value given. */
  fetchUrl: string | null;
  auth: string | null;
}

export type Parsed<T> = { ok: true; value: T } | { ok: false; error: string };

/** An xAPI Agent (xAPI §4.2.2.1); cmi5 (§9.2) requires the `account` form. */
export function readAgent(raw: string, needAccount: boolean): Agent | null {
  let value: unknown;
  try {
    value = JSON.parse(raw);
  } catch {
    return null;
  }
  if (!isRecord(value) || (value.objectType !== undefined && value.objectType !== 'Agent')) return null;
  const agent: Agent = { objectType: 'Agent' };
  if (typeof value.name === 'string') agent.name = value.name;
  const account = value.account;
  if (isRecord(account) && typeof account.homePage === 'string' && typeof account.name === 'string') {
    agent.account = { homePage: account.homePage, name: account.name };
    return agent;
  }
  if (needAccount) return null;
  if (typeof value.mbox === 'string' && value.mbox.startsWith('mailto:')) agent.mbox = value.mbox;
  else if (typeof value.mbox_sha1sum === 'string') agent.mbox_sha1sum = value.mbox_sha1sum;
  else if (typeof value.openid === 'string') agent.openid = value.openid;
  else return null;
  return agent;
}

function absoluteUrl(raw: string | null): string | null {
  if (!raw) return null;
  try {
    const url = new URL(raw);
    return url.protocol === 'https:' || url.protocol === 'http:' ? url.href : null;
  } catch {
    return null;
  }
}

export function parseLaunch(
  mode: 'cmi5' | 'xapi',
  params: URLSearchParams,
  defaultActivityId: string,
): Parsed<XapiLaunch> {
  const endpoint = absoluteUrl(params.get('endpoint'));
  if (!endpoint) return { ok: false, error: 'the launch gives no usable LRS endpoint' };
  const actor = readAgent(params.get('actor') ?? '', mode === 'cmi5');
  if (!actor) return { ok: false, error: 'the launch gives no usable learner (actor)' };
  if (mode === 'cmi5') {
    const fetchUrl = absoluteUrl(params.get('fetch'));
    const activityId = params.get('activityId');
    const registration = params.get('registration');
    if (!fetchUrl || !activityId || !registration)
      return { ok: false, error: 'the cmi5 launch is incomplete' };
    return { ok: true, value: { mode, endpoint, actor, registration, activityId, fetchUrl, auth: null } };
  }
  return {
    ok: true,
    value: {
      mode,
      endpoint,
      actor,
      registration: params.get('registration') || null,
      activityId: params.get('activity_id') || defaultActivityId,
      fetchUrl: null,
      auth: params.get('auth'),
    },
  };
}

/** cmi5 §8.2: one POST to the fetch URL; its `auth-token` goes in a Basic Authorization header. */
export async function fetchToken(fetchUrl: string): Promise<Parsed<string>> {
  const response = await fetch(fetchUrl, { method: 'POST' });
  let body: unknown = null;
  try {
    body = await response.json();
  } catch {
    body = null;
  }
  if (isRecord(body) && typeof body['auth-token'] === 'string')
    return { ok: true, value: `Basic ${body['auth-token']}` };
  const why =
    isRecord(body) && typeof body['error-text'] === 'string'
      ? body['error-text']
      : `status ${response.status}`;
  return { ok: false, error: `the platform gave no token (${why})` };
}

export type LaunchMode = 'Normal' | 'Browse' | 'Review';

export interface LaunchData {
  contextTemplate: Context;
  launchMode: LaunchMode;
  masteryScore: number | null;
  returnURL: string | null;
}

/** The LMS.LaunchData document (cmi5 §10.2); the AU must read it and must not change it. */
export async function readLaunchData(lrs: Lrs, launch: XapiLaunch): Promise<Parsed<LaunchData>> {
  const doc = await lrs.getState({
    agent: launch.actor,
    activityId: launch.activityId,
    ...(launch.registration ? { registration: launch.registration } : {}),
    stateId: 'LMS.LaunchData',
  });
  if (!isRecord(doc) || !isRecord(doc.contextTemplate))
    return { ok: false, error: 'the platform gave no launch data' };
  const mode = doc.launchMode;
  if (mode !== 'Normal' && mode !== 'Browse' && mode !== 'Review') {
    return { ok: false, error: 'the launch data has no launch mode' };
  }
  const mastery = doc.masteryScore;
  const contextTemplate: Context = { ...doc.contextTemplate };
  return {
    ok: true,
    value: {
      contextTemplate,
      launchMode: mode,
      masteryScore: typeof mastery === 'number' && mastery >= 0 && mastery <= 1 ? mastery : null,
      returnURL: typeof doc.returnURL === 'string' && doc.returnURL ? doc.returnURL : null,
    },
  };
}
