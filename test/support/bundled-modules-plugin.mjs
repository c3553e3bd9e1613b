// Serves packages that ship CommonJS to the browser tests as ES modules, bundled by esbuild once each:
// the test server's node resolution serves files as they are, which a browser cannot run as modules.
import { build } from 'esbuild';

const served = (specifier) => `/__bundled/${specifier.replace(/[@/]/g, '_')}.js`;

async function bundle(specifier) {
  const result = await build({
    stdin: { contents: `export * from '${specifier}'; export { default } from '${specifier}';`, resolveDir: process.cwd() },
    bundle: true,
    format: 'esm',
    platform: 'browser',
    target: 'es2022',
    write: false,
    logLevel: 'silent',
  });
  return result.outputFiles[0].text;
}

/** `specifiers`: the packages to serve bundled, such as `@walletconnect/sign-client`. */
export function bundledModulesPlugin(specifiers) {
  const bundles = new Map();
  return {
    name: 'bundled-modules',
    resolveImport({ source }) {
      return specifiers.includes(source) ? served(source) : undefined;
    },
    async serve({ path }) {
      const specifier = specifiers.find((name) => served(name) === path);
      if (!specifier) return undefined;
      if (!bundles.has(specifier)) bundles.set(specifier, bundle(specifier));
      return { body: await bundles.get(specifier), type: 'js' };
    },
  };
}
