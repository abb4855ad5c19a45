import { existsSync, mkdirSync, readFileSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { BatchImportFindingsCommand, type BatchImportFindingsCommandInput, SecurityHubClient } from '@aws-sdk/client-securityhub';
import { GetObjectCommand, PutObjectCommand, type PutObjectCommandInput, S3Client } from '@aws-sdk/client-s3';
import { mockClient } from 'aws-sdk-client-mock';
import {
  emptyState,
  localStateStore,
  mergeState,
  publishToSecurityHub,
  s3StateStore,
  saveChanges,
  type SecurityHubState,
  type StateEntry,
  type StateStore,
} from '../../../src/publish/security-hub';
import { ACCOUNT, at, auditRun, awsContext, finding, noSleep, T0, T1, tempFile } from './helpers';

const sh = mockClient(SecurityHubClient);
const s3 = mockClient(S3Client);
const awsError = (name: string, message = name, httpStatusCode = 400) => Object.assign(new Error(message), { name, $metadata: { httpStatusCode } });

/** An S3 object with real ETag and conditional-write semantics. */
function fakeBucket() {
  let object: { body: string; etag: string } | undefined;
  let n = 0;
  s3.on(GetObjectCommand).callsFake(() => {
    if (!object) throw awsError('NoSuchKey', 'The specified key does not exist.', 404);
    const body = object.body;
    return { Body: { transformToString: async () => body }, ETag: object.etag };
  });
  s3.on(PutObjectCommand).callsFake((input: PutObjectCommandInput) => {
    const precondition = () => awsError('PreconditionFailed', 'At least one of the pre-conditions you specified did not hold', 412);
    if (input.IfNoneMatch === '*' && object) throw precondition();
    if (input.IfMatch !== undefined && object?.etag !== input.IfMatch) throw precondition();
    n += 1;
    object = { body: String(input.Body), etag: `"etag-${n}"` };
    return { ETag: object.etag };
  });
  return { read: () => (object ? (JSON.parse(object.body) as SecurityHubState) : undefined) };
}

beforeEach(() => {
  sh.reset();
  s3.reset();
  sh.on(BatchImportFindingsCommand).callsFake((input: BatchImportFindingsCommandInput) => ({ SuccessCount: input.Findings?.length ?? 0, FailedCount: 0 }));
});

function entry(id: string, updatedAt: string): StateEntry {
  const f = { ...finding({ resource: id }), id };
  return { region: 'us-east-1', status: 'FAILED', recordState: 'ACTIVE', createdAt: T0, firstObservedAt: T0, lastObservedAt: updatedAt, updatedAt, finding: f };
}

function withFindings(...entries: Array<[string, StateEntry]>): SecurityHubState {
  return { ...emptyState(ACCOUNT), findings: Object.fromEntries(entries) };
}

/** Two concurrent writers of one store, as the contract requires, for each kind of store. */
function conflictContract(name: string, make: () => { store: StateStore; stored: () => SecurityHubState | undefined }) {
  describe(name, () => {
    it('loads an empty state when nothing is stored yet', async () => {
      const { store } = make();
      expect(await store.load()).toEqual({ state: emptyState(), version: null });
    });

    it('two runs saving with the same version: one is saved, the other gets a conflict and loses nothing after a merge', async () => {
      const { store, stored } = make();
      await store.save(withFindings(['base', entry('base', T0)]), null);
      const a = await store.load();
      const b = await store.load();
      expect(a.version).toBe(b.version);

      expect(await store.save(withFindings(['base', entry('base', T0)], ['from-a', entry('from-a', T1)]), a.version)).toBe('saved');
      expect(await store.save(withFindings(['base', entry('base', T0)], ['from-b', entry('from-b', T1)]), b.version)).toBe('conflict');

      // B re-reads, re-applies its change on top, and saves.
      const fresh = await store.load();
      expect(fresh.version).not.toBe(b.version);
      expect(await store.save(mergeState(fresh.state, { 'from-b': entry('from-b', T1) }, ACCOUNT, T1), fresh.version)).toBe('saved');
      expect(Object.keys(stored()?.findings ?? {}).sort()).toEqual(['base', 'from-a', 'from-b']);
    });

    it('creating refuses to overwrite a document another run created first', async () => {
      const { store } = make();
      expect(await store.save(withFindings(['a', entry('a', T0)]), null)).toBe('saved');
      expect(await store.save(withFindings(['b', entry('b', T0)]), null)).toBe('conflict');
    });

    it('two concurrent publishers of different scopes both end up in the state', async () => {
      const { store, stored } = make();
      // Both runs read the state before either writes it.
      let loads = 0;
      let release: () => void = () => undefined;
      const gate = new Promise<void>((resolve) => (release = resolve));
      const saves: string[] = [];
      const gated: StateStore = {
        describe: () => store.describe(),
        load: async () => {
          const out = await store.load();
          loads += 1;
          if (loads === 2) release();
          await gate;
          return out;
        },
        save: async (state, version) => {
          const r = await store.save(state, version);
          saves.push(r);
          return r;
        },
      };
      const s3Run = auditRun([finding({ resource: 'phi' })], { checks: ['s3.bucket-versioning'] });
      const iamRun = auditRun([finding({ checkId: 'iam.user-console-mfa', region: 'global', resource: 'bob' })], { checks: ['iam.user-console-mfa'] });
      const [one, two] = await Promise.all([
        publishToSecurityHub(awsContext(), s3Run, { state: gated, now: at(T0), sleep: noSleep }),
        publishToSecurityHub(awsContext(), iamRun, { state: gated, now: at(T0), sleep: noSleep }),
      ]);
      expect(one.partial || two.partial).toBe(false);
      expect(saves).toEqual(['saved', 'conflict', 'saved']);
      const ids = Object.keys(stored()?.findings ?? {}).sort();
      expect(ids).toEqual([s3Run.report.findings[0]?.id, iamRun.report.findings[0]?.id].sort());
    });
  });
}

conflictContract('the local state store', () => {
  const file = tempFile();
  return { store: localStateStore(file, { sleep: noSleep }), stored: () => (existsSync(file) ? JSON.parse(readFileSync(file, 'utf8')).state : undefined) };
});

conflictContract('the S3 state store (conditional PutObject: IfMatch / IfNoneMatch)', () => {
  const bucket = fakeBucket();
  return { store: s3StateStore(awsContext(), { bucket: 'audit-reports', key: 'state/111122223333/security-hub.json', region: 'us-east-1' }), stored: bucket.read };
});

describe('the local state store', () => {
  it('keeps a revision number in the file, written owner-only by rename', async () => {
    const file = tempFile();
    const store = localStateStore(file, { sleep: noSleep });
    await store.save(withFindings(['a', entry('a', T0)]), null);
    expect((await store.load()).version).toBe('1');
    await store.save(withFindings(['a', entry('a', T1)]), '1');
    expect(JSON.parse(readFileSync(file, 'utf8'))).toMatchObject({ revision: 2, state: { findings: { a: { updatedAt: T1 } } } });
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(existsSync(`${file}.lock`)).toBe(false);
  });

  it('waits for a held lock, then says who holds it', async () => {
    const file = tempFile();
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(`${file}.lock`, '4242');
    const slept: number[] = [];
    const store = localStateStore(file, { sleep: async (ms) => void slept.push(ms), lockWaitMs: 100 });
    await expect(store.save(emptyState(ACCOUNT), null)).rejects.toThrow(/locked by another run .*security-hub\.json\.lock/);
    expect(slept.length).toBeGreaterThan(1);
  });

  it('breaks a lock left by a crashed run', async () => {
    const file = tempFile();
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(`${file}.lock`, '4242');
    const old = new Date(Date.now() - 10 * 60_000);
    utimesSync(`${file}.lock`, old, old);
    expect(await localStateStore(file, { sleep: noSleep }).save(emptyState(ACCOUNT), null)).toBe('saved');
  });

  it('refuses a corrupt file with a fix', async () => {
    const file = tempFile();
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, '{"revision": 3, "state": {"schemaVersion": 1, "findings": {"x": {"region": 1}}}}');
    await expect(localStateStore(file).load()).rejects.toThrow(/is not a state document: \/findings\/x .*Fix:/);
  });
});

describe('the S3 state store', () => {
  it('writes with the KMS key when one is configured, and reads back the state', async () => {
    fakeBucket();
    const store = s3StateStore(awsContext(), { bucket: 'b', key: 'k.json', region: 'eu-west-1', kmsKeyId: 'arn:aws:kms:eu-west-1:111122223333:key/abc' });
    expect(await store.save(withFindings(['a', entry('a', T0)]), null)).toBe('saved');
    expect(s3.commandCalls(PutObjectCommand)[0]?.args[0].input).toMatchObject({
      Bucket: 'b',
      Key: 'k.json',
      IfNoneMatch: '*',
      ServerSideEncryption: 'aws:kms',
      SSEKMSKeyId: 'arn:aws:kms:eu-west-1:111122223333:key/abc',
    });
    const loaded = await store.load();
    expect(loaded.version).toBe('"etag-1"');
    expect(Object.keys(loaded.state.findings)).toEqual(['a']);
    await store.save(loaded.state, loaded.version);
    expect(s3.commandCalls(PutObjectCommand)[1]?.args[0].input).toMatchObject({ IfMatch: '"etag-1"' });
    expect(store.describe()).toBe('s3://b/k.json');
  });

  it('treats a 409 ConditionalRequestConflict as a conflict, and other errors as errors that say what to allow', async () => {
    const store = s3StateStore(awsContext(), { bucket: 'b', key: 'k.json', region: 'us-east-1' });
    s3.on(PutObjectCommand).rejectsOnce(awsError('ConditionalRequestConflict', 'conflict', 409)).rejectsOnce(awsError('AccessDenied', 'denied', 403));
    expect(await store.save(emptyState(ACCOUNT), null)).toBe('conflict');
    await expect(store.save(emptyState(ACCOUNT), null)).rejects.toThrow(/AccessDenied.*allow s3:PutObject/);
    s3.on(GetObjectCommand).rejects(awsError('AccessDenied', 'denied', 403));
    await expect(store.load()).rejects.toThrow(/cannot read the Security Hub state s3:\/\/b\/k\.json: AccessDenied.*s3:GetObject/);
  });
});

describe('saving with merges', () => {
  it('merges per finding id: the newer UpdatedAt wins', () => {
    const base = withFindings(['x', entry('x', T1)], ['y', entry('y', T0)]);
    const merged = mergeState(base, { x: entry('x', T0), y: entry('y', T1), z: entry('z', T0) }, ACCOUNT, T1);
    expect(merged.findings.x?.updatedAt).toBe(T1); // theirs was newer
    expect(merged.findings.y?.updatedAt).toBe(T1); // ours is newer
    expect(Object.keys(merged.findings).sort()).toEqual(['x', 'y', 'z']);
  });

  it('gives up after 5 retries with a clear error, and the run reports it', async () => {
    let saves = 0;
    const store: StateStore = {
      describe: () => 'busy.json',
      load: async () => ({ state: emptyState(), version: String(saves) }),
      save: async () => {
        saves += 1;
        return 'conflict';
      },
    };
    const message = await saveChanges(store, await store.load(), { a: entry('a', T0) }, { accountId: ACCOUNT, now: new Date(T0), sleep: noSleep });
    expect(saves).toBe(6);
    expect(message).toMatch(/could not save the Security Hub state to busy\.json: other runs changed it 6 times/);

    const out = await publishToSecurityHub(awsContext(), auditRun([finding({})]), { state: store, now: at(T0), sleep: noSleep });
    expect(out).toMatchObject({ created: 1, partial: true, stateError: expect.stringContaining('busy.json') });
  });
});
