import type { CallRecord, Role, SessionInfo, SyncStatus } from '../../shared/api/types';

export function callRecord(over: Partial<CallRecord> = {}): CallRecord {
  return {
    id: '0195f3a2-7b1c-7000-8000-000000000001',
    recordNo: 'LD-20261122-A07-0007',
    workstation: 'A07',
    rangAt: '2026-11-22T01:00:00.000Z',
    answeredAt: '2026-11-22T01:00:05.000Z',
    answeredLate: false,
    endedAt: null,
    durationSec: null,
    callerName: '',
    organisation: '',
    phone: '13800138000',
    phoneNormalized: '13800138000',
    address: '',
    customerId: null,
    category: null,
    reportNo: '',
    content: '',
    specialSituations: [],
    answeredOnSpot: null,
    departmentsCoordinated: [],
    promisedReplyBy: null,
    replyContent: '',
    repliedAt: null,
    repliedBy: '',
    solutions: [],
    chosenSolution: null,
    satisfaction: null,
    suggestions: '',
    agentId: 'user-1',
    agentName: '王小明',
    confidential: false,
    transferred: false,
    recordingRef: '',
    scriptVersionId: null,
    status: 'open',
    closedAt: null,
    voided: false,
    voidReason: '',
    voidedAt: null,
    voidedBy: null,
    createdAt: '2026-11-22T01:00:05.000Z',
    updatedAt: '2026-11-22T01:00:05.000Z',
    version: 1,
    ...over,
  };
}

export function syncStatus(over: Partial<SyncStatus> = {}): SyncStatus {
  return {
    joined: true,
    hubUrl: 'http://192.168.1.10:5290',
    online: true,
    pending: 0,
    conflicts: 0,
    lastSyncAt: new Date(Date.now() - 3 * 60_000).toISOString(),
    error: null,
    upgradeRequired: false,
    ...over,
  };
}

export function session(role: Role = 'agent'): SessionInfo {
  return {
    user: { id: 'user-1', username: 'wang', displayName: '王小明', role, active: true, createdAt: '', updatedAt: '' },
    expiresAt: '2099-01-01T00:00:00.000Z',
    workstation: 'A07',
    organisationName: '某某纺织品检验所',
  };
}
