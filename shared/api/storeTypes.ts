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
}

export interface RestoreResult {
  restored: string;
  /** Where the replaced store was kept (in the backups folder), or null when there was none. */
  keptAs: string | null;
  /** The app reloads: every session of the replaced store has ended. */
  reload: true;
}
