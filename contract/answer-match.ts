import type { AnswerMatch, AnswerSourceType } from './answers.ts';

// How a learner's typed answer is compared with the expected one: the control plane for a lesson's static
// `value`, the agent for a value it read from the live sandbox. Both sides trim what the learner typed.

/** A number as a learner types it: 127, 127.0, " 127 " — not "", not "0x7f". */
export function parseNumber(text: string): number | undefined {
  const t = text.trim();
  if (!/^[+-]?(\d+(\.\d*)?|\.\d+)$/.test(t)) return undefined;
  return Number(t);
}

export function matchesValue(given: string, expected: string, match: AnswerMatch): boolean {
  const g = given.trim();
  const e = expected.trim();
  if (match === 'number') {
    const n = parseNumber(g);
    return n !== undefined && n === parseNumber(e);
  }
  if (match === 'ignore-case') return g.toLowerCase() === e.toLowerCase();
  return g === e;
}

/** The shortest id prefix accepted: what `docker ps` and `docker images` show. */
export const MIN_ID_PREFIX = 12;

/** A full id, or a prefix of at least MIN_ID_PREFIX hex characters of it; `sha256:` optional on both. */
export function matchesId(given: string, fullId: string): boolean {
  const g = given
    .trim()
    .toLowerCase()
    .replace(/^sha256:/, '');
  const full = fullId
    .trim()
    .toLowerCase()
    .replace(/^sha256:/, '');
  return /^[0-9a-f]+$/.test(g) && g.length >= MIN_ID_PREFIX && full.startsWith(g);
}

/** Whether `given` is one of the values a live source accepts (an address on any of the networks, …). */
export function matchesLive(type: AnswerSourceType, given: string, accepted: readonly string[]): boolean {
  return accepted.some((expected) => matchesOne(type, given, expected));
}

function matchesOne(type: AnswerSourceType, given: string, expected: string): boolean {
  switch (type) {
    case 'container_id':
    case 'image_id':
      return matchesId(given, expected);
    case 'container_exit_code':
    case 'image_layer_count':
    case 'published_port':
      return matchesValue(given, expected, 'number');
    case 'container_ip':
    case 'node_output':
      return matchesValue(given, expected, 'exact');
  }
}
