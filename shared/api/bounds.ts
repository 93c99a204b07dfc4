/**
 * Budgets every request is held to before any handler sees it, so that one bad request (a runaway
 * autosave, a hostile page, a fuzzer) cannot stall the process that also serves the call screen.
 * The same numbers are checked by the browser host (HTTP body limit), the Electron IPC relay, the
 * core's dispatcher and the hub.
 */

/** Deepest params nesting any method needs is about 6 (a script's steps, a saved tracking view); drafts are form state. */
export const MAX_PARAMS_DEPTH = 32;
/** Objects, arrays and values in one request; a 5,000-row import is one string, a draft a few hundred fields. */
export const MAX_PARAMS_NODES = 100_000;
/**
 * Bytes of one request body. The largest legitimate one is callbacks.import: 5 MiB of base64 plus
 * the envelope around it.
 */
export const MAX_REQUEST_BYTES = 6 * 1024 * 1024;

export type BoundsRefusal = { code: 'too_deep' | 'payload_too_large'; message: string };

/**
 * Walks the value without recursion (a 20,000-deep object must not overflow this check's own stack)
 * and stops at the first budget exceeded. Strings count by their length (UTF-16 units: exact for the
 * base64 of an import, a third of the UTF-8 size of Chinese text, whose fields have their own caps),
 * numbers and the like as 8.
 */
export function checkBounds(
  value: unknown,
  limits: { depth?: number; nodes?: number; bytes?: number } = {},
): BoundsRefusal | null {
  const maxDepth = limits.depth ?? MAX_PARAMS_DEPTH;
  const maxNodes = limits.nodes ?? MAX_PARAMS_NODES;
  const maxBytes = limits.bytes ?? MAX_REQUEST_BYTES;
  const stack: [unknown, number][] = [[value, 0]];
  let nodes = 0;
  let bytes = 0;
  while (stack.length) {
    const [v, depth] = stack.pop()!;
    if (++nodes > maxNodes) return { code: 'payload_too_large', message: `the request has more than ${maxNodes} values` };
    if (typeof v === 'string') bytes += v.length;
    else if (v !== null && typeof v === 'object') {
      if (depth >= maxDepth) return { code: 'too_deep', message: `the request is nested more than ${maxDepth} levels deep` };
      if (ArrayBuffer.isView(v)) bytes += v.byteLength;
      else if (Array.isArray(v)) for (const item of v) stack.push([item, depth + 1]);
      else
        for (const key of Object.keys(v)) {
          bytes += key.length;
          stack.push([(v as Record<string, unknown>)[key], depth + 1]);
        }
    } else bytes += 8;
    if (bytes > maxBytes) return { code: 'payload_too_large', message: `the request is larger than ${maxBytes} bytes` };
  }
  return null;
}
