import type { z } from 'zod';
import {
  type Bulletin,
  BulletinMarkPublishedArgs,
  BulletinPublishArgs,
  BulletinSaveArgs,
  type BulletinVersion,
  markBulletinPublished,
  publishBulletin,
  saveBulletin,
} from './bulletin';
import { acknowledgeHandover, createHandover, type Handover, HandoverAckArgs, HandoverCreateArgs, HandoverNoteArgs, noteHandover } from './handover';
import type { MutationDef } from './mutations';
import { HANDOVER_ROLES, LEAD_ROLES } from './roles';

/** The record types of the reports (docs/reports.md) that sync. */
export type ReportsEntity = 'bulletin' | 'bulletin_version' | 'handover';

const define = <A, T>(d: MutationDef<A, T>) => d;

/** Merged into MUTATIONS (shared/domain/mutations.ts). */
export const REPORTS_MUTATIONS = {
  'bulletin.save': define<z.output<typeof BulletinSaveArgs>, Bulletin>({
    entity: 'bulletin',
    args: BulletinSaveArgs,
    roles: LEAD_ROLES,
    idOf: (a) => a.id,
    // Two leads editing the same draft offline: the second sees a conflict instead of losing the first's words.
    workflowFields: ['version'],
    baseOf: (prev) => (prev ? { version: prev.version } : null),
    apply: (prev, a, actor) => saveBulletin(prev, a, actor),
  }),
  'bulletin.markPublished': define<z.output<typeof BulletinMarkPublishedArgs>, Bulletin>({
    entity: 'bulletin',
    args: BulletinMarkPublishedArgs,
    roles: LEAD_ROLES,
    idOf: (a) => a.id,
    workflowFields: [],
    baseOf: (prev) => (prev ? { version: prev.version } : null),
    apply: (prev, a, actor) => markBulletinPublished(prev, a, actor),
  }),
  'bulletin.publish': define<z.output<typeof BulletinPublishArgs>, BulletinVersion>({
    entity: 'bulletin_version',
    args: BulletinPublishArgs,
    roles: LEAD_ROLES,
    idOf: (a) => a.id,
    workflowFields: [],
    baseOf: () => null,
    apply: (prev, a, actor) => publishBulletin(prev, a, actor),
  }),
  'handover.create': define<z.output<typeof HandoverCreateArgs>, Handover>({
    entity: 'handover',
    args: HandoverCreateArgs,
    roles: HANDOVER_ROLES,
    idOf: (a) => a.id,
    workflowFields: [],
    baseOf: () => null,
    apply: (prev, a, actor) => createHandover(prev, a, actor),
  }),
  'handover.note': define<z.output<typeof HandoverNoteArgs>, Handover>({
    entity: 'handover',
    args: HandoverNoteArgs,
    roles: HANDOVER_ROLES,
    idOf: (a) => a.id,
    // A note written after the next shift acknowledged would not be read: compare the status.
    workflowFields: ['status'],
    baseOf: (prev) => (prev ? { version: prev.version, status: prev.status } : null),
    apply: (prev, a, actor) => noteHandover(prev, a, actor),
  }),
  'handover.acknowledge': define<z.output<typeof HandoverAckArgs>, Handover>({
    entity: 'handover',
    args: HandoverAckArgs,
    roles: HANDOVER_ROLES,
    idOf: (a) => a.id,
    workflowFields: ['status'],
    baseOf: (prev) => (prev ? { version: prev.version, status: prev.status } : null),
    apply: (prev, a, actor) => acknowledgeHandover(prev, a, actor),
  }),
};
