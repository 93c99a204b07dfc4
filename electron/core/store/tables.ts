import type { CallRecord } from '../../../shared/domain/callRecord';
import type { Customer } from '../../../shared/domain/customer';
import type { User } from '../../../shared/domain/users';
import { Table } from './table';

export interface UserRow extends User {
  passwordHash: string;
  version: number;
}

export const usersTable = new Table<UserRow>('users', {
  id: 'text',
  username: 'text',
  displayName: 'text',
  role: 'text',
  passwordHash: 'text',
  active: 'bool',
  createdAt: 'text',
  updatedAt: 'text',
  version: 'int',
});

export const customersTable = new Table<Customer>('customers', {
  id: 'text',
  name: 'text',
  organisation: 'text',
  address: 'text',
  phones: 'json',
  serviceRequirements: 'text',
  notes: 'text',
  createdAt: 'text',
  updatedAt: 'text',
  createdBy: 'text',
  version: 'int',
});

export const callRecordsTable = new Table<CallRecord>('call_records', {
  id: 'text',
  recordNo: 'text',
  workstation: 'text',
  rangAt: 'text',
  answeredAt: 'text',
  answeredLate: 'bool',
  endedAt: 'text',
  durationSec: 'int',
  callerName: 'text',
  organisation: 'text',
  phone: 'text',
  phoneNormalized: 'text',
  address: 'text',
  customerId: 'text',
  category: 'text',
  reportNo: 'text',
  content: 'text',
  specialSituations: 'json',
  answeredOnSpot: 'bool',
  departmentsCoordinated: 'json',
  promisedReplyBy: 'text',
  replyContent: 'text',
  repliedAt: 'text',
  repliedBy: 'text',
  solutions: 'json',
  chosenSolution: 'int',
  satisfaction: 'int',
  suggestions: 'text',
  agentId: 'text',
  agentName: 'text',
  confidential: 'bool',
  status: 'text',
  closedAt: 'text',
  voided: 'bool',
  voidReason: 'text',
  voidedAt: 'text',
  voidedBy: 'text',
  createdAt: 'text',
  updatedAt: 'text',
  version: 'int',
});
