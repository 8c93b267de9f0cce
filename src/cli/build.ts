/**
 * npm run build: compiles the service to plain JavaScript in dist/ with esbuild, so that nothing
 * is transpiled at run time. `--outdir DIR` builds elsewhere, `--entry NAME` builds only that entry
 * (the tests build the Lambda handler alone, outside the repository).
 *
 * Add an entry point by adding a line to ENTRIES. Two kinds:
 * - `dependencies: 'external'` (the server): our code in one ES module, packages loaded from
 *   node_modules at run time, and the generated Prisma client loaded from src/generated/prisma.
 * - `dependencies: 'bundled'` (the Lambda handler): one self-contained file with every package
 *   inside, the Prisma client's query compiler (a .wasm) beside it. See bundledOptions.
 */
import { copyFile, mkdir, readFile, rm } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { build, type BuildOptions, type Plugin } from 'esbuild';

interface Entry {
  /** Source file, relative to the repository root. */
  source: string;
  /** Output name: <outdir>/<name>.js. */
  name: string;
  dependencies: 'external' | 'bundled';
}

const ENTRIES: Entry[] = [
  { source: 'src/main.ts', name: 'main', dependencies: 'external' },
  { source: 'src/lambda.ts', name: 'lambda', dependencies: 'bundled' },
];

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const { values } = parseArgs({ options: { outdir: { type: 'string', default: path.join(root, 'dist') }, entry: { type: 'string', multiple: true } } });
const outdir = path.resolve(values.outdir);
/** `--entry lambda`: only those entries (the tests build just the Lambda handler). */
const entries = values.entry ? ENTRIES.filter((entry) => values.entry!.includes(entry.name)) : ENTRIES;
const generatedClient = path.join(root, 'src/generated/prisma');

/**
 * The server's Prisma client stays a file of its own, loaded from src/generated/prisma: it finds
 * its query compiler next to itself through `__dirname`, and nexus-prisma loads the same file.
 */
const prismaClientOutside: Plugin = {
  name: 'prisma-client-outside',
  setup(esbuild) {
    esbuild.onResolve({ filter: /generated\/prisma$/ }, (args) => {
      const resolved = path.resolve(args.resolveDir, args.path);
      if (resolved !== generatedClient) return undefined;
      const fromDist = path.relative(outdir, path.join(generatedClient, 'index.js'));
      return { path: fromDist.startsWith('.') ? fromDist : `./${fromDist}`, external: true };
    });
  },
};

/**
 * nexus-prisma's generated module resolves the Prisma client's absolute build-machine path with
 * `require.resolve`, for error messages only; bundled, that path does not exist where it runs.
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

const common: BuildOptions = {
  absWorkingDir: root,
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'esm',
  outdir,
  sourcemap: 'linked',
  logLevel: 'warning',
};

function optionsFor(entry: Entry): BuildOptions {
  const entryPoints = [{ in: entry.source, out: entry.name }];
  if (entry.dependencies === 'external') {
    return { ...common, entryPoints, packages: 'external', plugins: [prismaClientOutside] };
  }
  return {
    ...common,
    entryPoints,
    plugins: [nexusPrismaWithoutResolve],
    // Half the bytes to parse at every cold start; names kept for stack traces and the few
    // libraries that read constructor names (the source map has the rest).
    minify: true,
    keepNames: true,
    // Never loaded at run time: pg's optional native binding, and prettier, which nexus asks for
    // only when it writes its typegen (npm run generate), yet esbuild would bundle (5 MB).
    external: ['pg-native', 'prettier'],
    // CommonJS packages inside an ES module still ask for require, __filename and __dirname.
    banner: {
      js: [
        "import { createRequire as __createRequire } from 'node:module';",
        "import { fileURLToPath as __fileURLToPath } from 'node:url';",
        'const require = __createRequire(import.meta.url);',
        'const __filename = __fileURLToPath(import.meta.url);',
        "const __dirname = __fileURLToPath(new URL('.', import.meta.url));",
      ].join('\n'),
    },
  };
}

/**
 * The bundled Prisma client reads its query compiler from `__dirname` (the bundle's directory),
 * if a schema.prisma sits there too: both go beside the bundle.
 */
async function copyPrismaAssets() {
  for (const file of ['query_compiler_bg.wasm', 'schema.prisma']) await copyFile(path.join(generatedClient, file), path.join(outdir, file));
}

const started = performance.now();
await rm(outdir, { recursive: true, force: true });
await mkdir(outdir, { recursive: true });
await Promise.all(entries.map((entry) => build(optionsFor(entry))));
if (entries.some((entry) => entry.dependencies === 'bundled')) await copyPrismaAssets();
console.log(`built ${entries.map((entry) => `${path.relative(root, outdir) || '.'}/${entry.name}.js`).join(', ')} in ${Math.round(performance.now() - started)} ms`);
