import { createHash, createPublicKey, type KeyObject } from 'node:crypto';
import { UsageError } from '../errors';
import { MANIFEST_FILE, parseManifest, sha256Hex, SIGNATURE_FILE, type Manifest } from './manifest';
import { parseSignature, verifyOffline, type SignatureFile } from './sign';
import type { EvidenceStore } from './store';

/**
 * `hipaa-audit verify`: recomputes the SHA-256 of every file the manifest lists (streamed, so an inventory of any
 * size is fine), compares sizes and digests, checks the manifest against its signature, and names every file that
 * does not match. Files in the folder that the manifest does not list are reported apart: they are not part of
 * the evidence (a browser's or an OS's own files land there too), and verifying never vouches for them.
 */

export type SignatureState = 'absent' | 'verified-kms' | 'verified-key' | 'self-consistent' | 'invalid';

export interface Problem {
  /** The file (or S3 key relative to the report prefix) that does not match. */
  file: string;
  problem: string;
}

export interface VerifyResult {
  where: string;
  manifest?: Pick<Manifest, 'run' | 'tool' | 'createdAt'>;
  /** Files (and related S3 objects) whose size and SHA-256 match the manifest. */
  verified: string[];
  problems: Problem[];
  /** Files in the folder the manifest does not list. */
  unlisted: string[];
  /** Related objects not checked (a local copy of an S3 run holds only its folder). */
  relatedSkipped: number;
  signature: { state: SignatureState; detail: string; keyId?: string; algorithm?: string };
}

export interface VerifyOptions {
  /** A trusted public key (PEM/DER), obtained apart from the package. */
  publicKey?: KeyObject;
  /** kms:Verify with the key the signature names. */
  kms?: (manifest: Buffer, signature: SignatureFile) => Promise<boolean>;
}

const short = (hex: string): string => `${hex.slice(0, 16)}...`;

export async function verifyEvidence(store: EvidenceStore, options: VerifyOptions = {}): Promise<VerifyResult> {
  const manifestData = await store.read(MANIFEST_FILE);
  if (manifestData === null) {
    throw new UsageError(`no ${MANIFEST_FILE} in ${store.where}: not a run folder written by hipaa-audit with manifests (or the manifest was removed). Fix: give the folder of one run (reports/<account>/<time>/ or s3://bucket/prefix/runs/<account>/<run>).`);
  }
  const result: VerifyResult = { where: store.where, verified: [], problems: [], unlisted: [], relatedSkipped: 0, signature: { state: 'absent', detail: '' } };
  const parsed = parseManifest(manifestData.toString('utf8'));
  if (typeof parsed === 'string') {
    result.problems.push({ file: MANIFEST_FILE, problem: `not a valid manifest: ${parsed}` });
    result.signature = { state: 'invalid', detail: 'not checked: the manifest is not valid' };
    return result;
  }
  const manifest = parsed;
  result.manifest = { run: manifest.run, tool: manifest.tool, createdAt: manifest.createdAt };

  for (const f of manifest.files) {
    const seen = await store.digest(f.name);
    if (!seen) result.problems.push({ file: f.name, problem: 'missing: listed in the manifest but not found' });
    else if (seen.sha256 !== f.sha256 || seen.bytes !== f.bytes) {
      result.problems.push({ file: f.name, problem: `modified: ${seen.bytes} bytes with SHA-256 ${short(seen.sha256)}, the manifest says ${f.bytes} bytes with ${short(f.sha256)}` });
    } else result.verified.push(f.name);
  }

  const related = manifest.related ?? [];
  if (related.length) {
    const base = store.reportPrefix ? await store.reportPrefix(manifest.folder) : null;
    if (base === null) result.relatedSkipped = related.length;
    else if (typeof base === 'object') result.problems.push({ file: MANIFEST_FILE, problem: base.problem });
    else {
      for (const r of related) {
        const seen = await store.digestKey!(base ? `${base}/${r.key}` : r.key);
        if (!seen) result.problems.push({ file: r.key, problem: 'missing: listed in the manifest but not found' });
        else if (seen.sha256 !== r.sha256 || seen.bytes !== r.bytes) {
          result.problems.push({ file: r.key, problem: `modified: ${seen.bytes} bytes with SHA-256 ${short(seen.sha256)}, the manifest says ${r.bytes} bytes with ${short(r.sha256)}` });
        } else result.verified.push(r.key);
      }
    }
  }

  const listed = new Set([...manifest.files.map((f) => f.name), MANIFEST_FILE, SIGNATURE_FILE]);
  result.unlisted = (await store.list()).filter((name) => !listed.has(name)).sort();
  result.signature = await checkSignature(store, manifestData, result, options);
  return result;
}

async function checkSignature(store: EvidenceStore, manifest: Buffer, result: VerifyResult, options: VerifyOptions): Promise<VerifyResult['signature']> {
  const asked = Boolean(options.publicKey || options.kms);
  const data = await store.read(SIGNATURE_FILE);
  if (data === null) {
    if (asked) result.problems.push({ file: SIGNATURE_FILE, problem: 'missing: a signature check was asked for, but the run is not signed' });
    return { state: 'absent', detail: 'unsigned: the hashes show the files match the manifest, not who wrote it (sign runs with --sign-key)' };
  }
  const sig = parseSignature(data.toString('utf8'));
  if (typeof sig === 'string') {
    result.problems.push({ file: SIGNATURE_FILE, problem: `not a valid signature file: ${sig}` });
    return { state: 'invalid', detail: 'the signature file is not valid' };
  }
  const about = { keyId: sig.keyId, algorithm: sig.algorithm };
  const digest = sha256Hex(manifest);
  if (sig.manifestSha256 !== digest || (sig.digestAlgorithm === 'SHA-256' && sig.digest !== digest)) {
    result.problems.push({ file: MANIFEST_FILE, problem: `changed after it was signed: its SHA-256 is ${short(digest)}, the signature covers ${short(sig.manifestSha256)}` });
    return { state: 'invalid', detail: 'the manifest is not the one that was signed', ...about };
  }
  if (options.kms) {
    const ok = await options.kms(manifest, sig);
    if (!ok) result.problems.push({ file: SIGNATURE_FILE, problem: `bad signature: kms:Verify with ${sig.keyId} rejects it` });
    return ok ? { state: 'verified-kms', detail: `valid: kms:Verify with ${sig.keyId} (${sig.algorithm}) accepts it`, ...about } : { state: 'invalid', detail: 'kms:Verify rejects the signature', ...about };
  }
  if (options.publicKey) {
    const ok = verifyOffline(manifest, sig, options.publicKey);
    if (!ok) result.problems.push({ file: SIGNATURE_FILE, problem: 'bad signature: it does not verify with the public key given' });
    const embedded = sig.publicKey ? samePublicKey(sig.publicKey, options.publicKey) : true;
    const note = embedded ? '' : ' (the public key stored in the signature file is a different key)';
    return ok ? { state: 'verified-key', detail: `valid: verifies with the public key given (${sig.algorithm})${note}`, ...about } : { state: 'invalid', detail: `the signature does not verify with the public key given${note}`, ...about };
  }
  let embeddedOk = false;
  try {
    embeddedOk = Boolean(sig.publicKey) && verifyOffline(manifest, sig, createPublicKey(sig.publicKey));
  } catch {
    embeddedOk = false;
  }
  if (!embeddedOk) {
    result.problems.push({ file: SIGNATURE_FILE, problem: 'bad signature: it does not verify with the public key stored beside it' });
    return { state: 'invalid', detail: 'the signature does not verify with its own public key', ...about };
  }
  return {
    state: 'self-consistent',
    detail:
      `self-consistent only: the signature matches the public key stored in ${SIGNATURE_FILE} (${sig.keyId}), which whoever could replace the ` +
      'manifest could replace too. To trust it, pass --public-key FILE (the key owner\'s `aws kms get-public-key` output, obtained apart) or --kms (kms:Verify)',
    ...about,
  };
}

function samePublicKey(pem: string, key: KeyObject): boolean {
  try {
    const der = (k: KeyObject | string) => (typeof k === 'string' ? Buffer.from(k.replace(/-----[^-]+-----|\s/g, ''), 'base64') : k.export({ format: 'der', type: 'spki' }));
    return createHash('sha256').update(der(pem)).digest('hex') === createHash('sha256').update(der(key)).digest('hex');
  } catch {
    return false;
  }
}

/** The exit code of `verify` when the evidence does not match: distinct from usage (1) and the audit's codes. */
export const VERIFY_MISMATCH = 5;

/** The report verify prints. */
export function formatVerify(r: VerifyResult): string {
  const lines: string[] = [];
  const m = r.manifest;
  lines.push(`Evidence in ${r.where}`);
  if (m) lines.push(`  run ${m.run.id} of account ${m.run.accountId}, evidence collected ${m.run.collectedAt}, manifest written ${m.createdAt} by ${m.tool.name} ${m.tool.version}`);
  for (const f of r.verified) lines.push(`  ok        ${f}`);
  for (const p of r.problems) lines.push(`  MISMATCH  ${p.file}: ${p.problem}`);
  if (r.relatedSkipped) lines.push(`  (${r.relatedSkipped} related S3 object(s) outside the run folder not checked: verify the s3:// run folder to check them)`);
  lines.push(`  signature: ${r.signature.detail}`);
  if (r.unlisted.length) lines.push(`  not in the manifest, so not part of the evidence: ${r.unlisted.join(', ')}`);
  lines.push(
    r.problems.length
      ? `FAILED: ${r.problems.length} problem(s): ${[...new Set(r.problems.map((p) => p.file))].join(', ')}: exit code ${VERIFY_MISMATCH}.`
      : `VERIFIED: ${r.verified.length} file(s) match the manifest${r.signature.state === 'verified-kms' || r.signature.state === 'verified-key' ? ', and the manifest carries a valid signature' : ''}.`,
  );
  return lines.join('\n');
}
