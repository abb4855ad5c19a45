import pkg from '../package.json';

/** The tool's name and version as reports and findings carry them. */
export const TOOL = { name: 'hipaa-posture-auditor', version: pkg.version } as const;
