/** Just enough of the AWS wire protocols to answer the auditor's read calls: query/EC2 XML, REST-XML, JSON. */

export interface Answer {
  status: number;
  type: string;
  body: string;
  headers?: Record<string, string>;
  /** The operation's name for the counts, where the request alone does not say it (REST protocols). */
  operation?: string;
}

/** A list whose XML items are named `tag` instead of `member`/`item` (RDS `<DBInstance>`, CloudFront `<Origin>`, ...). */
export class Members {
  constructor(
    readonly tag: string,
    readonly items: readonly unknown[],
  ) {}
}
export const members = (tag: string, items: readonly unknown[]): Members => new Members(tag, items);

/** An XML map as the query protocol writes one (SNS attributes, IAM SummaryMap): <entry><key/><value/></entry>. */
export const xmlMap = (record: Record<string, string | number | boolean>): Members =>
  members('entry', Object.entries(record).map(([key, value]) => ({ key, value })));

export const esc = (s: string): string => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** A value as XML: objects become elements, arrays become <member> (query) or <item> (EC2) lists. */
export function xml(value: unknown, listItem: 'member' | 'item' = 'member'): string {
  if (value === null || value === undefined) return '';
  if (value instanceof Members) return value.items.map((v) => `<${value.tag}>${xml(v, listItem)}</${value.tag}>`).join('');
  if (Array.isArray(value)) return value.map((v) => `<${listItem}>${xml(v, listItem)}</${listItem}>`).join('');
  if (typeof value === 'object') {
    return Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .map(([k, v]) => `<${k}>${xml(v, listItem)}</${k}>`)
      .join('');
  }
  return esc(String(value));
}

/** An AWS query-protocol answer (STS, IAM, RDS, ELB, SNS, ...). */
export function queryAnswer(action: string, result: Record<string, unknown>, ns = 'https://aws.amazon.com/'): Answer {
  return {
    status: 200,
    type: 'text/xml',
    body: `<${action}Response xmlns="${ns}"><${action}Result>${xml(result)}</${action}Result><ResponseMetadata><RequestId>bench</RequestId></ResponseMetadata></${action}Response>`,
  };
}

/** An EC2-query answer: no Result wrapper, lists as <item>. */
export function ec2Answer(action: string, result: Record<string, unknown>): Answer {
  return {
    status: 200,
    type: 'text/xml',
    body: `<${action}Response xmlns="http://ec2.amazonaws.com/doc/2016-11-15/"><requestId>bench</requestId>${xml(result, 'item')}</${action}Response>`,
  };
}

export function json(value: unknown, status = 200): Answer {
  return { status, type: 'application/x-amz-json-1.1', body: JSON.stringify(value) };
}

/** A REST-JSON answer (Backup, EFS, Lambda, OpenSearch, ...), named for the counts. */
export function restJson(operation: string, value: unknown, status = 200): Answer {
  return { status, type: 'application/json', body: JSON.stringify(value), operation };
}

export function restXml(root: string, inner: string, status = 200, ns = 'http://s3.amazonaws.com/doc/2006-03-01/'): Answer {
  return { status, type: 'application/xml', body: `<?xml version="1.0" encoding="UTF-8"?><${root} xmlns="${ns}">${inner}</${root}>` };
}

export function queryError(code: string, message: string, status = 400): Answer {
  return { status, type: 'text/xml', body: `<ErrorResponse><Error><Type>Sender</Type><Code>${esc(code)}</Code><Message>${esc(message)}</Message></Error><RequestId>bench</RequestId></ErrorResponse>` };
}

export function s3Error(code: string, message: string, status = 404): Answer {
  return { status, type: 'application/xml', body: `<?xml version="1.0" encoding="UTF-8"?><Error><Code>${esc(code)}</Code><Message>${esc(message)}</Message><RequestId>bench</RequestId></Error>` };
}

export function jsonError(code: string, message: string, status = 400, operation?: string): Answer {
  return { status, type: 'application/x-amz-json-1.1', body: JSON.stringify({ __type: code, message }), headers: { 'x-amzn-errortype': code }, ...(operation ? { operation } : {}) };
}
