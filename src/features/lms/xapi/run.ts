/**
 * An xAPI session in the browser: checks that this page may reach the platform's servers (its
 * Content-Security-Policy, policy.ts), gets the session's credentials (cmi5: the one-time token) and
 * launch data, resumes, and then hands the learner's events to the session (session.ts). An Exit
 * button ends the session and returns to the platform (cmi5 returnURL, §10.2.6); the page going away
 * ends it too, with the last statements sent as keepalive requests. A problem is told to the learner
 * in a status line (notice.ts) and the app goes on as without a platform.
 */
import { LESSONS } from '../../../content/load';
import { PASS_RATIO } from '../../../course/progress';
import { getProgressStore } from '../../../course/useProgress';
import { COURSE_ACTIVITY_ID, type LmsLaunch } from '../launch';
import { listenToLearning } from '../../../course/learning';
import { showControl, showNotice } from '../notice';
import { scopeOf } from '../scope';
import { fetchToken, parseLaunch, readLaunchData, type LaunchData } from './launch';
import { createLrs } from './lrs';
import { connectAllowed, pagePolicy } from './policy';
import { XapiSession } from './session';

const NOT_RECORDED = 'Your progress is not being recorded by the course platform';

export async function runXapi(launch: LmsLaunch): Promise<void> {
  if (launch.kind === 'scorm') return;
  const scope = scopeOf(launch.sco, LESSONS);
  const parsed = parseLaunch(
    launch.kind,
    launch.params,
    `${COURSE_ACTIVITY_ID}/au/${launch.sco.replace(':', '-')}`,
  );
  if (!scope || !parsed.ok) {
    showNotice(
      `${NOT_RECORDED}: ${parsed.ok ? `this page names no part of the course (“${launch.sco}”)` : parsed.error}.`,
    );
    return;
  }
  const xapi = parsed.value;
  const self = new URL(window.location.href);
  const policy = pagePolicy(document);
  for (const target of [xapi.endpoint, xapi.fetchUrl]) {
    if (target !== null && !connectAllowed(policy, new URL(target), self)) {
      showNotice(
        `${NOT_RECORDED}: this copy of the simulator may not connect to ${new URL(target).origin}. ` +
          'Please tell your instructor: the course needs the simulator’s cmi5 package built for this platform.',
      );
      return;
    }
  }

  let auth: string;
  let data: LaunchData | null = null;
  const lrs = (authorization: string) => createLrs(xapi.endpoint, authorization);
  try {
    if (xapi.mode === 'cmi5' && xapi.fetchUrl) {
      const token = await fetchToken(xapi.fetchUrl);
      if (!token.ok) throw new Error(token.error);
      auth = token.value;
      const read = await readLaunchData(lrs(auth), xapi);
      if (!read.ok) throw new Error(read.error);
      data = read.value;
      // cmi5 §11: read on start-up; the app is in English and has no audio, so it changes nothing.
      await lrs(auth).getAgentProfile({ agent: xapi.actor, profileId: 'cmi5LearnerPreferences' });
    } else {
      if (!xapi.auth) throw new Error('the launch gives no credentials');
      auth = xapi.auth;
    }
  } catch (error) {
    showNotice(`${NOT_RECORDED}: ${error instanceof Error ? error.message : String(error)}.`);
    return;
  }

  const store = getProgressStore();
  const opened = await XapiSession.open({
    lrs: lrs(auth),
    store,
    scope,
    base: {
      actor: xapi.actor,
      activityId: xapi.activityId,
      registration: xapi.registration,
      contextTemplate: data?.contextTemplate ?? null,
      masteryScore: data?.masteryScore ?? null,
    },
    mode: xapi.mode,
    launchMode: data?.launchMode ?? 'Normal',
    passingScore: data?.masteryScore ?? PASS_RATIO,
    outbox: { onlineTarget: window },
  }).catch((error: unknown) => {
    showNotice(`${NOT_RECORDED}: ${error instanceof Error ? error.message : String(error)}.`);
    return null;
  });
  if (!opened) return;
  const { session, resumeAt } = opened;
  if (resumeAt && resumeAt !== window.location.hash) window.location.replace(resumeAt);
  listenToLearning((event) => session.learn(event));
  const onMove = (): void => session.moved(window.location.hash);
  window.addEventListener('hashchange', onMove);
  onMove();

  const returnUrl = data?.returnURL ?? null;
  const exit = showControl('Exit course', () => {
    exit.disabled = true;
    exit.textContent = 'Saving your progress…';
    // At most a few seconds: an LRS that cannot be reached must not keep the learner here.
    void Promise.race([session.end(), new Promise((done) => setTimeout(done, 4000))]).then(() => {
      if (returnUrl) window.location.assign(returnUrl);
      else {
        exit.textContent = 'Session ended';
        showNotice('Your session has ended and your progress is recorded. You can close this window.');
      }
    });
  });
  window.addEventListener('pagehide', () => void session.end(true), { once: true });
}
