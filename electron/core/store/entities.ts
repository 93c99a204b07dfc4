import type Database from 'better-sqlite3-multiple-ciphers';
import { stmt } from './stmt';
import type { Callback } from '../../../shared/domain/callback';
import type { CallRecord } from '../../../shared/domain/callRecord';
import type { Complaint } from '../../../shared/domain/complaint';
import type { Customer } from '../../../shared/domain/customer';
import type { SyncEntity } from '../../../shared/domain/mutations';
import type { ScriptVersion } from '../../../shared/domain/script';
import { saveCallRecord } from './callIndex';
import { indexComplaint } from './complaintIndex';
import type { Attendance, Leave } from '../../../shared/domain/attendance';
import type { QaFinding, QaReview, ScorecardVersion } from '../../../shared/domain/qaReview';
import type { QaSample } from '../../../shared/domain/quality';
import type { Bulletin, BulletinVersion } from '../../../shared/domain/bulletin';
import type { Handover } from '../../../shared/domain/handover';
import {
  attendanceTable,
  bulletinsTable,
  bulletinVersionsTable,
  handoversTable,
  callbacksTable,
  callRecordsTable,
  complaintsTable,
  customersTable,
  leaveTable,
  qaFindingsTable,
  qaReviewsTable,
  qaSamplesTable,
  scorecardVersionsTable,
  scriptVersionsTable,
} from './tables';
import type { Table } from './table';

export interface EntityStore<T> {
  load(db: Database.Database, id: string): T | null;
  save(db: Database.Database, record: T): void;
}

/** A record type with nothing derived: one row, loaded and saved as it is. */
const plain = <T extends { id: string }>(t: Table<T>): EntityStore<T> => ({ load: (db, id) => t.get(db, id), save: (db, r) => t.upsert(db, r) });

function saveCustomer(db: Database.Database, c: Customer): void {
  customersTable.upsert(db, c);
  // The phone index rows follow the record: rebuilt on every save so a removed number stops matching.
  stmt(db, 'DELETE FROM customer_phones WHERE customer_id = ?').run(c.id);
  const ins = stmt(db, 'INSERT INTO customer_phones (customer_id, normalized, local) VALUES (?, ?, ?)');
  for (const p of c.phones) ins.run(c.id, p.normalized, p.local);
}

/** The tracking sheet's derived columns (next deadline, search tokens) follow every save, local or pulled. */
function saveComplaint(db: Database.Database, c: Complaint): void {
  complaintsTable.upsert(db, c);
  indexComplaint(db, c);
}

/** Where each synced record type lives locally (docs/sync.md, "How a new record type joins sync"). */
interface Records {
  call: CallRecord;
  customer: Customer;
  complaint: Complaint;
  callback: Callback;
  script: ScriptVersion;
  qa_sample: QaSample;
  qa_review: QaReview;
  qa_finding: QaFinding;
  scorecard: ScorecardVersion;
  attendance: Attendance;
  leave: Leave;
  bulletin: Bulletin;
  bulletin_version: BulletinVersion;
  handover: Handover;
}
type RecordOf<K extends SyncEntity> = Records[K];

export const ENTITY_STORES: { [K in SyncEntity]: EntityStore<RecordOf<K>> } = {
  call: { load: (db, id) => callRecordsTable.get(db, id), save: saveCallRecord },
  customer: { load: (db, id) => customersTable.get(db, id), save: saveCustomer },
  complaint: { load: (db, id) => complaintsTable.get(db, id), save: saveComplaint },
  callback: { load: (db, id) => callbacksTable.get(db, id), save: (db, r) => callbacksTable.upsert(db, r) },
  script: { load: (db, id) => scriptVersionsTable.get(db, id), save: (db, r) => scriptVersionsTable.upsert(db, r) },
  qa_sample: plain(qaSamplesTable),
  qa_review: plain(qaReviewsTable),
  qa_finding: plain(qaFindingsTable),
  scorecard: plain(scorecardVersionsTable),
  attendance: plain(attendanceTable),
  leave: plain(leaveTable),
  bulletin: plain(bulletinsTable),
  bulletin_version: plain(bulletinVersionsTable),
  handover: plain(handoversTable),
};
