import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT } from './cfn';

/** A CREATE EXTERNAL TABLE of athena/, read independently of deploy/serverless/settings.js (which builds the Glue tables from it). */
export interface DdlTable {
  name: string;
  columns: Array<{ Name: string; Type: string; Comment?: string }>;
  partitionKeys: Array<{ Name: string; Type: string }>;
  serde: string;
  location: string;
  properties: Record<string, string>;
}

const clause = (sql: string, re: RegExp, what: string): string => {
  const m = re.exec(sql);
  if (!m?.[1]) throw new Error(`no ${what} in the DDL`);
  return m[1];
};

export function readDdl(file: string): DdlTable {
  const sql = readFileSync(join(ROOT, 'athena', file), 'utf8');
  const start = sql.indexOf('(', sql.indexOf('CREATE EXTERNAL TABLE')) + 1;
  const body = sql.slice(start, sql.indexOf('\n)\nPARTITIONED BY'));
  const columns = body
    .split('\n')
    .filter((l) => l.trim() !== '')
    .map((l) => {
      // name, type up to the first blank or the trailing comma, optional COMMENT '...'
      const m = /^\s+(\w+)\s+([^\s]+?),?(?:\s+COMMENT '(.*)')?,?$/.exec(l);
      if (!m) throw new Error(`unparsed column line: ${l}`);
      return m[3] === undefined ? { Name: m[1]!, Type: m[2]! } : { Name: m[1]!, Type: m[2]!, Comment: m[3] };
    });
  const partitionKeys = clause(sql, /PARTITIONED BY \((.*)\)\n/, 'PARTITIONED BY')
    .split(', ')
    .map((p) => {
      const [name, type] = p.split(' ');
      return { Name: name!.replace(/`/g, ''), Type: type! };
    });
  const properties: Record<string, string> = {};
  for (const m of clause(sql, /TBLPROPERTIES \(\n([\s\S]*?)\n\);/, 'TBLPROPERTIES').matchAll(/'([^']+)' = '([^']*)'/g)) properties[m[1]!] = m[2]!;
  return {
    name: clause(sql, /CREATE EXTERNAL TABLE IF NOT EXISTS (\w+)/, 'table name'),
    columns,
    partitionKeys,
    serde: clause(sql, /ROW FORMAT SERDE '([^']+)'/, 'SerDe'),
    location: clause(sql, /\nLOCATION '([^']+)'/, 'LOCATION'),
    properties,
  };
}
