import { SearchDoc } from './documents';
import { facetsOf } from './facets';

/** A query word as the index looks it up. */
export interface QueryWord {
  /** Folded, as typed. */
  word: string;
  stem: string;
  /** Whether it also matches as the start of longer words. */
  prefix: boolean;
}

/** A query word resolved against the index: the terms it matches and how much they count. */
export interface WordMatch {
  word: string;
  /** What the hit shows as matched: the word typed, or for a typo the word of ours it was taken for. */
  shown: string;
  typo: boolean;
  /** Stems it matches exactly (for a prefix, the typed stem; for a typo, every close word's). */
  stems: Set<string>;
  /** Folded words it stands for in a name (the typed word, or the close words). */
  words: Set<string>;
  prefix: boolean;
}

export interface SearchOptions {
  types?: string[];
  limit: number;
}

export interface Facet {
  type: string;
  count: number;
}

/**
 * One hit as the index ranks it, made the same way by every search path. Its key, type and slug
 * are its document's, and its matched words are worked out from a bit mask when read (most
 * requests never ask for them).
 */
export class EngineHit {
  constructor(
    readonly doc: SearchDoc,
    readonly score: number,
    /** 4: a name equals the query, 3: equals it stemmed, 2: contains it as a phrase, 1: stemmed, 0: shares words. */
    readonly tier: number,
    /** Bit g: the hit matched the query's g-th word. */
    private readonly mask: number,
    private readonly words: WordMatch[],
  ) {}

  get key(): string {
    return this.doc.key;
  }

  get nodeType(): string {
    return this.doc.nodeType;
  }

  get slug(): string {
    return this.doc.slug;
  }

  /** The query's words this hit matched, in query order. */
  get matched(): WordMatch[] {
    const { mask, words } = this;
    return words.filter((_, g) => mask & (1 << g));
  }
}

/**
 * A search's best hits and the count of every match, by type; the facets are worked out from
 * the counts when first read (`search` does not ask for them).
 */
export class EngineResult {
  #facets: Facet[] | undefined;

  constructor(
    readonly hits: EngineHit[],
    /** Every match of the allowed types, not only the hits. */
    readonly total: number,
    /** Matches by type number (NODE_TYPES). */
    private readonly perType: Uint32Array,
    readonly words: WordMatch[],
  ) {}

  /** Matches per type, most first, adding up to `total`. */
  get facets(): Facet[] {
    return (this.#facets ??= facetsOf(this.perType));
  }
}
