import type { Read } from './read';

export interface ConfigRecorder {
  name: string;
  roleArn?: string;
  recording: boolean;
  lastStatus?: string;
  allSupported: boolean;
  includeGlobalResourceTypes: boolean;
  /** ALL_SUPPORTED_RESOURCE_TYPES | INCLUSION_BY_RESOURCE_TYPES | EXCLUSION_BY_RESOURCE_TYPES */
  recordingStrategy?: string;
}

export interface ConfigRegion {
  recorders: Read<ConfigRecorder[]>;
}
