import type { BulletinFigures, BulletinVersionView, BulletinView } from '../../../shared/api/bulletinTypes';
import { type Bulletin, type BulletinKind, bulletinIdOf, bulletinVersionIdOf, EMPTY_NARRATIVE, periodMatchesKind } from '../../../shared/domain/bulletin';
import type { BulletinNarrative } from '../../../shared/domain/bulletin';
import { periodBounds } from '../../../shared/domain/bulletinPeriods';
import type { Actor, FieldIssue } from '../../../shared/domain/mutation';
import { QA_ROLES } from '../../../shared/domain/roles';
import type { CoreContext } from '../context';
import { ApiFailure } from '../errors';
import { buildBulletinSheet } from '../export/bulletinSheet';
import { actorOf, type HandlerMap } from '../handler';
import {
  bulletinDraft,
  bulletinVersion,
  computeBulletinFigures,
  highestVersionNumber,
  latestVersion,
  listBulletins,
  versionSummaries,
} from '../store/bulletins';
import { requireSettings } from '../store/settings';
import { complaintsTable } from '../store/tables';
import { auditedRead } from '../write/audit';
import { runSyncMutation } from '../write/mutation';
import { writeTx } from '../write/unit';

/**
 * The monthly bulletin 《客户服务交流信息》 and the quarterly quality report (docs/reports.md). The core
 * computes the figures; a team lead writes the narrative and publishes, which freezes the figures and the
 * narrative as the next numbered version. Drafts and live figures are read by leads and inspectors,
 * published versions by everyone. Reads carry what key accounts' records say, so they leave an audit row.
 */

type BulletinMethod = 'bulletin.get' | 'bulletin.save' | 'bulletin.publish' | 'bulletin.version' | 'bulletin.list' | 'bulletin.export';

const readsDrafts = (actor: Actor) => QA_ROLES.includes(actor.role);

function requireKind(kind: BulletinKind, periodKey: string, field = 'periodKey'): void {
  if (!periodMatchesKind(kind, periodKey))
    throw new ApiFailure('invalid_params', `${periodKey} is not a ${kind} period`, [{ field, code: 'invalid_value', message: `not a ${kind === 'monthly' ? 'month (2026-11)' : 'quarter (2026-Q4)'}` }]);
}

const customersOf = (f: BulletinFigures) => f.keyAccounts.map((e) => e.customerId);
const versionView = (v: NonNullable<ReturnType<typeof bulletinVersion>>): BulletinVersionView => ({ ...v, figures: v.figures as unknown as BulletinFigures });

function view(ctx: CoreContext, actor: Actor, kind: BulletinKind, periodKey: string): BulletinView {
  const id = bulletinIdOf(kind, periodKey);
  const draft = bulletinDraft(ctx.db, id);
  const now = ctx.now();
  return {
    bulletinId: id,
    kind,
    periodKey,
    draft,
    narrative: draft?.narrative ?? EMPTY_NARRATIVE,
    canEdit: actor.role === 'team_lead',
    periodOver: now.toISOString() >= periodBounds(kind, periodKey).to,
    figures: computeBulletinFigures(ctx.db, kind, periodKey, now),
    versions: versionSummaries(ctx.db, id),
    distribution: requireSettings(ctx.db).bulletinDistribution,
  };
}

/**
 * What the schema cannot see, all at once beside each field: a representative problem names a complaint
 * that exists, once; rectification and plan items have distinct ids.
 */
function narrativeIssues(ctx: CoreContext, n: BulletinNarrative): FieldIssue[] {
  const issues: FieldIssue[] = [];
  const seen = new Set<string>();
  n.representative.forEach((r, i) => {
    const field = `narrative.representative.${i}.complaintId`;
    if (seen.has(r.complaintId)) issues.push({ field, code: 'duplicate', message: 'this complaint is already listed' });
    else if (!complaintsTable.get(ctx.db, r.complaintId)) issues.push({ field, code: 'invalid_value', message: 'no such complaint' });
    seen.add(r.complaintId);
  });
  for (const [list, items] of [
    ['rectifications', n.rectifications],
    ['improvementPlan', n.improvementPlan],
  ] as const) {
    const ids = new Set<string>();
    items.forEach((item, i) => {
      if (ids.has(item.id)) issues.push({ field: `narrative.${list}.${i}.id`, code: 'duplicate', message: 'two items with the same id' });
      ids.add(item.id);
    });
  }
  return issues;
}

/** Figures equal but for when they were computed: publishing them again unchanged would make a version that says nothing new. */
const sameFigures = (a: Record<string, unknown>, b: BulletinFigures) => JSON.stringify({ ...a, computedAt: '' }) === JSON.stringify({ ...b, computedAt: '' });

export const bulletinHandlers: HandlerMap<BulletinMethod> = {
  'bulletin.get': ({ ctx, session, params }) => {
    const actor = actorOf(session);
    requireKind(params.kind, params.periodKey);
    return auditedRead(
      ctx,
      actor,
      { action: 'view', entity: 'bulletin', detail: `${params.kind} ${params.periodKey}`, customersOf: (v) => customersOf(v.figures) },
      () => view(ctx, actor, params.kind, params.periodKey),
      (v) => [v.bulletinId],
    );
  },

  'bulletin.save': ({ ctx, session, params }) => {
    const actor = actorOf(session);
    requireKind(params.kind, params.periodKey);
    const issues = narrativeIssues(ctx, params.narrative);
    if (params.kind === 'monthly' && params.narrative.improvementPlan.length)
      issues.push({ field: 'narrative.improvementPlan', code: 'invalid_value', message: 'an improvement plan belongs to a quarterly report' });
    if (issues.length) throw new ApiFailure('invalid_params', 'the narrative has problems', issues);
    const id = bulletinIdOf(params.kind, params.periodKey);
    return writeTx(ctx, (): Bulletin => {
      const draft = bulletinDraft(ctx.db, id);
      // The version the lead started from: a save by another lead meanwhile is shown, not overwritten.
      if (params.version !== undefined && (draft?.version ?? 0) !== params.version)
        throw new ApiFailure('conflict', `the draft was saved meanwhile by ${draft?.editedBy ?? 'someone'} (version ${draft?.version ?? 0})`);
      return runSyncMutation(ctx, 'bulletin.save', { id, kind: params.kind, periodKey: params.periodKey, narrative: params.narrative, at: ctx.now().toISOString() }, actor);
    });
  },

  'bulletin.publish': ({ ctx, session, params }) => {
    const actor = actorOf(session);
    requireKind(params.kind, params.periodKey);
    const now = ctx.now();
    if (now.toISOString() < periodBounds(params.kind, params.periodKey).to)
      throw new ApiFailure('invalid_params', `${params.periodKey} has not ended`, [{ field: 'periodKey', code: 'in_future', message: 'the period has not ended yet' }]);
    const id = bulletinIdOf(params.kind, params.periodKey);
    // Computed before the transaction: a quarter's figures take a moment, and the write need not wait for them.
    const figures = computeBulletinFigures(ctx.db, params.kind, params.periodKey, now);
    const at = now.toISOString();
    const version = writeTx(ctx, () => {
      const draft =
        bulletinDraft(ctx.db, id) ??
        runSyncMutation(ctx, 'bulletin.save', { id, kind: params.kind, periodKey: params.periodKey, narrative: EMPTY_NARRATIVE, at }, actor);
      const last = latestVersion(ctx.db, id);
      if (last && !draft.dirty && sameFigures(last.figures, figures))
        throw new ApiFailure('conflict', `nothing changed since version ${last.number}`);
      const number = highestVersionNumber(ctx.db, id) + 1;
      const v = runSyncMutation(
        ctx,
        'bulletin.publish',
        {
          id: bulletinVersionIdOf(id, number),
          bulletinId: id,
          kind: params.kind,
          periodKey: params.periodKey,
          number,
          figures: figures as unknown as Record<string, unknown>,
          narrative: draft.narrative,
          distribution: requireSettings(ctx.db).bulletinDistribution,
          at,
        },
        actor,
      );
      runSyncMutation(ctx, 'bulletin.markPublished', { id, number, at }, actor);
      return v;
    });
    return versionView(version);
  },

  'bulletin.version': ({ ctx, session, params }) => {
    const actor = actorOf(session);
    const v = bulletinVersion(ctx.db, params.id);
    if (!v) throw new ApiFailure('not_found', `bulletin version ${params.id} does not exist`);
    return auditedRead(
      ctx,
      actor,
      { action: 'view', entity: 'bulletin_version', detail: `${v.kind} ${v.periodKey} v${v.number}`, customersOf: (r) => customersOf(r.figures) },
      () => versionView(v),
      (r) => [r.id],
    );
  },

  'bulletin.list': ({ ctx, session, params }) => listBulletins(ctx.db, params.kind ?? null, readsDrafts(actorOf(session))),

  'bulletin.export': async ({ ctx, session, params }) => {
    const actor = actorOf(session);
    let source: { kind: BulletinKind; periodKey: string; figures: BulletinFigures; narrative: BulletinNarrative; version: BulletinVersionView | null; id: string };
    if (params.versionId) {
      if (params.kind || params.periodKey)
        throw new ApiFailure('invalid_params', 'give a version or a period, not both', [{ field: 'versionId', code: 'invalid_value', message: 'a version or a period, not both' }]);
      const v = bulletinVersion(ctx.db, params.versionId);
      if (!v) throw new ApiFailure('not_found', `bulletin version ${params.versionId} does not exist`);
      const vv = versionView(v);
      source = { kind: v.kind, periodKey: v.periodKey, figures: vv.figures, narrative: v.narrative, version: vv, id: v.id };
    } else {
      const missing: FieldIssue[] = [];
      if (!params.kind) missing.push({ field: 'kind', code: 'required', message: 'a kind, or a version' });
      if (!params.periodKey) missing.push({ field: 'periodKey', code: 'required', message: 'a period, or a version' });
      if (!params.kind || !params.periodKey) throw new ApiFailure('invalid_params', 'give a version, or a kind and a period', missing);
      if (!readsDrafts(actor)) throw new ApiFailure('forbidden', `role ${actor.role} may export published versions only`);
      requireKind(params.kind, params.periodKey);
      const id = bulletinIdOf(params.kind, params.periodKey);
      const draft = bulletinDraft(ctx.db, id);
      const figures = computeBulletinFigures(ctx.db, params.kind, params.periodKey, ctx.now());
      source = { kind: params.kind, periodKey: params.periodKey, figures, narrative: draft?.narrative ?? EMPTY_NARRATIVE, version: null, id };
    }
    const out = await buildBulletinSheet(source);
    return auditedRead(
      ctx,
      actor,
      { action: 'export', entity: source.version ? 'bulletin_version' : 'bulletin', detail: JSON.stringify({ id: source.id, kind: source.kind, periodKey: source.periodKey, version: source.version?.number ?? null, rows: out.rows }), customersOf: () => customersOf(source.figures) },
      () => out,
      (o) => [o.filename],
    );
  },
};
