import type { Tags } from '../inventory/ec2';

/** An AWS tag list (`[{ Key, Value }]`, every service's shape) as a map: an entry without a key is dropped, a missing value is ''. */
export function tagsOf(list: ReadonlyArray<{ Key?: string | undefined; Value?: string | undefined }> | undefined): Tags {
  const tags: Tags = {};
  for (const t of list ?? []) if (t.Key !== undefined) tags[t.Key] = t.Value ?? '';
  return tags;
}
