// node --import ./scripts/bench-without-native.mjs …: the package secp256k1 cannot be found, as in an
// install without the optional peer, so the benchmark can measure the pure-JS fallback in the same tree.
import { register } from 'node:module';

const hook = `export async function resolve(specifier, context, next) {
  if (specifier === 'secp256k1' || specifier.startsWith('secp256k1/')) {
    throw Object.assign(new Error("Cannot find package 'secp256k1' (hidden by the benchmark)"), { code: 'ERR_MODULE_NOT_FOUND' });
  }
  return next(specifier, context);
}`;
register(`data:text/javascript,${encodeURIComponent(hook)}`);
