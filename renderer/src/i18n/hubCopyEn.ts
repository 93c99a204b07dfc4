import type { hubCopyZh } from './hubCopyZh';

export const hubCopyEn: { [K in keyof typeof hubCopyZh]: string } = {
  unavailable: 'This record is confidential: connect to the hub to read it in full',
  fetched: 'Confidential record: read in full from the hub and not stored on this workstation (written to the audit log)',
  readOnly: 'It can be viewed here, not edited',
};
