import type { DbParameter } from '../inventory/rds';

/** A parameter as DescribeDBParameters, DescribeDBClusterParameters and Redshift's DescribeClusterParameters answer it. */
interface ApiParameter {
  ParameterName?: string;
  ParameterValue?: string;
  Source?: string;
  ApplyType?: string;
}

/**
 * The named parameters of a group's listing, as the inventory keeps them. A parameter listed without a value keeps
 * no `value`: the engine default applies, which the check states.
 */
export function pickParameters(list: readonly ApiParameter[], names: readonly string[]): Record<string, DbParameter> {
  const wanted = new Set(names);
  const out: Record<string, DbParameter> = {};
  for (const p of list) {
    if (p.ParameterName === undefined || !wanted.has(p.ParameterName)) continue;
    out[p.ParameterName] = {
      ...(p.ParameterValue !== undefined ? { value: p.ParameterValue } : {}),
      ...(p.Source !== undefined ? { source: p.Source } : {}),
      ...(p.ApplyType !== undefined ? { applyType: p.ApplyType } : {}),
    };
  }
  return out;
}
