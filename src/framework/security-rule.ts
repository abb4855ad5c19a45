/**
 * The HIPAA Security Rule as data: every standard and implementation specification of 45 CFR 164.308
 * (administrative), 164.310 (physical), 164.312 (technical), 164.314 (organizational requirements) and 164.316
 * (policies, procedures and documentation), with its title and whether it is Required or Addressable, as the
 * regulation states them (45 CFR Part 164 Subpart C, as amended through 2013; https://www.ecfr.gov/current/title-45/
 * subtitle-A/subchapter-C/part-164/subpart-C). Standards that have implementation specifications carry no R/A of
 * their own; a standard without any is itself required.
 *
 * `aws` says how far AWS configuration can evidence it: `yes` (AWS APIs show whether it is met), `partly` (they show
 * the technical part; the rest is a procedure) or `no` (administrative or physical: no API can show it). `evidence`
 * is the one line an auditor expects instead, or besides.
 */

export type Safeguard = 'administrative' | 'physical' | 'technical' | 'organizational' | 'documentation';

export interface RuleEntry {
  /** As checks cite it, e.g. `164.312(a)(2)(iv)`. */
  id: string;
  kind: 'standard' | 'specification';
  title: string;
  /** Required or Addressable; null for a standard whose implementation specifications carry it. */
  requirement: 'required' | 'addressable' | null;
  safeguard: Safeguard;
  /** The standard an implementation specification belongs to. */
  standard?: string;
  aws: 'yes' | 'partly' | 'no';
  evidence: string;
}

const S = (id: string, title: string, safeguard: Safeguard, aws: RuleEntry['aws'], evidence: string, requirement: RuleEntry['requirement'] = null): RuleEntry => ({
  id,
  kind: 'standard',
  title,
  requirement,
  safeguard,
  aws,
  evidence,
});
const R = (id: string, standard: string, title: string, requirement: 'required' | 'addressable', safeguard: Safeguard, aws: RuleEntry['aws'], evidence: string): RuleEntry => ({
  id,
  kind: 'specification',
  title,
  requirement,
  safeguard,
  standard,
  aws,
  evidence,
});

export const SECURITY_RULE: readonly RuleEntry[] = [
  // 164.308 Administrative safeguards
  S('164.308(a)(1)(i)', 'Security management process', 'administrative', 'partly', 'Security policies and procedures to prevent, detect, contain and correct violations.'),
  R('164.308(a)(1)(ii)(A)', '164.308(a)(1)(i)', 'Risk analysis', 'required', 'administrative', 'partly', 'A current, documented, organization-wide risk analysis; what AWS shows of it is checked here: data discovery (Macie), vulnerability scanning (Inspector) and a classification tag on every data store.'),
  R('164.308(a)(1)(ii)(B)', '164.308(a)(1)(i)', 'Risk management', 'required', 'administrative', 'no', 'A risk management plan that tracks each identified risk to a treatment.'),
  R('164.308(a)(1)(ii)(C)', '164.308(a)(1)(i)', 'Sanction policy', 'required', 'administrative', 'no', 'A written sanction policy and records of its application.'),
  R('164.308(a)(1)(ii)(D)', '164.308(a)(1)(i)', 'Information system activity review', 'required', 'administrative', 'partly', 'Audit logging is checked here; records that someone reviews the logs regularly (tickets, sign-offs) complete it.'),
  S('164.308(a)(2)', 'Assigned security responsibility', 'administrative', 'no', 'The named security official and their documented responsibilities.', 'required'),
  S('164.308(a)(3)(i)', 'Workforce security', 'administrative', 'partly', 'Policies granting ePHI access only to workforce members who need it; full-admin policies and public buckets and snapshots are checked here.'),
  R('164.308(a)(3)(ii)(A)', '164.308(a)(3)(i)', 'Authorization and/or supervision', 'addressable', 'administrative', 'partly', 'Access requests and approvals for the people behind the IAM identities; recent use of the root user is checked here.'),
  R('164.308(a)(3)(ii)(B)', '164.308(a)(3)(i)', 'Workforce clearance procedure', 'addressable', 'administrative', 'no', 'Background-check or clearance procedure for workforce members with ePHI access.'),
  R('164.308(a)(3)(ii)(C)', '164.308(a)(3)(i)', 'Termination procedures', 'addressable', 'administrative', 'partly', 'Offboarding records showing access removed on termination; unused credentials are checked here.'),
  S('164.308(a)(4)(i)', 'Information access management', 'administrative', 'partly', 'Policies authorizing access to ePHI; buckets open to anyone are checked here.'),
  R('164.308(a)(4)(ii)(A)', '164.308(a)(4)(i)', 'Isolating health care clearinghouse functions', 'required', 'administrative', 'no', 'Where the entity runs a clearinghouse: its separation from the rest of the organization.'),
  R('164.308(a)(4)(ii)(B)', '164.308(a)(4)(i)', 'Access authorization', 'addressable', 'administrative', 'partly', 'Documented authorization of access to systems holding ePHI; full-admin policies and policies attached to users directly are checked here.'),
  R('164.308(a)(4)(ii)(C)', '164.308(a)(4)(i)', 'Access establishment and modification', 'addressable', 'administrative', 'partly', 'Documented procedure to establish, review and modify access; key rotation, unused credentials and policies attached to users directly are checked here.'),
  S('164.308(a)(5)(i)', 'Security awareness and training', 'administrative', 'partly', 'A training program and training records for the whole workforce; the technical parts of its specifications (malware scanning, log-in alarms, password policy) are checked here.'),
  R('164.308(a)(5)(ii)(A)', '164.308(a)(5)(i)', 'Security reminders', 'addressable', 'administrative', 'no', 'Periodic security reminders and their distribution records.'),
  R('164.308(a)(5)(ii)(B)', '164.308(a)(5)(i)', 'Protection from malicious software', 'addressable', 'administrative', 'partly', 'Malware protection on endpoints and servers; AWS scanning (Inspector) is checked here.'),
  R('164.308(a)(5)(ii)(C)', '164.308(a)(5)(i)', 'Log-in monitoring', 'addressable', 'administrative', 'partly', 'Monitoring of log-in attempts and discrepancies; AWS alarms on root use and denied calls are checked here.'),
  R('164.308(a)(5)(ii)(D)', '164.308(a)(5)(i)', 'Password management', 'addressable', 'administrative', 'partly', 'Procedures for creating, changing and safeguarding passwords; the IAM password policy and key rotation are checked here.'),
  S('164.308(a)(6)(i)', 'Security incident procedures', 'administrative', 'partly', 'An incident response plan.'),
  R('164.308(a)(6)(ii)', '164.308(a)(6)(i)', 'Response and reporting', 'required', 'administrative', 'partly', 'Incident records and reports; AWS threat detection (GuardDuty, alarms) is checked here.'),
  S('164.308(a)(7)(i)', 'Contingency plan', 'administrative', 'partly', 'A contingency plan for emergencies that damage systems holding ePHI.'),
  R('164.308(a)(7)(ii)(A)', '164.308(a)(7)(i)', 'Data backup plan', 'required', 'administrative', 'partly', 'Backups of ePHI (AWS Backup, retention, point-in-time recovery, versioning) are checked here; the written backup procedures complete it.'),
  R('164.308(a)(7)(ii)(B)', '164.308(a)(7)(i)', 'Disaster recovery plan', 'required', 'administrative', 'partly', 'A documented disaster recovery plan; Multi-AZ and cross-region copies are checked here.'),
  R('164.308(a)(7)(ii)(C)', '164.308(a)(7)(i)', 'Emergency mode operation plan', 'required', 'administrative', 'partly', 'A plan to keep protecting ePHI while operating in emergency mode; Multi-AZ databases and replication of ePHI buckets are checked here.'),
  R('164.308(a)(7)(ii)(D)', '164.308(a)(7)(i)', 'Testing and revision procedures', 'addressable', 'administrative', 'no', 'Records of contingency plan tests (restore drills) and revisions.'),
  R('164.308(a)(7)(ii)(E)', '164.308(a)(7)(i)', 'Applications and data criticality analysis', 'addressable', 'administrative', 'no', 'An analysis ranking applications and data by criticality.'),
  S('164.308(a)(8)', 'Evaluation', 'administrative', 'partly', 'Periodic technical and non-technical evaluations; this report and its history are technical evaluations, and Security Hub enabled in each audited region is checked here.', 'required'),
  S('164.308(b)(1)', 'Business associate contracts and other arrangements', 'administrative', 'partly', 'Signed business associate agreements, the AWS BAA included (AWS Artifact, Agreements); that ePHI sits only in HIPAA-eligible services, the ones the AWS BAA covers, is checked here.'),
  R('164.308(b)(3)', '164.308(b)(1)', 'Written contract or other arrangement', 'required', 'administrative', 'no', 'The written business associate contracts.'),
  // 164.310 Physical safeguards
  S('164.310(a)(1)', 'Facility access controls', 'physical', 'no', 'Facility access policies; for AWS data centres, the AWS SOC 2 report (AWS Artifact).'),
  R('164.310(a)(2)(i)', '164.310(a)(1)', 'Contingency operations', 'addressable', 'physical', 'no', 'Procedures for facility access during emergencies.'),
  R('164.310(a)(2)(ii)', '164.310(a)(1)', 'Facility security plan', 'addressable', 'physical', 'no', 'A facility security plan for the entity\'s own premises.'),
  R('164.310(a)(2)(iii)', '164.310(a)(1)', 'Access control and validation procedures', 'addressable', 'physical', 'no', 'Procedures controlling and validating physical access.'),
  R('164.310(a)(2)(iv)', '164.310(a)(1)', 'Maintenance records', 'addressable', 'physical', 'no', 'Records of repairs and changes to physical security components.'),
  S('164.310(b)', 'Workstation use', 'physical', 'no', 'Workstation use policies.', 'required'),
  S('164.310(c)', 'Workstation security', 'physical', 'no', 'Physical safeguards for workstations with ePHI access.', 'required'),
  S('164.310(d)(1)', 'Device and media controls', 'physical', 'partly', 'Policies for hardware and media that hold ePHI.'),
  R('164.310(d)(2)(i)', '164.310(d)(1)', 'Disposal', 'required', 'physical', 'no', 'Media disposal procedures; AWS media sanitization is in the AWS SOC 2 report.'),
  R('164.310(d)(2)(ii)', '164.310(d)(1)', 'Media re-use', 'required', 'physical', 'no', 'Procedures removing ePHI before media re-use.'),
  R('164.310(d)(2)(iii)', '164.310(d)(1)', 'Accountability', 'addressable', 'physical', 'no', 'Records of hardware and media movements.'),
  R('164.310(d)(2)(iv)', '164.310(d)(1)', 'Data backup and storage', 'addressable', 'physical', 'partly', 'A retrievable exact copy before equipment is moved; AWS backups and their retention are checked here, moves of the entity\'s own equipment need its own records.'),
  // 164.312 Technical safeguards
  S('164.312(a)(1)', 'Access control', 'technical', 'yes', 'Technical access control on systems holding ePHI (IAM, public exposure, network) is checked here.'),
  R('164.312(a)(2)(i)', '164.312(a)(1)', 'Unique user identification', 'required', 'technical', 'yes', 'Unique identities instead of shared ones (root not used, no shared keys) are checked here.'),
  R('164.312(a)(2)(ii)', '164.312(a)(1)', 'Emergency access procedure', 'required', 'technical', 'partly', 'A break-glass procedure; recoverability (Multi-AZ, point-in-time recovery) is checked here.'),
  R('164.312(a)(2)(iii)', '164.312(a)(1)', 'Automatic logoff', 'addressable', 'technical', 'partly', 'Session time-outs in applications and workstations; AWS console and role session durations (IAM Identity Center, role MaxSessionDuration) are readable from AWS, but no check judges them yet.'),
  R('164.312(a)(2)(iv)', '164.312(a)(1)', 'Encryption and decryption', 'addressable', 'technical', 'yes', 'Encryption at rest of every ePHI store and its keys is checked here.'),
  S('164.312(b)', 'Audit controls', 'technical', 'yes', 'Mechanisms that record activity (CloudTrail, flow logs, log retention) are checked here.', 'required'),
  S('164.312(c)(1)', 'Integrity', 'technical', 'yes', 'Protection of ePHI from improper alteration or destruction (versioning, locks, log validation) is checked here.'),
  R('164.312(c)(2)', '164.312(c)(1)', 'Mechanism to authenticate electronic protected health information', 'addressable', 'technical', 'partly', 'Mechanisms that show ePHI was not altered; log file validation is checked here.'),
  S('164.312(d)', 'Person or entity authentication', 'technical', 'yes', 'Authentication of those seeking access (MFA) is checked here.', 'required'),
  S('164.312(e)(1)', 'Transmission security', 'technical', 'yes', 'Protection of ePHI in transit (TLS on every endpoint) is checked here.'),
  R('164.312(e)(2)(i)', '164.312(e)(1)', 'Integrity controls', 'addressable', 'technical', 'partly', 'Measures that detect alteration in transit; TLS gives it where enforced (the checks under 164.312(e)(1) and (e)(2)(ii)), no check judges it on its own.'),
  R('164.312(e)(2)(ii)', '164.312(e)(1)', 'Encryption', 'addressable', 'technical', 'yes', 'Encryption in transit (TLS versions and policies) is checked here.'),
  // 164.314 Organizational requirements
  S('164.314(a)(1)', 'Business associate contracts or other arrangements', 'organizational', 'partly', 'Contracts meeting 164.314(a)(2), the AWS BAA included (AWS Artifact); that ePHI sits only in HIPAA-eligible services, the ones the AWS BAA covers, is checked here.'),
  R('164.314(a)(2)(i)', '164.314(a)(1)', 'Business associate contracts', 'required', 'organizational', 'no', 'The contract terms 164.314(a)(2)(i) lists, in each business associate agreement.'),
  R('164.314(a)(2)(ii)', '164.314(a)(1)', 'Other arrangements', 'required', 'organizational', 'no', 'For governmental entities: the memorandum of understanding or law that stands in for a contract.'),
  R('164.314(a)(2)(iii)', '164.314(a)(1)', 'Business associate contracts with subcontractors', 'required', 'organizational', 'no', 'Agreements with subcontractors that handle ePHI.'),
  S('164.314(b)(1)', 'Requirements for group health plans', 'organizational', 'no', 'For group health plans: plan documents providing the safeguards of 164.314(b)(2).'),
  R('164.314(b)(2)', '164.314(b)(1)', 'Implementation specifications (plan documents)', 'required', 'organizational', 'no', 'Plan document amendments 164.314(b)(2) requires.'),
  // 164.316 Policies and procedures and documentation requirements
  S('164.316(a)', 'Policies and procedures', 'documentation', 'no', 'Written policies and procedures for every standard.', 'required'),
  S('164.316(b)(1)', 'Documentation', 'documentation', 'partly', 'Written records of policies, actions and assessments; this evidence package is one.'),
  R('164.316(b)(2)(i)', '164.316(b)(1)', 'Time limit', 'required', 'documentation', 'partly', 'Documentation kept six years; retention of audit logs and of these reports is checked here.'),
  R('164.316(b)(2)(ii)', '164.316(b)(1)', 'Availability', 'required', 'documentation', 'no', 'Documentation available to those responsible for implementing the procedures.'),
  R('164.316(b)(2)(iii)', '164.316(b)(1)', 'Updates', 'required', 'documentation', 'no', 'Periodic review and update of the documentation.'),
];

const BY_ID = new Map(SECURITY_RULE.map((e) => [e.id, e]));

export function ruleEntry(id: string): RuleEntry | undefined {
  return BY_ID.get(id);
}
