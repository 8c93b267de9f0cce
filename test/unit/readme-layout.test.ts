/**
 * The README's "Layout" is a map a newcomer trusts: every path it names exists (or is one the
 * tools write and git ignores), and every tracked file falls under a path it names.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { projectRoot } from '../../src/project-root';

/** The paths each line of the Layout block starts with: `a, b  what they are` names a and b. */
function layoutPaths(readme: string): string[] {
  const section = /^## Layout\n[\s\S]*?^```\n([\s\S]*?)^```$/m.exec(readme)?.[1];
  if (!section) throw new Error('README.md has no ## Layout section with a code block');
  return section
    .split('\n')
    .filter((line) => line !== '' && !line.startsWith(' '))
    .flatMap((line) => line.split(/\s{2,}/)[0]!.split(/,\s*/));
}

const named = layoutPaths(readFileSync(path.join(projectRoot, 'README.md'), 'utf8'));
const tracked = execFileSync('git', ['ls-files', '--cached', '--others', '--exclude-standard'], { cwd: projectRoot, encoding: 'utf8' })
  .split('\n')
  .filter((file) => file !== '' && existsSync(path.join(projectRoot, file)));
const ignored = (file: string) => {
  try {
    execFileSync('git', ['check-ignore', '-q', '--no-index', file], { cwd: projectRoot });
    return true;
  } catch {
    return false;
  }
};
const covers = (entry: string, file: string) => (entry.endsWith('/') ? file.startsWith(entry) : file === entry);

describe('README "Layout"', () => {
  it('names only paths that exist, or that the tools write and git ignores', () => {
    expect(named.length).toBeGreaterThan(20);
    const missing = named.filter((entry) => !tracked.some((file) => covers(entry, file)) && !ignored(entry));
    expect(missing).toEqual([]);
  });

  it('places every tracked file under a path it names', () => {
    expect(tracked.filter((file) => !named.some((entry) => covers(entry, file)))).toEqual([]);
  });
});
