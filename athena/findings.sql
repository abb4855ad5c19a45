-- Athena (Glue Data Catalog) table over the findings the S3 publisher writes: one JSON line a finding, gzipped,
-- under <prefix>/findings/account=<id>/date=<YYYY-MM-DD>/run=<run id>.jsonl.gz. See docs/s3-reports.md.
--
-- Before running it, replace:
--   amzn-s3-demo-bucket/hipaa      your bucket and --output-prefix (twice: LOCATION and storage.location.template)
--   111122223333,444455556666      the account ids you audit (the org index latest/index.html lists them)
--   2025-01-01                     the first day you published
-- Partition projection needs no MSCK REPAIR and no crawler: new days appear by themselves; add an account to
-- projection.account.values when you start auditing it (ALTER TABLE hipaa_findings SET TBLPROPERTIES (...)).
CREATE EXTERNAL TABLE IF NOT EXISTS hipaa_findings (
  schema_version      string,
  run_id              string,
  run_started_at      string   COMMENT 'ISO 8601 UTC; from_iso8601_timestamp(run_started_at)',
  run_finished_at     string,
  run_source          string   COMMENT 'live, or inventory for a replay of a saved inventory',
  tool_version        string,
  account_id          string,
  aws_partition       string,
  region              string   COMMENT 'region name, or global',
  finding_id          string   COMMENT 'stable across runs for the same check, account, region and resource',
  check_id            string,
  service             string,
  title               string,
  status              string   COMMENT 'PASS, FAIL or ERROR',
  severity            string   COMMENT 'critical, high, medium, low, informational',
  resource_type       string   COMMENT 'ASFF resource type, e.g. AwsS3Bucket',
  resource_id         string,
  resource_arn        string,
  message             string,
  hipaa               string   COMMENT 'comma-separated HIPAA section ids (split on the comma)',
  controls            string   COMMENT 'comma-separated Security Hub control ids',
  suppressed          boolean  COMMENT 'a FAIL covered by a suppression (left out of the score)',
  suppression_reason  string,
  suppression_expires string,
  remediation         string,
  remediation_url     string,
  evidence_collected_at string COMMENT 'when the evidence was collected (ISO 8601 UTC); for a replay, before run_started_at',
  classification      string   COMMENT 'ephi, not-ephi, or unknown (tags unreadable); null when classification is off or before it existed',
  base_severity       string   COMMENT 'the check severity when severity differs from it (raised for a FAIL on ePHI, or an informational note); else null',
  suppression_approved_by string COMMENT 'who approved the suppression (config approvedBy)',
  suppression_ticket  string   COMMENT 'the ticket recording the suppression (config ticket)'
)
PARTITIONED BY (account string, `date` string)
ROW FORMAT SERDE 'org.openx.data.jsonserde.JsonSerDe'
LOCATION 's3://amzn-s3-demo-bucket/hipaa/findings/'
TBLPROPERTIES (
  'projection.enabled' = 'true',
  'projection.account.type' = 'enum',
  'projection.account.values' = '111122223333,444455556666',
  'projection.date.type' = 'date',
  'projection.date.format' = 'yyyy-MM-dd',
  'projection.date.range' = '2025-01-01,NOW',
  'projection.date.interval' = '1',
  'projection.date.interval.unit' = 'DAYS',
  'storage.location.template' = 's3://amzn-s3-demo-bucket/hipaa/findings/account=${account}/date=${date}/'
);
