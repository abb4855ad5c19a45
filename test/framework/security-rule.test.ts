import { CHECKS } from '../../checks';
import { HIPAA_SECTIONS } from '../../src/evaluate/hipaa';
import { ruleEntry, SECURITY_RULE } from '../../src/framework/security-rule';

const ids = SECURITY_RULE.map((e) => e.id);
const specsOf = (standard: string) => SECURITY_RULE.filter((e) => e.standard === standard);

describe('the Security Rule as data', () => {
  it('holds every section a check names, and every section the scorecard names', () => {
    const missing = CHECKS.flatMap((c) => c.hipaa.filter((h) => !ruleEntry(h)).map((h) => `${c.id}: ${h}`));
    expect(missing).toEqual([]);
    expect(Object.keys(HIPAA_SECTIONS).filter((h) => !ruleEntry(h))).toEqual([]);
  });

  it('lists each id once, each specification under an existing standard of its own section', () => {
    expect(new Set(ids).size).toBe(ids.length);
    for (const e of SECURITY_RULE) {
      if (e.kind === 'standard') {
        expect(e.standard).toBeUndefined();
        continue;
      }
      const standard = ruleEntry(e.standard ?? '');
      expect(standard?.kind).toBe('standard');
      expect(e.id.slice(0, 7)).toBe(e.standard!.slice(0, 7));
      expect(e.requirement).not.toBeNull();
    }
  });

  it('gives R/A to specifications and to standards without specifications, never to a standard that has them', () => {
    for (const e of SECURITY_RULE.filter((x) => x.kind === 'standard')) {
      expect(e.requirement).toBe(specsOf(e.id).length ? null : 'required');
    }
  });

  it('has the structure of 45 CFR 164.308 to 164.316: standards and specifications per section, R/A as the regulation states', () => {
    const count = (prefix: string, kind: 'standard' | 'specification') => SECURITY_RULE.filter((e) => e.id.startsWith(prefix) && e.kind === kind).length;
    expect([count('164.308', 'standard'), count('164.308', 'specification')]).toEqual([9, 21]);
    expect([count('164.310', 'standard'), count('164.310', 'specification')]).toEqual([4, 8]);
    expect([count('164.312', 'standard'), count('164.312', 'specification')]).toEqual([5, 7]);
    expect([count('164.314', 'standard'), count('164.314', 'specification')]).toEqual([2, 4]);
    expect([count('164.316', 'standard'), count('164.316', 'specification')]).toEqual([2, 3]);
    const ra = (id: string) => ruleEntry(id)?.requirement;
    expect(ra('164.308(a)(1)(ii)(A)')).toBe('required');
    expect(ra('164.308(a)(3)(ii)(B)')).toBe('addressable');
    expect(ra('164.308(a)(4)(ii)(A)')).toBe('required');
    expect(ra('164.308(a)(5)(ii)(D)')).toBe('addressable');
    expect(ra('164.308(a)(7)(ii)(C)')).toBe('required');
    expect(ra('164.308(a)(7)(ii)(E)')).toBe('addressable');
    expect(ra('164.310(d)(2)(ii)')).toBe('required');
    expect(ra('164.310(d)(2)(iii)')).toBe('addressable');
    expect(ra('164.312(a)(2)(ii)')).toBe('required');
    expect(ra('164.312(a)(2)(iv)')).toBe('addressable');
    expect(ra('164.312(e)(2)(ii)')).toBe('addressable');
    expect(ra('164.312(b)')).toBe('required');
    expect(ra('164.316(b)(2)(iii)')).toBe('required');
  });

  it('is consistent with the catalogue: nothing a check judges is "not assessable", and "checked here" is true', () => {
    const cited = new Set(CHECKS.flatMap((c) => c.hipaa));
    const reached = (id: string) => cited.has(id) || specsOf(id).some((s) => cited.has(s.id));
    expect(SECURITY_RULE.filter((e) => e.aws === 'no' && reached(e.id)).map((e) => e.id)).toEqual([]);
    expect(SECURITY_RULE.filter((e) => /checked here/.test(e.evidence) && !reached(e.id)).map((e) => e.id)).toEqual([]);
    // The reverse: a section a check names says what is checked here, and never that nothing judges it.
    expect(SECURITY_RULE.filter((e) => cited.has(e.id) && !/checked here/.test(e.evidence)).map((e) => e.id)).toEqual([]);
    expect(SECURITY_RULE.filter((e) => reached(e.id) && /\bno check\b|not (yet )?(judged|checked)|unjudged/i.test(e.evidence)).map((e) => e.id)).toEqual([]);
    // A standard AWS cannot show at all has no specification AWS can show in part.
    for (const s of SECURITY_RULE.filter((e) => e.kind === 'standard' && e.aws === 'no')) {
      expect(specsOf(s.id).filter((x) => x.aws !== 'no').map((x) => x.id)).toEqual([]);
    }
    for (const e of SECURITY_RULE) expect(e.evidence.length).toBeGreaterThan(10);
  });
});
