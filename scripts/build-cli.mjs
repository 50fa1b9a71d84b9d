#!/usr/bin/env node
/**
 * Bundles the command line (src/cli/run.ts and everything it imports, npm packages included) into one ESM file,
 * dist-cli/frontline.js: the package's `bin`. Run by `npm run build:cli`, and by `prepare`, so `npm ci` (and `npm
 * pack`) leave a working `npx frontline`. The files the CLI reads from the package (src/cli/shipped.ts: package.json,
 * geodata/*) are inlined, so the bundle stands alone wherever it is installed; it needs nothing but Node.
 *
 * `--if-stale` skips the build when the bundle is newer than every file it was built from (the metafile of the last
 * build lists them), so scripts can call it cheaply before using the bundle.
 */
import { build } from 'esbuild';
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { dirname, join, relative, resolve } from 'node:path';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const outfile = join(root, 'dist-cli', 'frontline.js');
const metafile = join(root, 'dist-cli', 'meta.json');

/** Whether the bundle is older than one of its inputs (or than this script, or missing). */
function stale() {
  let built;
  try {
    built = statSync(outfile).mtimeMs;
    const { inputs } = JSON.parse(readFileSync(metafile, 'utf8'));
    // package-lock.json too: npm keeps the packages' own file dates, so an upgraded dependency looks old.
    const lock = join(root, 'package-lock.json');
    return [fileURLToPath(import.meta.url), lock, ...inputs.map((i) => join(root, i))].some(
      (f) => statSync(f).mtimeMs > built,
    );
  } catch {
    return true;
  }
}

if (process.argv.includes('--if-stale') && !stale()) process.exit(0);

const shippedModule = join(root, 'src', 'cli', 'shipped.ts');

/** SHIPPED_FILES of src/cli/shipped.ts (this script runs in plain Node, which does not import TypeScript). */
function shippedFiles() {
  const list = /SHIPPED_FILES = \[([^\]]*)\]/u.exec(readFileSync(shippedModule, 'utf8'))?.[1];
  if (!list) throw new Error(`${shippedModule}: SHIPPED_FILES not found`);
  return [...list.matchAll(/'([^']+)'/gu)].map((m) => m[1]);
}

/** validatorVersion() of src/cli/shipped.ts, computed the same way: the hash of the validator's sources. */
function validatorVersion() {
  const list = /VALIDATOR_SOURCES = \[([^\]]*)\]/u.exec(readFileSync(shippedModule, 'utf8'))?.[1];
  if (!list) throw new Error(`${shippedModule}: VALIDATOR_SOURCES not found`);
  const hash = createHash('sha256');
  for (const dir of [...list.matchAll(/'([^']+)'/gu)].map((m) => m[1])) {
    for (const name of readdirSync(join(root, dir), { recursive: true, encoding: 'utf8' })
      .map((n) => n.replaceAll('\\', '/'))
      .filter((n) => n.endsWith('.ts'))
      .sort()) {
      hash
        .update(`${dir}/${name}\0`)
        .update(readFileSync(join(root, dir, name)))
        .update('\0');
    }
  }
  return hash.digest('hex');
}

/** Replaces src/cli/shipped.ts by a module holding the shipped files' texts. */
const inlineShipped = {
  name: 'inline-shipped-files',
  setup(b) {
    b.onLoad({ filter: /[\\/]src[\\/]cli[\\/]shipped\.ts$/ }, () => {
      const names = shippedFiles();
      const texts = Object.fromEntries(names.map((n) => [n, readFileSync(join(root, n), 'utf8')]));
      return {
        contents:
          `export const SHIPPED_FILES = ${JSON.stringify(names)};\n` +
          `const TEXTS = ${JSON.stringify(texts)};\n` +
          'export function shippedText(name) { return TEXTS[name]; }\n' +
          // The bundle is dist-cli/frontline.js: the package root is one level up.
          "export function packageRoot() { return fileURLToPath(new URL('../', import.meta.url)); }\n" +
          "import { fileURLToPath } from 'node:url';\n" +
          `export function validatorVersion() { return ${JSON.stringify(validatorVersion())}; }\n`,
        loader: 'js',
      };
    });
  },
};

const result = await build({
  entryPoints: [join(root, 'src', 'cli', 'run.ts')],
  outfile,
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  minify: true,
  legalComments: 'eof',
  sourcemap: false,
  metafile: true,
  logLevel: 'warning',
  plugins: [inlineShipped],
  // Some CommonJS dependencies call require() for Node's own modules; give the ESM bundle one.
  banner: {
    js: "#!/usr/bin/env node\nimport { createRequire as __frontlineRequire } from 'node:module';\nconst require = __frontlineRequire(import.meta.url);",
  },
});
// The shipped files are inputs too: a change to geodata/ must rebuild.
const inputs = [...Object.keys(result.metafile.inputs), ...shippedFiles()];
writeFileSync(metafile, JSON.stringify({ inputs }) + '\n');
const bytes = statSync(outfile).size;
process.stderr.write(`built ${relative(process.cwd(), outfile)} (${(bytes / 1024).toFixed(0)} KB)\n`);
