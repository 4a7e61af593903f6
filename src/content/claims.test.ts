/**
 * Guards against wrong claims that the teaching text once made. Each test names the fact and the
 * primary source that settles it, and fails on the sentences that must not come back. A pattern
 * cannot prove a sentence true, but it keeps a claim that was found wrong from returning in the same
 * words. Searched: every lesson, every answer the quiz marks correct, all quiz feedback (a
 * distractor's feedback must be true even though the distractor is not), every step explanation and
 * every presenter note. Distractors themselves are left out: they are meant to be wrong.
 */
import { describe, expect, it } from 'vitest';
import { SPEAKER_NOTES } from '../features/presenter/notes';
import { RULES, isRuleId } from '../sim/rules';
import { STEPS } from '../sim/steps';
import { LESSONS as lessons, QUESTIONS as questions } from './load';
import { passages, sentences, type Passage } from './prose';

/**
 * Everything the app presents as true, as passages: a lesson paragraph, list item or table row; one
 * quiz answer's feedback (with the answer's text when it is the correct one); one step message; one
 * presenter note.
 */
function corpus(): Passage[] {
  const all: Passage[] = [];
  for (const lesson of lessons) {
    all.push({ where: `${lesson.file} (summary)`, text: lesson.summary });
    all.push(...passages(lesson.file, lesson.body));
  }
  for (const question of questions) {
    all.push({ where: `${question.id} (prompt)`, text: question.prompt });
    if (question.kind === 'choice') {
      question.answers.forEach((answer, index) => {
        const text = answer.correct ? `${answer.text} ${answer.feedback}` : answer.feedback;
        all.push({ where: `${question.id} (answer ${index + 1}${answer.correct ? ', correct' : ''})`, text });
      });
    } else {
      question.items.forEach((item, index) =>
        all.push({ where: `${question.id} (item ${index + 1})`, text: item }),
      );
      all.push({ where: `${question.id} (feedback)`, text: question.feedback });
    }
  }
  for (const [id, step] of Object.entries(STEPS)) {
    if (step.kind === 'exchange') {
      all.push({ where: `steps.ts ${id} (request)`, text: `${step.request.title}. ${step.request.explain}` });
      all.push({
        where: `steps.ts ${id} (response)`,
        text: `${step.response.title}. ${step.response.explain}`,
      });
    } else {
      all.push({ where: `steps.ts ${id}`, text: `${step.title}. ${step.explain}` });
    }
  }
  for (const [id, note] of Object.entries(SPEAKER_NOTES)) {
    const parts: Record<string, string> = typeof note === 'string' ? { note } : note;
    for (const [part, text] of Object.entries(parts)) all.push({ where: `notes.ts ${id} (${part})`, text });
  }
  return all;
}

const PASSAGES = corpus();
const SENTENCES = PASSAGES.flatMap((passage) => sentences(passage));

const show = (found: readonly Passage[]): string[] => found.map((p) => `${p.where}: ${p.text}`);
/** Passages (a paragraph, one answer's feedback, one step message) for which `test` holds. */
const passagesWhere = (test: (text: string) => boolean): string[] =>
  show(PASSAGES.filter((p) => test(p.text)));
/** Single sentences for which `test` holds. */
const sentencesWhere = (test: (text: string) => boolean): string[] =>
  show(SENTENCES.filter((s) => test(s.text)));

describe('the corpus', () => {
  it('covers lessons, quiz feedback, step explanations and presenter notes', () => {
    const where = PASSAGES.map((p) => p.where);
    expect(where.some((w) => w.startsWith('12-rules-and-attacks.md'))).toBe(true);
    expect(where.some((w) => w.endsWith(', correct)'))).toBe(true);
    expect(where.some((w) => w.startsWith('steps.ts token (response)'))).toBe(true);
    expect(where.some((w) => w.startsWith('notes.ts validate-prm'))).toBe(true);
    expect(SENTENCES.length).toBeGreaterThan(PASSAGES.length);
  });
});

describe('what the content claims', () => {
  it('a token in the query string is ignored and gets the 401 challenge, not 400 (OAuth 2.1 §5.1; S-24)', () => {
    expect(
      passagesWhere(
        (text) => /query|access_token=|in (a|the) URL/i.test(text) && /\b400\b|invalid_request/.test(text),
      ),
    ).toEqual([]);
  });

  it('revoking after a code replay is a SHOULD, and only when the replay is otherwise valid (OAuth 2.1 §4.1.3, §7.5.3; A-17)', () => {
    const aboutCodeRevocation = (text: string): boolean =>
      /revok/i.test(text) && /\bcodes?\b/i.test(text) && !/refresh/i.test(text);
    const condition = /otherwise valid|right client|(right|valid) (code_)?verifier|wrong verifier/i;
    expect(
      passagesWhere(
        (text) =>
          sentences({ where: '', text }).some((s) => aboutCodeRevocation(s.text)) && !condition.test(text),
      ),
    ).toEqual([]);
  });

  it('automatic redirects only to trusted URIs are a SHOULD; the MUST is to take precautions (OAuth 2.1 §7.12.2; A-13)', () => {
    expect(
      sentencesWhere(
        (text) => /\b(MUST|must|never)\b[^.;]*\bredirect[^.;]*trust/i.test(text) && !/precaution/i.test(text),
      ),
    ).toEqual([]);
  });

  it('DCR needs an appropriate application_type; "native" is a SHOULD for native apps (client-registration.mdx; C-13)', () => {
    expect(
      sentencesWhere(
        (text) =>
          /"native"|application_type\b[^.]*\bnative/.test(text) &&
          /\b(must|requires?|required)\b/i.test(text) &&
          !/should|appropriate/i.test(text),
      ),
    ).toEqual([]);
  });

  it('binding a local server to 127.0.0.1 is a SHOULD (streamable-http.mdx §Security Warning; S-23)', () => {
    expect(
      sentencesWhere(
        (text) =>
          /127\.0\.0\.1|localhost/.test(text) &&
          /\b(must|requires?|required)\s+(\S+\s+){0,3}bind/i.test(text),
      ),
    ).toEqual([]);
  });

  it('the PKCE MUST is to refuse metadata without code_challenge_methods_supported, and to use S256 when capable (security-considerations.mdx; C-27, C-28)', () => {
    expect(
      sentencesWhere((text) =>
        /must (see|find|include|list|contain)[^.]*S256|S256 must be (listed|present|included)|present and (include|contain)s? S256/i.test(
          text,
        ),
      ),
    ).toEqual([]);
  });

  it('the PRM resource must equal what the client asked about, which depends on how it found the document (RFC 9728 §3.3)', () => {
    expect(
      sentencesWhere((text) =>
        /identical to the (MCP )?server'?s? URL|identical to the MCP server URL|identical to the URL (it|the client) (is|are) talking to/i.test(
          text,
        ),
      ),
    ).toEqual([]);
    const discovery = lessons.find((lesson) => lesson.id === 'discovery')?.body ?? '';
    expect(discovery).toMatch(/From the 401's `resource_metadata`/);
    expect(discovery).toMatch(/From a well-known URL/);
  });

  it("the path-then-root order for protected resource metadata is MCP's rule, not RFC 9728's (authorization-server-discovery.mdx)", () => {
    expect(
      sentencesWhere(
        (text) => /\broot\b/i.test(text) && /path/i.test(text) && /RFC 9728 §3\.1\)?\.?$/.test(text),
      ),
    ).toEqual([]);
  });

  it('the MCP server issues no tokens in its resource-server role; the authorization server may be hosted with it (authorization/index.mdx §Roles)', () => {
    const aboutTheServer = /MCP server|itself|resource server|\bit\b/i;
    // "Never" is absolute, and wrong: the same deployment may also run the authorization server.
    const never = /\bnever\s+(\S+\s+){0,2}issues?\b/i;
    // "Does not issue" is right for the role, so it must name the role or the shared deployment.
    const not = /\b(not|n't)\s+(\S+\s+){0,2}issues?\b[^.]*token|\bissues? no tokens/i;
    const qualified = /role|as a resource server|hosts? both|runs? both|even when/i;
    expect(
      sentencesWhere(
        (text) =>
          aboutTheServer.test(text) &&
          /token/i.test(text) &&
          ((never.test(text) && !/in (that|its|this) role/i.test(text)) ||
            (not.test(text) && !qualified.test(text))),
      ),
    ).toEqual([]);
  });

  it('audience binding holds when the authorization server supports it and the server checks it; the user consents to scopes, not to expiry or audience (security-considerations.mdx §Token Audience Binding)', () => {
    expect(
      sentencesWhere((text) =>
        /worthless anywhere else|consented to all three|useless anywhere else/i.test(text),
      ),
    ).toEqual([]);
  });

  it('a sentence that cites only SHOULD or MAY rules does not say MUST (docs/reference §3)', () => {
    const levelOf = (id: string): string => (isRuleId(id) ? RULES[id].level : '');
    expect(
      sentencesWhere((text) => {
        const cited = text.match(/\b[CSA]-\d{2}\b/g) ?? [];
        return (
          cited.length > 0 &&
          cited.every((id) => !/MUST/.test(levelOf(id))) &&
          /\bMUST\b|(?<!\b[Ii]f (it|you|they) )\bmust\b|\brequire[sd]?\b/.test(text)
        );
      }),
    ).toEqual([]);
  });

  it('the quiz says when an answer rests on a SHOULD, and asks what would have stopped an attack that worked', () => {
    const question = (id: string) => questions.find((q) => q.id === id);
    const redirect = question('pkce-and-request-8');
    expect(redirect?.prompt).toMatch(/trust policy/);
    expect(redirect?.kind === 'choice' ? redirect.answers.find((a) => a.correct)?.feedback : '').toMatch(
      /SHOULD redirect automatically only to URIs it trusts/,
    );
    expect(question('access-6')?.prompt).toMatch(/it works\. What would have stopped it\?$/);
  });

  it('A-16 is PKCE; a code is single-use under A-17 (docs/reference §3.3)', () => {
    expect(sentencesWhere((text) => /\bA-16\b/.test(text) && !/PKCE|challenge|verifier/i.test(text))).toEqual(
      [],
    );
    expect(
      sentencesWhere(
        (text) =>
          /replay|second redemption|single-use|only once|redeemed once/i.test(text) &&
          /\bcode\b/i.test(text) &&
          /\b[CSA]-\d{2}\b/.test(text) &&
          !/refresh/i.test(text) &&
          !/\bA-17\b/.test(text),
      ),
    ).toEqual([]);
  });
});
