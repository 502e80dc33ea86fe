/** Turkish texts of the applications pages (merged into the UI dictionary; keys prefixed `applications.`). */
export const tr = {} as const;

/** English texts: one per Turkish key. */
export const en: Record<keyof typeof tr, string> = {};
