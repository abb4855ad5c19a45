import { renderHtml } from '../../src/report/html';
import { frameworkView } from '../../src/framework/view';
import { sampleReport } from '../support/report';

describe('report.html: Security Rule coverage', () => {
  const report = sampleReport();
  const html = renderHtml(report);

  it('lists every standard and specification with R/A and its status, grouped by safeguard', () => {
    const rows = html.match(/<tr class="fw-row /g) ?? [];
    // The page and the print copy each hold the whole rule.
    expect(rows).toHaveLength(65 * 2);
    expect(html).toContain('<section class="card" id="framework"');
    expect(html).toContain('Administrative safeguards (164.308)');
    expect(html).toContain('Policies, procedures and documentation (164.316)');
    // The sample fails 164.312(c)(1): a failing row that jumps to its failures.
    expect(html).toMatch(/<tr class="fw-row standard" data-status="failing"><td class="nowrap"><button type="button" class="jump code" data-filter="filter-hipaa" data-value="164\.312\(c\)\(1\)" data-status="FAIL">/);
    // A physical safeguard with what an auditor expects.
    expect(html).toMatch(/data-status="not-assessable"><td class="nowrap"><code>164\.310\(b\)<\/code><\/td><td>Workstation use<\/td><td class="ra" title="Required">R<\/td>/);
    expect(html).toContain('Workstation use policies.');
    expect(html).toMatch(/<td class="ra" title="Addressable">A<\/td>/);
  });

  it('lists the sections no finding reached under the scorecard instead of hiding them', () => {
    const view = frameworkView(report);
    const unreached = view.entries.filter((e) => e.counts.pass + e.counts.fail + e.counts.error + e.counts.suppressed === 0);
    expect(html).toContain(`Not reached by this run (${unreached.length} of 65):`);
    expect(html).toContain('<code>164.308(a)(2)</code> Assigned security responsibility');
  });

  it('adds no script and keeps every value escaped', () => {
    expect((html.match(/<script>/g) ?? []).length).toBe(1);
    const view = frameworkView(report);
    view.entries[0] = { ...view.entries[0]!, title: '<img src=x onerror=alert(1)>', note: '"><script>x</script>' };
    const nasty = renderHtml(report, { framework: view });
    expect(nasty).not.toContain('<img src=x');
    expect(nasty).not.toContain('<script>x</script>');
    expect(nasty).toContain('&lt;img src=x onerror=alert(1)&gt;');
  });
});
