/*
 * How RDS engines' TLS parameters read: which values force TLS, and each engine's documented default (what applies
 * when a parameter group shows the parameter without a value). Where the documentation gives no default for an
 * engine version, `engineDefault` says so and the check does not judge.
 */

/** Whether `value` of the TLS parameter `parameter` makes the engine refuse connections without TLS. */
export function forcesTls(parameter: string, value: string): boolean {
  const v = value.trim().toLowerCase();
  // DocumentDB's `tls`: enabled, tls1.2+, tls1.3+ and fips-140-3 all require TLS; only `disabled` does not.
  if (parameter === 'tls') return v !== 'disabled';
  // rds.force_ssl is 0/1; require_secure_transport is 0/1 in instance groups and OFF/ON in cluster groups.
  return v === '1' || v === 'on' || v === 'true';
}

/** The leading numeric parts of an engine version: `15.4` -> [15, 4]; `8.0.mysql_aurora.3.05.2` -> [8, 0]. */
function versionParts(version: string): number[] {
  const parts: number[] = [];
  for (const piece of version.split('.')) {
    if (!/^\d+$/.test(piece)) break;
    parts.push(Number(piece));
  }
  return parts;
}

/** -1, 0 or 1 as `parts` sorts before, with or after `[major, minor]`. */
function compare(parts: number[], major: number, minor = 0): number {
  const [a = 0, b = 0] = parts;
  return a !== major ? Math.sign(a - major) : Math.sign(b - minor);
}

/** An engine default and the documentation it comes from, for messages. */
export interface EngineDefault {
  value: string;
  basis: string;
}

/**
 * The default of the engine's TLS parameter for this engine version, or `undefined` where the documentation
 * gives none we can rely on (the version is unknown, or newer than the versions whose default is documented).
 */
export function engineDefault(engine: string, version: string | undefined): EngineDefault | undefined {
  if (engine.startsWith('sqlserver-')) return { value: '0', basis: 'the RDS for SQL Server default' };
  if (engine === 'docdb') return { value: 'enabled', basis: 'the DocumentDB default' };
  if (version === undefined) return undefined;
  const v = versionParts(version);
  if (v.length === 0) return undefined;
  switch (engine) {
    case 'postgres':
      // RDS for PostgreSQL 15 and later force TLS by default.
      return compare(v, 15) >= 0
        ? { value: '1', basis: 'the RDS for PostgreSQL 15+ default' }
        : { value: '0', basis: 'the RDS for PostgreSQL default before version 15' };
    case 'aurora-postgresql':
      return compare(v, 17) < 0 ? { value: '0', basis: 'the Aurora PostgreSQL default' } : undefined;
    case 'mysql':
      // OFF up to 8.4; ON from 9.7; the innovation releases between are not documented.
      if (compare(v, 8, 4) <= 0) return { value: '0', basis: 'the RDS for MySQL default up to 8.4' };
      return compare(v, 9, 7) >= 0 ? { value: '1', basis: 'the RDS for MySQL 9.7+ default' } : undefined;
    case 'mariadb':
      // OFF up to 11.4; ON from 11.8.
      if (compare(v, 11, 4) <= 0) return { value: '0', basis: 'the RDS for MariaDB default up to 11.4' };
      return compare(v, 11, 8) >= 0 ? { value: '1', basis: 'the RDS for MariaDB 11.8+ default' } : undefined;
    case 'aurora-mysql':
      // Aurora MySQL 2 (5.7-compatible) and 3 (8.0-compatible): OFF.
      return compare(v, 5, 7) === 0 || compare(v, 8, 0) === 0 ? { value: 'OFF', basis: 'the Aurora MySQL 2 and 3 default' } : undefined;
    default:
      return undefined;
  }
}
