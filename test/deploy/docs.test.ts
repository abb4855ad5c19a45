import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT } from './cfn';

/** Every metric name the Lambda code emits (metrics.add({ name: '...' })). */
function metricsEmitted(): Set<string> {
  const names = new Set<string>();
  const walk = (dir: string): void => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) walk(path);
      else if (entry.name.endsWith('.ts')) for (const m of readFileSync(path, 'utf8').matchAll(/\.add\(\{ name: '(\w+)'/g)) names.add(m[1]!);
    }
  };
  walk(join(ROOT, 'src'));
  return names;
}

describe('docs/deploy.md', () => {
  it('names every metric the functions emit in its Operations section', () => {
    const doc = readFileSync(join(ROOT, 'docs', 'deploy.md'), 'utf8');
    const operations = doc.slice(doc.indexOf('## Operations'), doc.indexOf('\n## ', doc.indexOf('## Operations') + 1));
    const emitted = metricsEmitted();
    expect([...emitted]).toEqual(expect.arrayContaining(['Coverage', 'IncompleteAudit', 'Findings']));
    expect([...emitted].filter((name) => !operations.includes(`\`${name}\``))).toEqual([]);
  });
});
