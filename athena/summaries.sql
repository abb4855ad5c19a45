-- Athena table over the run summaries: one JSON line a run, under
-- <prefix>/summaries/account=<id>/date=<YYYY-MM-DD>/run=<run id>.json. Same placeholders as findings.sql.
-- fail counts every FAIL (suppressed included, as the reports do); fail_open leaves suppressed ones out.
-- Summaries written before evidence_collected_at, coverage, judged, not_judged, complete, scope, the ePHI columns
-- and the change since the previous run (previous_run_id, new_failures, fixed_failures, gone_failures) and unread
-- existed read null there.
CREATE EXTERNAL TABLE IF NOT EXISTS hipaa_run_summaries (
  schema_version     string,
  tool_name          string,
  tool_version       string,
  run_id             string,
  run_started_at     string,
  run_finished_at    string,
  run_source         string,
  account_id         string,
  aws_partition      string,
  home_region        string,
  regions            array<string>,
  checks_evaluated   int,
  score              double  COMMENT 'PASS / (PASS + unsuppressed FAIL) in percent; null when nothing was judged',
  total              int,
  pass               int,
  fail               int,
  fail_open          int,
  error              int,
  suppressed         int,
  collection_errors  int,
  fail_critical      int,
  fail_high          int,
  fail_medium        int,
  fail_low           int,
  fail_informational int,
  hipaa              array<struct<section:string,name:string,pass:int,fail:int,error:int,suppressed:int,pass_rate:double,failing_resources:int>>,
  top_failing_checks array<struct<check_id:string,title:string,severity:string,failed:int>>,
  report_key         string  COMMENT 'report.html of the run, relative to the prefix',
  findings_key       string,
  evidence_collected_at string COMMENT 'when the evidence was collected (ISO 8601 UTC); trends are placed by it',
  coverage           double  COMMENT 'findings judged (PASS, FAIL) / all findings in percent; null when there was none',
  judged             int,
  not_judged         int     COMMENT 'ERROR findings: what could not be read or evaluated',
  complete           boolean COMMENT 'judged something and left nothing unjudged',
  scope              string  COMMENT 'hash of account, checks and regions (and --scope ephi): trends compare runs of one scope',
  classification_scope string COMMENT 'ephi for a run of --scope ephi, else all',
  score_ephi         double  COMMENT 'score of the findings on ePHI resources; null when classification is off or nothing was judged',
  coverage_ephi      double  COMMENT 'coverage of the findings on ePHI resources',
  fail_open_ephi     int     COMMENT 'unsuppressed FAILs on ePHI resources',
  resources_ephi     int     COMMENT 'ePHI resources with findings',
  resources_unknown  int     COMMENT 'resources whose tags could not be read',
  previous_run_id    string  COMMENT 'the previous run of the same scope compared with; null for the first',
  new_failures       int     COMMENT 'open failures not open in the previous run (+N)',
  fixed_failures     int     COMMENT 'open failures of the previous run that PASS now (-M)',
  gone_failures      int     COMMENT 'open failures of the previous run whose resource is gone or out of scope',
  unread             array<struct<service:string,operation:string,code:string,regions:array<string>,reads:int,permission:string,fix:string>> COMMENT 'what could not be read: the IAM action to allow (permission, when denied) and the fix; empty when complete'
)
PARTITIONED BY (account string, `date` string)
ROW FORMAT SERDE 'org.openx.data.jsonserde.JsonSerDe'
LOCATION 's3://amzn-s3-demo-bucket/hipaa/summaries/'
TBLPROPERTIES (
  'projection.enabled' = 'true',
  'projection.account.type' = 'enum',
  'projection.account.values' = '111122223333,444455556666',
  'projection.date.type' = 'date',
  'projection.date.format' = 'yyyy-MM-dd',
  'projection.date.range' = '2025-01-01,NOW',
  'projection.date.interval' = '1',
  'projection.date.interval.unit' = 'DAYS',
  'storage.location.template' = 's3://amzn-s3-demo-bucket/hipaa/summaries/account=${account}/date=${date}/'
);
