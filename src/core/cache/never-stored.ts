/** Texts kept at most, and the longest text kept (so the set stays under about 1 MB). */
const MAX_TEXTS = 256;
const MAX_TEXT_LENGTH = 4096;

/**
 * Operation texts whose answer is never stored whatever the graph holds: one operation, sent
 * without variables, that is not a query or runs no field of the schema (`{ __typename }`, a
 * health check; introspection). The replay (replay.ts) skips hashing a key and looking up an
 * answer for them, which would find nothing. Which operation runs and whether it reads a root
 * field follow from the text alone when there are no variables, so one text's answer holds for
 * every later request of it on this server. Bounded: the oldest text goes first.
 */
export class NeverStoredTexts {
  private readonly texts = new Set<string>();

  add(text: string): void {
    if (text.length > MAX_TEXT_LENGTH || this.texts.has(text)) return;
    if (this.texts.size >= MAX_TEXTS) this.texts.delete(this.texts.values().next().value!);
    this.texts.add(text);
  }

  has(text: string): boolean {
    return this.texts.has(text);
  }

  get size(): number {
    return this.texts.size;
  }
}

/** Whether a request's variables leave its operation's answer up to the text alone. */
export function withoutVariables(variables: Record<string, unknown> | null | undefined): boolean {
  if (!variables) return true;
  for (const _ in variables) return false;
  return true;
}
