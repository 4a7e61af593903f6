/**
 * An attack, as data plus the attacker's actions, kept in a registry so the lab, the lessons and
 * the tests list the same attacks. The attack never decides its own outcome: `act` returns what the
 * attacker actually obtained, read from real responses, and the lab reads where a defence stopped
 * it from the trace.
 */
import type { RequestHandler } from 'msw';
import type { Lane } from '../lanes';
import type { RuleParty } from '../parties';
import type { RuleId } from '../rules';
import type { RunConfig, RunResult } from '../flow/simulation';
import type { World } from '../world/world';
import type { Browser, Decision } from '../browser/browser';
import type { ConsentPrompt } from '../servers/auth/consentPage';
import type { Operation } from '../client/types';
import type { Attacker } from './attacker';
import type { AttackId } from './ids';
import type { VulnerabilityId } from './vulnerabilities';

export interface AttackFinding {
  /** Did the attacker get what she came for? */
  attackerWon: boolean;
  /** What she obtained (or was refused), with the real values. */
  evidence: string;
}

export interface AttackContext {
  world: World;
  attacker: Attacker;
  /** The victim's browser, for attacks that lure her into clicking a link. */
  browser: Browser;
  /** The victim's run, which has already happened when `act` is called. */
  victim: RunResult;
}

export interface AttackDef {
  id: AttackId;
  title: string;
  /** One sentence: what the attacker tries. */
  summary: string;
  /** The party the attack makes vulnerable or malicious. */
  target: RuleParty;
  /** The rules whose enforcement is the defence. */
  rules: RuleId[];
  lesson: string;
  /** Always applied while the attack is on: the situation the attack needs (not the defence). */
  preconditions: VulnerabilityId[];
  /** The defence: switched off, these vulnerabilities are applied. */
  defence: { label: string; vulnerabilities: VulnerabilityId[] };
  /** The victim's honest activity the attack rides on. */
  victim: Pick<RunConfig, 'scenario' | 'registration'> & {
    /** The MCP server the victim's client talks to, when it is not the honest one. */
    serverUrl?: (world: World) => string;
    operations?: Operation[];
  };
  /**
   * The MCP server introspects tokens (RFC 7662) in this attack's world, so a revocation by the
   * authorization server takes effect at the next request (see WorldOptions.introspection).
   */
  introspection?: boolean;
  /** Hosts the attacker controls, or her takeover of one (installed in front of the honest handlers). */
  hosts?: (world: World) => RequestHandler[];
  laneOverrides?: (urls: World['urls']) => Record<string, Lane>;
  /** Where the victim's browser goes instead of the authorization URL (she lured it), if anywhere. */
  lure?: (world: World, attacker: Attacker, authorizationUrl: string) => Promise<string | null>;
  /** How the victim answers a consent page when the run decides for her (headless, run to end). */
  decide?: (prompt: ConsentPrompt) => Decision | undefined;
  /** Runs once, before the victim's flow: the attacker's preparation. */
  prepare?: (world: World, attacker: Attacker) => Promise<void>;
  /** The attacker's moves after the victim's flow; returns what she actually obtained. */
  act: (ctx: AttackContext) => Promise<AttackFinding>;
  explain: {
    /** What happens when the defence is off. */
    vulnerable: string;
    /** What the rule does when the defence is on. */
    defended: string;
  };
  /** Extra lanes this attack draws. */
  lanes: Lane[];
  /**
   * What the attack's situation needs from a revision, besides its victim's scenario and registration
   * (src/sim/revisions/attacks.ts): it cannot be played under a revision without these rules.
   */
  needs?: { rules: RuleId[]; why: string };
  /**
   * Ways of running the same attack that the lab offers as a choice (docs/reference §5 lists several per
   * attack: who skips the rule, or a companion toggle). The first is the definition as written above;
   * the others replace some of its fields. Their ids are listed in ids.ts, for links and tests.
   */
  variants?: readonly [AttackVariant, ...AttackVariant[]];
  /** The chosen variant's id, set by resolveAttack; undefined for an attack without variants. */
  variant?: string;
}

/** A variant replaces any of the attack's fields except its identity, lesson and title. */
export interface AttackVariant extends Partial<
  Omit<AttackDef, 'id' | 'title' | 'lesson' | 'variants' | 'variant'>
> {
  id: string;
  /** What this variant changes, in a few words, for the lab's chooser. */
  label: string;
}
