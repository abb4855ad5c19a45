/**
 * Which resources an AWS Backup selection (resource assignment) covers. A pure helper for
 * backup.resources-protected, not a check.
 *
 * AWS semantics (BackupSelection API and "Assign resources with AWS CLI"):
 * - A resource is included when an ARN pattern in Resources matches it OR it carries a tag in ListOfTags
 *   (ListOfTags entries are ORed). A selection that names neither Resources nor ListOfTags includes every
 *   supported resource ("Otherwise, Backup attempts to select all supported and opted-in storage resources").
 * - NotResources then excludes, and every entry of Conditions must hold (AND).
 * - Patterns and StringLike values use `*` for any run of characters; everything is case sensitive.
 * - StringNotEquals / StringNotLike hold for a resource that lacks the tag (as in IAM).
 * Service opt-in (DescribeRegionSettings) applies to resources a selection includes by `*`, by service pattern
 * (`arn:aws:ec2:*`), by tag or by naming nothing; a pattern naming the resource type includes it regardless, except
 * Aurora, Neptune and DocumentDB ("Assign resources with AWS CLI", "Assigning resources to a backup plan").
 * The check applies it (coverageOf reports whether the inclusion named the type).
 *
 * Condition keys are bare tag keys (`backup`): the collector strips `aws:ResourceTag/`.
 */
import type { BackupCondition, BackupSelection } from '../../src/inventory/backup';
import type { Tags } from '../../src/inventory/ec2';

/** Whether `value` matches `pattern`, where `*` stands for any run of characters (case sensitive). */
export function wildcardMatch(pattern: string, value: string): boolean {
  const source = pattern
    .split('*')
    .map((part) => part.replace(/[.+?^${}()|[\]\\]/g, '\\$&'))
    .join('.*');
  return new RegExp(`^${source}$`, 's').test(value);
}

/** Whether the resource's tags satisfy one condition. */
export function conditionHolds(condition: BackupCondition, tags: Tags): boolean {
  const has = Object.prototype.hasOwnProperty.call(tags, condition.key);
  const value = has ? tags[condition.key] ?? '' : undefined;
  switch (condition.operator) {
    case 'StringEquals':
      return value !== undefined && value === condition.value;
    case 'StringLike':
      return value !== undefined && wildcardMatch(condition.value, value);
    case 'StringNotEquals':
      return value === undefined || value !== condition.value;
    case 'StringNotLike':
      return value === undefined || !wildcardMatch(condition.value, value);
  }
}

/** `backup=daily`, `backup like daily*`, ... for messages. */
export function describeCondition(c: BackupCondition): string {
  switch (c.operator) {
    case 'StringEquals':
      return `tag ${c.key}=${c.value}`;
    case 'StringLike':
      return `tag ${c.key} like ${c.value}`;
    case 'StringNotEquals':
      return `tag ${c.key} not ${c.value}`;
    case 'StringNotLike':
      return `tag ${c.key} not like ${c.value}`;
  }
}

/** The resource part of an ARN (after the fifth colon), or undefined for a pattern that has none (`*`, `arn:aws:ec2:*`). */
function resourcePart(arnOrPattern: string): string | undefined {
  const parts = arnOrPattern.split(':');
  return parts.length < 6 ? undefined : parts.slice(5).join(':');
}

/**
 * Whether a pattern that matches `arn` names the resource's type (`arn:aws:ec2:*:*:instance/*`, or the ARN
 * itself) rather than only its service (`arn:aws:ec2:*`) or everything (`*`). AWS Backup's service opt-in applies
 * to resources a selection includes by service, by `*` or by tag, not to those it names by type.
 */
export function namesResourceType(pattern: string, arn: string): boolean {
  const resource = resourcePart(arn);
  const type = resource === undefined ? undefined : /^[^/:]*[/:]/.exec(resource)?.[0];
  const named = resourcePart(pattern);
  return type !== undefined && named !== undefined && named.startsWith(type);
}

/** How one selection stands toward one resource. */
export type Coverage =
  /** Included and not excluded; `byType`: by a pattern naming the resource type (service opt-in does not apply). */
  | { kind: 'covered'; how: string; byType: boolean }
  | { kind: 'not-covered' }
  /** The answer turns on tags the inventory does not hold; `how` says which selection terms need them. */
  | { kind: 'depends-on-tags'; how: string };

/**
 * Whether the selection covers the resource, and how. `tags` null: the resource's tags are not known, so only a
 * decision that does not turn on them is definite (an ARN pattern includes it or NotResources excludes it, and no
 * tag term is left to decide).
 */
export function coverageOf(selection: BackupSelection, arn: string, tags: Tags | null): Coverage {
  if (selection.notResources.some((p) => wildcardMatch(p, arn))) return { kind: 'not-covered' };
  const narrowed = selection.conditions.length > 0 ? ` with ${selection.conditions.map(describeCondition).join(' and ')}` : '';

  let how: string | undefined;
  let byType = false;
  if (selection.resources.length === 0 && selection.listOfTags.length === 0) {
    how = 'all supported resources (the selection names no resources or tags)';
  } else {
    const matching = selection.resources.filter((p) => wildcardMatch(p, arn));
    const pattern = matching.find((p) => namesResourceType(p, arn)) ?? matching[0];
    if (pattern !== undefined) {
      how = pattern === '*' ? 'all supported resources ("*")' : `resource pattern ${pattern}`;
      byType = namesResourceType(pattern, arn);
    } else if (selection.listOfTags.length === 0) {
      return { kind: 'not-covered' };
    } else if (tags === null) {
      return { kind: 'depends-on-tags', how: `${selection.listOfTags.map(describeCondition).join(' or ')}${narrowed}` };
    } else {
      const tag = selection.listOfTags.find((c) => conditionHolds(c, tags));
      if (!tag) return { kind: 'not-covered' };
      how = describeCondition(tag);
    }
  }
  if (selection.conditions.length > 0) {
    if (tags === null) return { kind: 'depends-on-tags', how: `${how}${narrowed}` };
    if (!selection.conditions.every((c) => conditionHolds(c, tags))) return { kind: 'not-covered' };
  }
  return { kind: 'covered', how: `${how}${narrowed}`, byType };
}

/**
 * Why the selection covers the resource (e.g. `tag backup=daily`, `resource pattern arn:aws:ec2:*:*:volume/*`),
 * or null when it does not.
 */
export function selectionCovers(selection: BackupSelection, arn: string, tags: Tags): string | null {
  const c = coverageOf(selection, arn, tags);
  return c.kind === 'covered' ? c.how : null;
}

/**
 * Like selectionCovers for a resource whose tags we do not know: only a decision that does not depend on tags
 * counts (an ARN pattern matches, no NotResources pattern does, and the selection has no Conditions).
 */
export function selectionCoversRegardlessOfTags(selection: BackupSelection, arn: string): string | null {
  const c = coverageOf(selection, arn, null);
  return c.kind === 'covered' ? c.how : null;
}
