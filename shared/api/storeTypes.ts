/** Results of the store's health and backup methods (backups.*, store.*). */

export type BackupKind = 'daily' | 'manual' | 'pre_migration' | 'before_restore';

export interface BackupInfo {
  /** The file name in `<dataDir>/backups/`; the id a restore names. */
  id: string;
  /** When the copy was made (ISO). */
  at: string;
  size: number;
  kind: BackupKind;
  /** pre_migration: the migration that ran after this copy was made. */
  migration: number | null;
}

export interface BackupList {
  backups: BackupInfo[];
  /** How many backups are kept; older ones are deleted after each new one. */
  keep: number;
  folder: string;
}

export type StoreState = 'ok' | 'damaged';

export interface StoreStatus {
  state: StoreState;
  /** What the check found (SQLite's own lines, English), [] when sound. */
  problems: string[];
  /** The last full integrity check that passed, or null. */
  checkedAt: string | null;
  /** 'nfs', 'cifs', … when the store lives on a network drive (a warning: SQLite's locks are unreliable there). */
  networkDrive: string | null;
  /** Only while damaged: the backups a restore may use (newest first). */
  backups: BackupInfo[];
  /**
   * Only while damaged, on a joined workstation: the hub it can re-sync from, and whether the hub
   * answered just now (offline, the re-sync is not offered).
   */
  hub?: { url: string; reachable: boolean };
}

/** store.recover with action 'resync': the damaged store was set aside and a fresh one filled from the hub. */
export interface ResyncResult {
  /** Where the store now comes from, as RestoreResult names the backup. */
  restored: 'hub';
  resynced: true;
  /** Where the damaged store was kept (in the backups folder). */
  keptAs: string | null;
  /** What came over from the damaged store: unsent outbox entries and audit rows, and rows that could not be read. */
  salvaged: { pending: number; audit: number; unreadable: number; unreadableTables: string[] };
  /** The first sync's outcome: what is still waiting for the hub, conflicts, and its error if it failed. */
  sync: { pending: number; conflicts: number; error: string | null };
  reload: true;
}

export interface RestoreResult {
  restored: string;
  /** Where the replaced store was kept (in the backups folder), or null when there was none. */
  keptAs: string | null;
  /** The app reloads: every session of the replaced store has ended. */
  reload: true;
}
