// Serves React to the browser tests as ES modules. React ships CommonJS only, which the test server
// cannot load: esbuild bundles react and react-dom once into one module (one React copy), and
// `react`, `react-dom` and `react-dom/client` resolve to small modules re-exporting its names.
import { build } from 'esbuild';
import { execFileSync } from 'node:child_process';
const BUNDLE = '/__react/bundle.js';
/** The bare specifiers served, and the namespace each is exported as from the bundle. */
const MODULES = { react: 'React', 'react-dom': 'ReactDOM', 'react-dom/client': 'ReactDOMClient' };
const IDENTIFIER = /^[A-Za-z_$][\w$]*$/;

async function bundleReact() {
  const contents = Object.entries(MODULES)
    .map(([specifier, namespace]) => `export * as ${namespace} from '${specifier}';`)
    .join('\n');
  const result = await build({
    stdin: { contents, resolveDir: process.cwd() },
    bundle: true,
    format: 'esm',
    write: false,
    define: { 'process.env.NODE_ENV': '"development"' },
    logLevel: 'silent',
  });
  return result.outputFiles[0].text;
}

/** The module's export names, read in a separate Node process: React's development build patches
 * `console` when loaded, which breaks the test runner's own console if loaded in its process. */
function exportNames(specifier) {
  const script = `console.log(JSON.stringify(Object.keys(require(${JSON.stringify(specifier)}))))`;
  return JSON.parse(execFileSync(process.execPath, ['-e', script], { encoding: 'utf8' }));
}

function reexports(specifier) {
  const names = exportNames(specifier).filter((name) => IDENTIFIER.test(name) && name !== 'default');
  return [
    `import { ${MODULES[specifier]} as module } from '${BUNDLE}';`,
    'export default module;',
    `export const { ${names.join(', ')} } = module;`,
  ].join('\n');
}

export function reactBundlePlugin() {
  let bundle;
  const servedAt = (specifier) => `/__react/${specifier.replace('/', '-')}.js`;
  return {
    name: 'react-bundle',
    resolveImport({ source }) {
      return source in MODULES ? servedAt(source) : undefined;
    },
    async serve({ path }) {
      if (path === BUNDLE) return { body: (bundle ??= await bundleReact()), type: 'js' };
      const specifier = Object.keys(MODULES).find((name) => servedAt(name) === path);
      return specifier ? { body: reexports(specifier), type: 'js' } : undefined;
    },
  };
}
