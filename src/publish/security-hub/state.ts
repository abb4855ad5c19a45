import Ajv from 'ajv';
import type { Finding } from '../../evaluate/finding';
import type { ComplianceValue } from './asff';

export const STATE_SCHEMA_VERSION = 1;

/** Security Hub deletes a finding 90 days after its last update: state older than that describes nothing. */
export const RETENTION_DAYS = 90;

/** What the publisher remembers of one finding it imported, enough to update or archive it later. */
export interface StateEntry {
  /** The Security Hub region the finding was imported into. */
  region: string;
  /** Compliance.Status last imported. */
  status: ComplianceValue;
  recordState: 'ACTIVE' | 'ARCHIVED';
  createdAt: string;
  firstObservedAt: string;
  lastObservedAt: string;
  /** UpdatedAt last imported: the next import must be newer. */
  updatedAt: string;
  /** The finding as last imported: re-sent (ARCHIVED) when its resource is gone. Its checkId and region give its scope. */
  finding: Finding;
}

/** The state document, one per account: finding id -> entry. */
export interface SecurityHubState {
  schemaVersion: typeof STATE_SCHEMA_VERSION;
  accountId: string | null;
  /** When a run last saved it. */
  savedAt: string | null;
  findings: Record<string, StateEntry>;
}

export function emptyState(accountId: string | null = null): SecurityHubState {
  return { schemaVersion: STATE_SCHEMA_VERSION, accountId, savedAt: null, findings: {} };
}

const ISO = { type: 'string', minLength: 1 } as const;
const SCHEMA = {
  type: 'object',
  required: ['schemaVersion', 'findings'],
  properties: {
    schemaVersion: { const: STATE_SCHEMA_VERSION },
    accountId: { type: ['string', 'null'] },
    savedAt: { type: ['string', 'null'] },
    findings: {
      type: 'object',
      additionalProperties: {
        type: 'object',
        required: ['region', 'status', 'recordState', 'createdAt', 'firstObservedAt', 'lastObservedAt', 'updatedAt', 'finding'],
        properties: {
          region: { type: 'string', minLength: 1 },
          status: { enum: ['PASSED', 'FAILED', 'NOT_AVAILABLE'] },
          recordState: { enum: ['ACTIVE', 'ARCHIVED'] },
          createdAt: ISO,
          firstObservedAt: ISO,
          lastObservedAt: ISO,
          updatedAt: ISO,
          finding: {
            type: 'object',
            required: ['id', 'checkId', 'title', 'status', 'severity', 'accountId', 'region', 'resource', 'message', 'hipaa', 'controls', 'remediation'],
            properties: {
              resource: { type: 'object', required: ['type', 'id', 'arn'] },
              hipaa: { type: 'array', items: { type: 'string' } },
              controls: { type: 'array', items: { type: 'string' } },
              remediation: { type: 'object', required: ['text', 'url'] },
            },
          },
        },
      },
    },
  },
} as const;
const validate = new Ajv({ allErrors: false }).compile(SCHEMA);

/** Parses and validates a stored state document; a bad one is refused with where and why. */
export function parseState(text: string, where: string): SecurityHubState {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    throw new Error(`the Security Hub state ${where} is not valid JSON (${(error as Error).message}). Fix: restore it from a backup or delete it (the next run then re-creates every finding).`);
  }
  return validateState(data, where);
}

/** Validates a parsed state document. */
export function validateState(data: unknown, where: string): SecurityHubState {
  if (!validate(data)) {
    const e = validate.errors?.[0];
    throw new Error(`the Security Hub state ${where} is not a state document: ${e?.instancePath || '/'} ${e?.message ?? 'invalid'}. Fix: restore it from a backup or delete it.`);
  }
  const state = data as unknown as SecurityHubState;
  return { schemaVersion: STATE_SCHEMA_VERSION, accountId: state.accountId ?? null, savedAt: state.savedAt ?? null, findings: state.findings };
}

const time = (iso: string): number => {
  const t = Date.parse(iso);
  return Number.isNaN(t) ? 0 : t;
};

/**
 * This run's changes applied on top of `base` (the latest stored state): per finding id, the entry with the
 * newer UpdatedAt wins, so two runs that both changed the document lose nothing of each other.
 */
export function mergeState(base: SecurityHubState, changes: Record<string, StateEntry>, accountId: string, savedAt: string): SecurityHubState {
  const findings: Record<string, StateEntry> = { ...base.findings };
  for (const [id, mine] of Object.entries(changes)) {
    const theirs = findings[id];
    if (!theirs || time(mine.updatedAt) >= time(theirs.updatedAt)) findings[id] = mine;
  }
  return { schemaVersion: STATE_SCHEMA_VERSION, accountId, savedAt, findings };
}

/** Drops the entries Security Hub has deleted by now (no update for RETENTION_DAYS). */
export function pruneState(state: SecurityHubState, now: Date): SecurityHubState {
  const horizon = now.getTime() - RETENTION_DAYS * 86_400_000;
  const findings = Object.fromEntries(Object.entries(state.findings).filter(([, e]) => time(e.updatedAt) >= horizon));
  return { ...state, findings };
}

/** Whether Security Hub still holds the finding an entry describes. */
export function isLive(entry: StateEntry, now: Date): boolean {
  return time(entry.updatedAt) >= now.getTime() - RETENTION_DAYS * 86_400_000;
}
