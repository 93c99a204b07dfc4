import { isQaRole } from '../../../../shared/domain/roles';
import { useRole } from '../auth/sessionStore';
import { DraftView } from './DraftView';
import { PublishedList } from './PublishedList';
import { VersionView } from './VersionView';
import './bulletin.css';
import './strings';

/**
 * 月报/季报 (#/bulletin): team leads write and publish the period's bulletin, quality inspectors read the
 * draft; everybody reads what was published. #/bulletin/<versionId> opens one published version.
 */
export function BulletinPage({ openId, query }: { openId: string | null; query: string }) {
  const role = useRole();
  if (!role) return null;
  if (openId) return <VersionView id={openId} />;
  return isQaRole(role) ? <DraftView query={query} /> : <PublishedList />;
}
