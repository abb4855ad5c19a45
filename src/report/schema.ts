import Ajv from 'ajv';
import addFormats from 'ajv-formats';
// The JSON Schema findings.json follows (shipped in the repo for consumers).
import schema from './findings.schema.json';
// The JSON Schema framework.json follows.
import frameworkSchema from './framework.schema.json';

let validator: ReturnType<Ajv['compile']> | undefined;
let frameworkValidator: ReturnType<Ajv['compile']> | undefined;

/** Validates a report against the schema; returns the problems found, empty when valid. */
export function validateReport(report: unknown): string[] {
  if (!validator) {
    const ajv = new Ajv({ allErrors: true, strict: false });
    addFormats(ajv);
    validator = ajv.compile(schema);
  }
  if (validator(report)) return [];
  return (validator.errors ?? []).map((e) => `${e.instancePath || '/'} ${e.message ?? ''}`.trim());
}

/** Validates a framework view (framework.json); returns the problems found, empty when valid. */
export function validateFramework(view: unknown): string[] {
  if (!frameworkValidator) {
    const ajv = new Ajv({ allErrors: true, strict: false });
    addFormats(ajv);
    frameworkValidator = ajv.compile(frameworkSchema);
  }
  if (frameworkValidator(view)) return [];
  return (frameworkValidator.errors ?? []).map((e) => `${e.instancePath || '/'} ${e.message ?? ''}`.trim());
}
