/**
 * Session tokens live here, keyed by webContents id, and never cross into the renderer: a script
 * injected into the page cannot steal what it cannot read. Each window has its own login.
 */
export class SessionTokens {
  readonly #tokens = new Map<number, string>();

  get(webContentsId: number): string | null {
    return this.#tokens.get(webContentsId) ?? null;
  }

  /** Applies an InvokeOutcome's token: string = new session, null = ended, undefined = unchanged. */
  apply(webContentsId: number, token: string | null | undefined): void {
    if (token === undefined) return;
    if (token === null) this.#tokens.delete(webContentsId);
    else this.#tokens.set(webContentsId, token);
  }

  forget(webContentsId: number): void {
    this.#tokens.delete(webContentsId);
  }
}
