import { Tabs } from 'antd';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { BulletinFigures } from '../../../../shared/api/bulletinTypes';
import { FiguresTables } from './FiguresTables';
import { Overview } from './Overview';

export type BulletinTab = 'overview' | 'figures' | 'narrative' | 'versions';

/** The bulletin's body, for a draft and for a published version alike: overview and charts, the figures, the narrative (and the versions). */
export function BulletinTabs({ figures, narrative, versions, active, onActive }: { figures: BulletinFigures; narrative: ReactNode; versions?: { count: number; node: ReactNode }; active: BulletinTab; onActive: (k: BulletinTab) => void }) {
  const { t } = useTranslation();
  const items = [
    { key: 'overview', label: <span data-testid="bulletin-tab-overview">{t('bulletin.tabs.overview')}</span>, children: <Overview figures={figures} /> },
    { key: 'figures', label: <span data-testid="bulletin-tab-figures">{t('bulletin.tabs.figures')}</span>, children: <FiguresTables figures={figures} /> },
    { key: 'narrative', label: <span data-testid="bulletin-tab-narrative">{t('bulletin.tabs.narrative')}</span>, children: narrative },
    ...(versions ? [{ key: 'versions', label: <span data-testid="bulletin-tab-versions">{t('bulletin.tabs.versions', { n: versions.count })}</span>, children: versions.node }] : []),
  ];
  return <Tabs size="small" activeKey={active} onChange={(k) => onActive(k as BulletinTab)} items={items} className="bulletin-tabs" />;
}
