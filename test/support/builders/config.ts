import type { ConfigRecorder } from '../../../src/inventory/types';

/* Typed AWS Config inventory for check tests: complete objects with defaults, overridable field by field. */

/** Recorder `default`, recording all supported resource types including global ones, last delivery successful. */
export function configRecorder(extra: Partial<ConfigRecorder> = {}): ConfigRecorder {
  return {
    name: 'default',
    recording: true,
    lastStatus: 'Success',
    allSupported: true,
    includeGlobalResourceTypes: true,
    recordingStrategy: 'ALL_SUPPORTED_RESOURCE_TYPES',
    ...extra,
  };
}
