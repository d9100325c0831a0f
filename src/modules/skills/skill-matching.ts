/** Skill names as people type them, reduced to compare: case, spaces and dots do not matter. */
export function normalizeSkillName(text: string): string {
  return asciiSkillName(text) ?? text.toLowerCase().replace(/[^\p{L}\p{N}+#]/gu, '');
}

/**
 * `normalizeSkillName` of an ASCII text, without the Unicode expression (most of matching a
 * `have` list): in ASCII, lower case maps only A-Z, and the letters and digits kept are a-z and
 * 0-9. Undefined for any other text.
 */
function asciiSkillName(text: string): string | undefined {
  let out = '';
  let kept = 0; // text[kept..i) is copied as it is, once something before it changes
  let changed = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if ((c >= 97 && c <= 122) || (c >= 48 && c <= 57) || c === 43 || c === 35) continue;
    if (c >= 128) return undefined;
    out += text.slice(kept, i);
    if (c >= 65 && c <= 90) out += String.fromCharCode(c + 32);
    kept = i + 1;
    changed = true;
  }
  return changed ? out + text.slice(kept) : text;
}

export interface MatchableSkill {
  id: number;
  slug: string;
  name: string;
  aliases: string[];
  broaderId: number | null;
}

/**
 * A skill's names normalized, per row object: the graph's rows are frozen and a write that leaves
 * a skill as it was keeps its row (src/core/row-patch.ts), so the index a write makes again
 * normalizes only the skills it changed.
 */
const normalizedNames = new WeakMap<MatchableSkill, readonly string[]>();

function namesOf(skill: MatchableSkill): readonly string[] {
  let names = normalizedNames.get(skill);
  if (!names) {
    names = [skill.slug, skill.name, ...skill.aliases].map(normalizeSkillName);
    if (Object.isFrozen(skill)) normalizedNames.set(skill, names);
  }
  return names;
}

/** Whether two versions of a skill are known by the same names. */
export function sameNames(a: MatchableSkill, b: MatchableSkill): boolean {
  const [x, y] = [namesOf(a), namesOf(b)];
  return x.length === y.length && x.every((name, i) => name === y[i]);
}

/** Every name a skill is known by (slug, name, aliases), normalized, to the skill's id. */
export function buildNameIndex(skills: readonly MatchableSkill[]): Map<string, number> {
  const index = new Map<string, number>();
  for (const s of skills) {
    for (const key of namesOf(s)) if (key && !index.has(key)) index.set(key, s.id);
  }
  return index;
}

/**
 * Matches free-text skill names to skills by slug, name or alias, any case. Returns the ids held
 * and the inputs that matched nothing (in the order given, each once however it is spelled).
 */
export function matchSkills(
  inputs: string[],
  skills: MatchableSkill[] | Map<string, number>,
): { held: Set<number>; unrecognized: string[] } {
  const index = skills instanceof Map ? skills : buildNameIndex(skills);
  const held = new Set<number>();
  const unrecognized: string[] = [];
  const reported = new Set<string>();
  for (const input of inputs) {
    const key = normalizeSkillName(input);
    const id = index.get(key);
    if (id !== undefined) held.add(id);
    else if (input.trim() && !reported.has(key || input.trim())) {
      reported.add(key || input.trim());
      unrecognized.push(input.trim());
    }
  }
  return { held, unrecognized };
}

/**
 * Whether a requirement is met: the person holds the skill itself or a narrower one within it
 * (PostgreSQL counts for SQL databases; the reverse does not hold).
 */
export function satisfies(
  requiredId: number,
  held: Set<number>,
  skills: ReadonlyMap<number, MatchableSkill>,
): boolean {
  if (held.has(requiredId)) return true;
  for (const id of held) {
    const seen = new Set<number>();
    for (
      let b = skills.get(id)?.broaderId;
      b != null && !seen.has(b);
      b = skills.get(b)?.broaderId
    ) {
      if (b === requiredId) return true;
      seen.add(b);
    }
  }
  return false;
}

/**
 * Each skill's broader skills as `satisfies` walks them (nearest first, up to where the chain
 * repeats), for the skills that have one: built once per graph version, so that a request
 * computes what its held skills cover once (`skillsCovered`) rather than walking the chains
 * again for every requirement.
 */
export function broaderChains(
  skills: ReadonlyMap<number, MatchableSkill>,
): Map<number, readonly number[]> {
  const chains = new Map<number, readonly number[]>();
  for (const [id, skill] of skills) {
    if (skill.broaderId == null) continue;
    const chain: number[] = [];
    const seen = new Set<number>();
    for (
      let b: number | null | undefined = skill.broaderId;
      b != null && !seen.has(b);
      b = skills.get(b)?.broaderId
    ) {
      chain.push(b);
      seen.add(b);
    }
    chains.set(id, Object.freeze(chain));
  }
  return chains;
}

/**
 * The skills whose requirements `held` satisfies: each held skill and every skill broader than
 * one (`satisfies(id, held, skills)` is `skillsCovered(held, broaderChains(skills)).has(id)`).
 */
export function skillsCovered(
  held: Set<number>,
  chains: ReadonlyMap<number, readonly number[]>,
): Set<number> {
  const covered = new Set(held);
  for (const id of held) {
    const chain = chains.get(id);
    if (chain) for (const b of chain) covered.add(b);
  }
  return covered;
}
