import { accountResource, fail, GLOBAL, pass, unreadable } from '../../src/evaluate/results';
import type { Check, CheckResult } from '../../src/evaluate/types';
import { parseArn, resourceOfArn } from '../../src/judge/arn-resource';
import { DEFAULT_CLASSIFICATION, HOLDS_NO_DATA, tagIndexOf, type ClassifiedBy } from '../../src/judge/classification';
import { ELIGIBLE_LIST, eligibilityOf } from '../../src/judge/hipaa-eligible';
import { dataStores } from './ephi-stores-classified';

const describeBy = (by: ClassifiedBy | undefined): string =>
  by === undefined ? '' : 'tag' in by ? ` (tag ${by.tag.key}=${by.tag.value})` : ` (ARN pattern ${by.arnPattern})`;

const LIST = `the ${ELIGIBLE_LIST.title} as compiled on ${ELIGIBLE_LIST.compiled}`;

const check: Check = {
  id: 'account.ephi-in-eligible-services',
  title: 'ePHI lives only in HIPAA-eligible services',
  severity: 'high',
  hipaa: ['164.308(b)(1)', '164.314(a)(1)'],
  controls: [],
  ephiOnly: true,
  description:
    'Under the AWS Business Associate Addendum, ePHI may be processed and stored only in the services AWS lists as ' +
    'HIPAA eligible: ePHI in any other service is outside the business associate contract. Every resource classified ' +
    'as ePHI (by its tags or the config) is judged by the service namespace of its ARN against the shipped list ' +
    '(src/judge/hipaa-eligible-services.json, with its source and date) and the services the config adds. IAM ' +
    'users and roles tagged as ePHI hold none themselves and are not judged.',
  remediation: {
    text:
      'Move the ePHI to a HIPAA-eligible service (see the HIPAA Eligible Services Reference), or remove it and its ' +
      'classification tag if the resource holds no ePHI. If AWS has made the service eligible since the shipped list ' +
      'was compiled, add its ARN namespace to classification.eligibleServices in the config.',
    url: ELIGIBLE_LIST.url,
  },
  reads: ['tagging.resources'],
  evaluate(inventory, ctx) {
    const config = ctx.classification ?? DEFAULT_CLASSIFICATION;
    const index = tagIndexOf(inventory, config);
    const results: CheckResult[] = [];
    // Where tags could not be listed, ePHI there cannot be located: one ERROR for the region.
    for (const [region, error] of index.unreadRegions()) {
      results.push(unreadable(region, accountResource(inventory), error, `the tagged resources of ${region}, so where ePHI lives there`));
    }
    // Resources with known tags, and the data stores an ARN pattern may name without tags.
    const candidates = new Map<string, string>();
    for (const r of index.resources()) candidates.set(r.arn, r.region);
    if (config.arns.length) for (const s of dataStores(inventory).stores) if (!candidates.has(s.resource.arn)) candidates.set(s.resource.arn, s.region);
    let ephi = 0;
    for (const [arn, region] of candidates) {
      const c = index.lookup(arn, region);
      if (c.classification !== 'ephi') continue;
      const namespace = parseArn(arn)?.service ?? '';
      // An IAM principal tagged ePHI has access to it; it holds none, so no service holds ePHI there.
      if (HOLDS_NO_DATA.has(namespace)) continue;
      ephi += 1;
      const resource = resourceOfArn(arn);
      const what = `${resource.id} (${namespace || 'unknown service'}) holds ePHI${describeBy(c.by)}`;
      const e = eligibilityOf(namespace, config.eligibleServices);
      if (e.eligible && e.via === 'list') results.push(pass(region, resource, `${what}: ${e.service} is HIPAA eligible (${LIST})`));
      else if (e.eligible) results.push(pass(region, resource, `${what}: ${namespace} is HIPAA eligible by the config (classification.eligibleServices)`));
      else {
        results.push(
          fail(region, resource, `${what}, but ${namespace || 'its service'} is not a HIPAA-eligible service (${LIST}; the config adds ${config.eligibleServices.length ? config.eligibleServices.join(', ') : 'none'})`),
        );
      }
    }
    if (ephi === 0 && results.length === 0) {
      const keys = config.tags.map((t) => `${t.key} in ${t.values.join('/')}`).join(', ');
      results.push(pass(GLOBAL, accountResource(inventory), `no resource is classified as ePHI (tags ${keys}${config.arns.length ? ', or the ARN patterns' : ''}): none can sit in an ineligible service. Tag the stores that hold ePHI (account.ephi-stores-classified lists the unclassified ones)`));
    }
    return results;
  },
};

export default check;
