/** Escapes LIKE wildcards so that a user's "%" or "_" is matched as itself (used with `ESCAPE '\'`). */
export const escapeLike = (s: string): string => s.replace(/[\\%_]/g, (c) => `\\${c}`);
