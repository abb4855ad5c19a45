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
 * Service opt-in (a region setting we do not read) can further keep `*` and tag-only selections from covering a
 * resource type; RDS and EBS are opted in by default.
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

/** How the selection includes the ARN before exclusions, or null when it does not. */
function inclusion(selection: BackupSelection, arn: string, tags: Tags | null): string | null {
  if (selection.resources.length === 0 && selection.listOfTags.length === 0) {
    return 'all supported resources (the selection names no resources or tags)';
  }
  const pattern = selection.resources.find((p) => wildcardMatch(p, arn));
  if (pattern !== undefined) return pattern === '*' ? 'all supported resources ("*")' : `resource pattern ${pattern}`;
  if (tags === null) return null;
  const tag = selection.listOfTags.find((c) => conditionHolds(c, tags));
  return tag ? describeCondition(tag) : null;
}

/**
 * Why the selection covers the resource (e.g. `tag backup=daily`, `resource pattern arn:aws:ec2:*:*:volume/*`),
 * or null when it does not.
 */
export function selectionCovers(selection: BackupSelection, arn: string, tags: Tags): string | null {
  const how = inclusion(selection, arn, tags);
  if (how === null) return null;
  if (selection.notResources.some((p) => wildcardMatch(p, arn))) return null;
  if (!selection.conditions.every((c) => conditionHolds(c, tags))) return null;
  const narrowed = selection.conditions.length > 0 ? ` with ${selection.conditions.map(describeCondition).join(' and ')}` : '';
  return `${how}${narrowed}`;
}

/**
 * Like selectionCovers for a resource whose tags we do not know: only a decision that does not depend on tags
 * counts (an ARN pattern matches, no NotResources pattern does, and the selection has no Conditions).
 */
export function selectionCoversRegardlessOfTags(selection: BackupSelection, arn: string): string | null {
  if (selection.conditions.length > 0) return null;
  const how = inclusion(selection, arn, null);
  if (how === null) return null;
  if (selection.notResources.some((p) => wildcardMatch(p, arn))) return null;
  return how;
}
