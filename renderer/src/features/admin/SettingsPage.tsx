import { Card, Skeleton, Tabs } from 'antd';
import { useTranslation } from 'react-i18next';
import { AuditLogPanel } from '../audit/AuditLogPanel';
import { BackupsPanel } from '../backups/BackupsPanel';
import { ComplaintSettings } from '../complaints/settings/ComplaintSettings';
import { ScriptEditor } from '../scripts/editor/ScriptEditor';
import { HubCard } from '../sync/HubCard';
import { MaskingSettings } from './MaskingSettings';
import { OrgSettingsForm } from './OrgSettingsForm';
import { QualitySettings } from './QualitySettings';
import { SnippetEditor } from './SnippetEditor';
import { useSettings } from './settingsStore';
import { UsersPanel } from './UsersPanel';

/** 设置 (admin only; the menu hides it and the core refuses the calls for other roles). */
export function SettingsPage() {
  const { t } = useTranslation();
  const settings = useSettings((s) => s.settings);
  return (
    <>
      <Card className="page-card" size="small" title={t('settings.title')}>
        <Tabs
          items={[
            {
              key: 'org',
              label: t('settings.org'),
              // Keyed by the stored values so a change made elsewhere (records.changed) is shown.
              children: settings ? <OrgSettingsForm key={JSON.stringify(settings)} settings={settings} /> : <Skeleton active />,
            },
            { key: 'users', label: t('users.title'), children: <UsersPanel /> },
            {
              key: 'masking',
              label: <span data-testid="settings-tab-masking">{t('visibility.masking.title')}</span>,
              children: settings ? <MaskingSettings key={JSON.stringify(settings.masking)} settings={settings} /> : <Skeleton active />,
            },
            { key: 'complaints', label: <span data-testid="settings-tab-complaints">{t('complaint.settings.tab')}</span>, children: <ComplaintSettings /> },
            {
              key: 'quality',
              label: <span data-testid="settings-tab-quality">{t('qualitySettings.tab')}</span>,
              children: settings ? (
                <QualitySettings key={JSON.stringify([settings.quality, settings.appraisalWeights, settings.attendance])} settings={settings} />
              ) : (
                <Skeleton active />
              ),
            },
            { key: 'scripts', label: <span data-testid="settings-tab-scripts">{t('script.editor.tab')}</span>, children: <ScriptEditor /> },
            {
              key: 'snippets',
              label: <span data-testid="settings-tab-snippets">{t('snippet.editor.tab')}</span>,
              children: settings ? <SnippetEditor key={JSON.stringify(settings.snippets)} settings={settings} /> : <Skeleton active />,
            },
            { key: 'audit', label: <span data-testid="settings-tab-audit">{t('audit.tab')}</span>, children: <AuditLogPanel /> },
            { key: 'backups', label: <span data-testid="settings-tab-backups">{t('backup.tab')}</span>, children: <BackupsPanel /> },
          ]}
        />
      </Card>
      {/* Joining replaces the settings and users above with the hub's. */}
      <HubCard />
    </>
  );
}
