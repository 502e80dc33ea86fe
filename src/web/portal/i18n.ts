/** Turkish texts of the portal pages (merged into the UI dictionary; keys prefixed `portal.`). */
export const tr = {} as const;

/** English texts: one per Turkish key. */
export const en: Record<keyof typeof tr, string> = {};
