-- Example queries over hipaa_findings (findings.sql) and hipaa_run_summaries (summaries.sql).
-- "date" is the UTC day a run started; filtering on it lets partition projection read only those days.
-- Timestamps are ISO 8601 strings of one format, so they also compare and sort correctly as text.

-- 1. Open critical failures by account, in each account's latest run of the last 30 days.
WITH recent AS (
  SELECT * FROM hipaa_findings
  WHERE "date" >= date_format(current_date - INTERVAL '30' DAY, '%Y-%m-%d')
),
latest AS (
  SELECT account, max(run_started_at) AS run_started_at FROM recent GROUP BY account
)
SELECT f.account,
       l.run_started_at                                                                 AS latest_run,
       count_if(f.status = 'FAIL' AND f.severity = 'critical' AND NOT f.suppressed)   AS open_critical,
       count_if(f.status = 'FAIL' AND f.severity = 'high' AND NOT f.suppressed)       AS open_high,
       array_join(array_sort(array_distinct(
         filter(array_agg(CASE WHEN f.status = 'FAIL' AND f.severity = 'critical' AND NOT f.suppressed THEN f.check_id END),
                x -> x IS NOT NULL))), ', ')                                            AS critical_checks
FROM recent f
JOIN latest l ON f.account = l.account AND f.run_started_at = l.run_started_at
GROUP BY f.account, l.run_started_at
ORDER BY open_critical DESC, open_high DESC, f.account;

-- 1b. The critical resources themselves.
WITH recent AS (
  SELECT * FROM hipaa_findings WHERE "date" >= date_format(current_date - INTERVAL '30' DAY, '%Y-%m-%d')
),
latest AS (SELECT account, max(run_started_at) AS run_started_at FROM recent GROUP BY account)
SELECT f.account, f.region, f.check_id, f.resource_type, f.resource_id, f.message, f.remediation_url
FROM recent f JOIN latest l ON f.account = l.account AND f.run_started_at = l.run_started_at
WHERE f.status = 'FAIL' AND f.severity = 'critical' AND NOT f.suppressed
ORDER BY f.account, f.check_id, f.resource_id;

-- 2. Trend of the HIPAA score: every run of the last 90 days, per account (from the summaries).
SELECT account,
       from_iso8601_timestamp(run_started_at) AS run_time,
       score, fail_open, fail_critical, fail_high
FROM hipaa_run_summaries
WHERE "date" >= date_format(current_date - INTERVAL '90' DAY, '%Y-%m-%d')
ORDER BY account, run_time;

-- 2b. The same, one point a day (the day's last run), ready for a QuickSight line chart.
SELECT account, "date", max_by(score, run_started_at) AS score, max_by(fail_open, run_started_at) AS open_failures
FROM hipaa_run_summaries
WHERE "date" >= date_format(current_date - INTERVAL '90' DAY, '%Y-%m-%d')
GROUP BY account, "date"
ORDER BY account, "date";

-- 2c. Trend of each HIPAA section's pass rate.
SELECT s.account, s."date", h.section, h.name, max_by(h.pass_rate, s.run_started_at) AS pass_rate
FROM hipaa_run_summaries s
CROSS JOIN UNNEST(s.hipaa) AS t(h)
WHERE s."date" >= date_format(current_date - INTERVAL '90' DAY, '%Y-%m-%d')
GROUP BY s.account, s."date", h.section, h.name
ORDER BY s.account, h.section, s."date";

-- 2d. The score computed from the findings alone (same formula as the reports: PASS / (PASS + open FAIL)).
SELECT account, run_id, min(run_started_at) AS run_started_at,
       round(100.0 * count_if(status = 'PASS')
             / nullif(count_if(status = 'PASS') + count_if(status = 'FAIL' AND NOT suppressed), 0), 1) AS score
FROM hipaa_findings
WHERE "date" >= date_format(current_date - INTERVAL '90' DAY, '%Y-%m-%d')
GROUP BY account, run_id
ORDER BY account, run_started_at;

-- 3. Checks failing longest: each finding open in its account's latest run, with the start of its current
--    failing streak (the first FAIL after its last PASS, ERROR or suppression) over the last 365 days.
WITH hist AS (
  SELECT * FROM hipaa_findings WHERE "date" >= date_format(current_date - INTERVAL '365' DAY, '%Y-%m-%d')
),
latest AS (SELECT account, max(run_started_at) AS run_started_at FROM hist GROUP BY account),
open_now AS (
  SELECT f.account, f.finding_id, f.check_id, f.severity, f.region, f.resource_id
  FROM hist f JOIN latest l ON f.account = l.account AND f.run_started_at = l.run_started_at
  WHERE f.status = 'FAIL' AND NOT f.suppressed
),
last_ok AS (
  SELECT finding_id, max(run_started_at) AS last_ok_at
  FROM hist WHERE status <> 'FAIL' OR suppressed
  GROUP BY finding_id
),
streak AS (
  SELECT w.finding_id, min(w.run_started_at) AS failing_since
  FROM hist w LEFT JOIN last_ok o ON w.finding_id = o.finding_id
  WHERE w.status = 'FAIL' AND NOT w.suppressed AND (o.last_ok_at IS NULL OR w.run_started_at > o.last_ok_at)
  GROUP BY w.finding_id
)
SELECT n.account, n.check_id, n.severity, n.region, n.resource_id, s.failing_since,
       date_diff('day', from_iso8601_timestamp(s.failing_since), current_timestamp) AS days_failing
FROM open_now n JOIN streak s ON n.finding_id = s.finding_id
ORDER BY days_failing DESC, n.account, n.check_id
LIMIT 100;

-- 3b. Rolled up by check: how long its oldest open failure has lasted and how many resources fail it now.
--     (Same WITH clauses as 3, then:)
-- SELECT n.check_id, arbitrary(n.severity) AS severity, count(*) AS resources_failing,
--        max(date_diff('day', from_iso8601_timestamp(s.failing_since), current_timestamp)) AS longest_days
-- FROM open_now n JOIN streak s ON n.finding_id = s.finding_id
-- GROUP BY n.check_id ORDER BY longest_days DESC;

-- Where ePHI lives: open failures on ePHI resources by service and region, in each account's latest run of the
-- last 30 days (classification is null for findings written before it existed).
WITH recent AS (
  SELECT * FROM hipaa_findings WHERE "date" >= date_format(current_date - INTERVAL '30' DAY, '%Y-%m-%d')
),
latest AS (SELECT account, max(run_started_at) AS run_started_at FROM recent GROUP BY account)
SELECT f.account, split_part(f.resource_arn, ':', 3) AS arn_service, f.region,
       count(DISTINCT f.resource_arn)                                              AS ephi_resources,
       count_if(f.status = 'FAIL' AND NOT f.suppressed)                           AS open_failures,
       -- Raised: more severe than the check (base_severity is also set for a result the check itself rated lower).
       count_if(f.status = 'FAIL' AND NOT f.suppressed AND f.base_severity IS NOT NULL
                AND array_position(ARRAY['critical','high','medium','low','informational'], f.severity)
                  < array_position(ARRAY['critical','high','medium','low','informational'], f.base_severity)) AS raised_for_ephi
FROM recent f
JOIN latest l ON f.account = l.account AND f.run_started_at = l.run_started_at
WHERE f.classification = 'ephi'
GROUP BY f.account, split_part(f.resource_arn, ':', 3), f.region
ORDER BY open_failures DESC, f.account, arn_service, f.region;
