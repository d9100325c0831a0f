/** Skill names as people type them, reduced to compare: case, spaces and dots do not matter. */
export function normalizeSkillName(text: string): string {
  return text.toLowerCase().replace(/[^\p{L}\p{N}+#]/gu, '');
}

export interface MatchableSkill {
  id: number;
  slug: string;
  name: string;
  aliases: string[];
  broaderId: number | null;
}

/** Every name a skill is known by (slug, name, aliases), normalized, to the skill's id. */
export function buildNameIndex(skills: MatchableSkill[]): Map<string, number> {
  const index = new Map<string, number>();
  for (const s of skills) {
    for (const name of [s.slug, s.name, ...s.aliases]) {
      const key = normalizeSkillName(name);
      if (key && !index.has(key)) index.set(key, s.id);
    }
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
