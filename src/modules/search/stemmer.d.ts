/** stemmer 1.x (CommonJS): the Porter stemmer; v2 is ESM-only and cannot be required. */
declare module 'stemmer' {
  function stemmer(value: string): string;
  export = stemmer;
}
