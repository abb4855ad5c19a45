/** HIPAA Security Rule (45 CFR Part 164 Subpart C) sections the catalogue maps to, with their names. */
export const HIPAA_SECTIONS: Record<string, string> = {
  '164.308(a)(1)(ii)(A)': 'Risk analysis',
  '164.308(a)(1)(ii)(D)': 'Information system activity review',
  '164.308(a)(3)(i)': 'Workforce security',
  '164.308(a)(3)(ii)(A)': 'Authorization and/or supervision',
  '164.308(a)(3)(ii)(C)': 'Termination procedures',
  '164.308(a)(4)(i)': 'Information access management',
  '164.308(a)(4)(ii)(B)': 'Access authorization',
  '164.308(a)(4)(ii)(C)': 'Access establishment and modification',
  '164.308(a)(5)(ii)(B)': 'Protection from malicious software',
  '164.308(a)(5)(ii)(C)': 'Log-in monitoring',
  '164.308(a)(5)(ii)(D)': 'Password management',
  '164.308(a)(6)(ii)': 'Response and reporting',
  '164.308(a)(7)(ii)(A)': 'Data backup plan',
  '164.308(a)(7)(ii)(B)': 'Disaster recovery plan',
  '164.308(a)(7)(ii)(C)': 'Emergency mode operation plan',
  '164.308(a)(8)': 'Evaluation',
  '164.308(b)(1)': 'Business associate contracts and other arrangements',
  '164.310(d)(2)(iv)': 'Data backup and storage',
  '164.312(a)(1)': 'Access control',
  '164.312(a)(2)(i)': 'Unique user identification',
  '164.312(a)(2)(ii)': 'Emergency access procedure',
  '164.312(a)(2)(iv)': 'Encryption and decryption',
  '164.312(b)': 'Audit controls',
  '164.312(c)(1)': 'Integrity',
  '164.312(c)(2)': 'Mechanism to authenticate ePHI',
  '164.312(d)': 'Person or entity authentication',
  '164.312(e)(1)': 'Transmission security',
  '164.312(e)(2)(ii)': 'Encryption (in transmission)',
  '164.314(a)(1)': 'Business associate contracts or other arrangements',
  '164.316(b)(2)(i)': 'Documentation: time limit (retained six years)',
};

/** Sorts section ids in the rule's own order: 164.308 before 164.310 before 164.312, then by paragraph. */
export function compareSections(a: string, b: string): number {
  return a.localeCompare(b, 'en', { numeric: true });
}
