/** Every feature lives in its own folder and registers what it owns through the seam. */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const featuresDir = join(import.meta.dirname, '../../src/features');
const folders = readdirSync(featuresDir, { withFileTypes: true })
  .filter((d) => d.isDirectory())
  .map((d) => d.name);

describe('feature folders', () => {
  it('each has a feature.ts that names itself after its folder', () => {
    for (const name of folders) {
      const file = join(featuresDir, name, 'feature.ts');
      expect(existsSync(file), `${name}/feature.ts`).toBe(true);
      expect(readFileSync(file, 'utf8')).toContain(`name: '${name}'`);
    }
  });

  it('a feature with its own texts registers them through the seam', () => {
    for (const name of folders.filter((n) => existsSync(join(featuresDir, n, 'i18n.ts')))) {
      expect(readFileSync(join(featuresDir, name, 'feature.ts'), 'utf8'), name).toMatch(
        /texts: \{ tr, en \}/,
      );
    }
  });

  it('the UI shell imports no feature dictionary', () => {
    const shell = readFileSync(join(featuresDir, '../web/ui/i18n.ts'), 'utf8');
    expect(shell).not.toMatch(/from '\.\.\/\.\.\/features\/\w+\/i18n\.js'/);
  });
});
