/**
 * Security Hub's limits on imported findings, from the API reference (AwsSecurityFinding, Compliance,
 * Recommendation, Resource, Severity) and the BatchImportFindings guidelines of the partner guide.
 * Lengths are applied to UTF-8 bytes: never more than the characters the service allows, whichever way it counts.
 */
export const LIMITS = {
  id: 512,
  generatorId: 512,
  productName: 128,
  companyName: 128,
  title: 256,
  description: 1024,
  types: 50,
  severityOriginal: 64,
  recommendationText: 512,
  relatedRequirements: 32,
  relatedRequirement: 128,
  productFields: 50,
  productFieldKey: 128,
  productFieldValue: 2048,
  resources: 32,
  resourceType: 256,
  resourceRegion: 16,
  resourceTagKey: 128,
  resourceTagValue: 256,
  /** Per finding, serialised. */
  findingBytes: 240 * 1024,
  /** Per BatchImportFindings call. */
  batchFindings: 100,
  /** Per call, the JSON request body: 6 MB read as 6,000,000 bytes, under either reading of "MB". */
  batchBytes: 6_000_000,
  /** Calls per second per account and region, and the burst above it. */
  callsPerSecond: 10,
  burst: 30,
} as const;

const ELLIPSIS = '…';
const ELLIPSIS_BYTES = Buffer.byteLength(ELLIPSIS, 'utf8');

/**
 * `text` cut to at most `maxBytes` UTF-8 bytes, ending in an ellipsis when cut. It cuts between code points,
 * so a surrogate pair (an emoji) is never split in half.
 */
export function truncate(text: string, maxBytes: number): string {
  if (Buffer.byteLength(text, 'utf8') <= maxBytes) return text;
  let budget = maxBytes - ELLIPSIS_BYTES;
  let out = '';
  for (const ch of text) {
    const size = Buffer.byteLength(ch, 'utf8');
    if (size > budget) break;
    out += ch;
    budget -= size;
  }
  return `${out}${ELLIPSIS}`;
}

/** Security Hub requires text fields to hold a non-space character (pattern `.*\S.*`). */
export function nonBlank(text: string | undefined, fallback: string): string {
  return text !== undefined && /\S/.test(text) ? text : fallback;
}

/** The serialised size of a value, as it travels in the request body. */
export function jsonBytes(value: unknown): number {
  return Buffer.byteLength(JSON.stringify(value), 'utf8');
}
