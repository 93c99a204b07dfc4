import { z } from 'zod';
import { BULLETIN_KINDS, BulletinNarrative, BulletinPeriod } from '../domain/bulletin';
import { uuid } from '../domain/fields';
import { ALL_ROLES, LEAD_ROLES, QA_ROLES } from '../domain/roles';
import type * as B from './bulletinTypes';
import { def } from './methodDef';

const Kind = z.enum(BULLETIN_KINDS);

/**
 * The monthly bulletin 《客户服务交流信息》 and the quarterly quality report (docs/reports.md).
 * Team leads write and publish. A draft with its live figures is read by leads and by quality
 * inspectors (whose QA figures it carries); a published version is read by every role.
 */
export const BULLETIN_API = {
  /** The period's draft (or an empty one not yet saved), live figures beside the previous period and last year, and the versions. */
  'bulletin.get': def<B.BulletinView>()(z.strictObject({ kind: Kind, periodKey: BulletinPeriod }), QA_ROLES),
  /** Saves the narrative. `version` is the draft's version the lead edited (0 for a new one): another lead's save meanwhile is a conflict. */
  'bulletin.save': def<B.Bulletin>()(
    z.strictObject({ kind: Kind, periodKey: BulletinPeriod, narrative: BulletinNarrative, version: z.number().int().min(0).max(1_000_000).optional() }),
    LEAD_ROLES,
  ),
  /** Computes the figures now and freezes the saved narrative with them as the next version, sent to the distribution list. */
  'bulletin.publish': def<B.BulletinVersionView>()(z.strictObject({ kind: Kind, periodKey: BulletinPeriod }), LEAD_ROLES),
  /** One frozen version. */
  'bulletin.version': def<B.BulletinVersionView>()(z.strictObject({ id: uuid }), ALL_ROLES),
  /** Published bulletins (every role) and drafts (leads and inspectors), newest period first. */
  'bulletin.list': def<B.BulletinListRow[]>()(z.strictObject({ kind: Kind.optional() }), ALL_ROLES),
  /** .xlsx, one sheet per table: a published version by `versionId`, or the draft with live figures by kind and period (leads and inspectors). */
  'bulletin.export': def<B.BulletinExport>()(
    z.strictObject({ versionId: uuid.optional(), kind: Kind.optional(), periodKey: BulletinPeriod.optional() }),
    ALL_ROLES,
  ),
};
