/** Turkish texts of the follows pages (merged into the UI dictionary; keys prefixed `follows.`). */
export const tr = {} as const;

/** English texts: one per Turkish key. */
export const en: Record<keyof typeof tr, string> = {};
