import { build } from 'esbuild';
import { describe, expect, it } from 'vitest';

// What a front end ships when it imports the client: bundled for the browser (where a Node
// built-in fails the build) and minified, every operation included.
const SIZE_BUDGET_BYTES = 12_000;

describe('the typed client as front ends bundle it', () => {
  it('bundles for the browser with no Node built-ins and stays small', async () => {
    const result = await build({
      entryPoints: ['src/client/index.ts'],
      bundle: true,
      minify: true,
      format: 'esm',
      platform: 'browser',
      write: false,
      metafile: true,
      logLevel: 'silent',
    });
    const inputs = Object.keys(result.metafile.inputs);
    expect(inputs.every((input) => input.startsWith('src/client/'))).toBe(true);
    expect(result.outputFiles[0]!.contents.byteLength).toBeLessThan(SIZE_BUDGET_BYTES);
  });
});
