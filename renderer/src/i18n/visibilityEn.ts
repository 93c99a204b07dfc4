import type { visibilityZh } from './visibilityZh';

type Shape<T> = { [K in keyof T]: T[K] extends string ? string : Shape<T[K]> };

export const visibilityEn: Shape<typeof visibilityZh> = {
  confidentialTag: 'Confidential',
  confidentialHint:
    'The customer asked for confidentiality: only the receiving agent, the handler, team leads and administrators see it in full; a complaint registered from a confidential call is confidential automatically',
  partlyHidden: 'This record is confidential: only its public part is shown',
  reveal: 'Show',
  revealTitle: 'Show the full value (written to the audit log)',
  revealFailed: 'Cannot show it: {{message}}',
  masking: {
    title: 'Masking of numbers and addresses',
    help: 'Roles not ticked see phone numbers and addresses partly hidden; “Show” reveals one when needed, and every reveal is written to the audit log.',
    phone: 'Roles that see full phone numbers',
    address: 'Roles that see full addresses',
  },
};
