import type { BackupInfo } from '../../../../shared/api/storeTypes';
import { i18n } from '../../i18n';

export const sizeText = (bytes: number): string =>
  bytes >= 1048576 ? `${(bytes / 1048576).toFixed(1)} MB` : bytes >= 1024 ? `${Math.round(bytes / 1024)} KB` : `${bytes} B`;

export const timeText = (iso: string): string => new Date(iso).toLocaleString(i18n.language === 'en' ? 'en-GB' : 'zh-CN', { hour12: false });

export const kindText = (b: BackupInfo): string => i18n.t(`backup.kinds.${b.kind}`, { n: b.migration ?? '' });
