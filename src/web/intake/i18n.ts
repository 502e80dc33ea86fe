/** Turkish texts of the intake pages (merged into the UI dictionary; keys prefixed `intake.`). */
export const tr = {} as const;

/** English texts: one per Turkish key. */
export const en: Record<keyof typeof tr, string> = {};
