import type { Read } from './read';

export interface ConfigRecorder {
  name: string;
  arn?: string;
  roleArn?: string;
  /** From DescribeConfigurationRecorderStatus, joined by name; false when the recorder has no status entry. */
  recording: boolean;
  /** Pending | Success | Failure | NotApplicable */
  lastStatus?: string;
  allSupported: boolean;
  includeGlobalResourceTypes: boolean;
  /** ALL_SUPPORTED_RESOURCE_TYPES | INCLUSION_BY_RESOURCE_TYPES | EXCLUSION_BY_RESOURCE_TYPES */
  recordingStrategy?: string;
  /**
   * Set for a service-linked recorder (e.g. config.amazonaws.com for an AWS service): it records only what the
   * linked service needs, so it is not the account's own configuration recorder.
   */
  servicePrincipal?: string;
  /** INTERNAL (recorded for free, for a linked service) | PAID */
  recordingScope?: string;
}

export const CONFIG_READS = ['recorders'] as const;

export interface ConfigRegion {
  /**
   * DescribeConfigurationRecorders joined with DescribeConfigurationRecorderStatus (one call each per region).
   * Failed with the status call's error when recorders exist but their status could not be read.
   */
  recorders?: Read<ConfigRecorder[]>;
}
