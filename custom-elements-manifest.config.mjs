// The Custom Elements Manifest (custom-elements.json): every element's attributes, properties,
// events, parts, CSS properties and states, read from the source and its JSDoc.
export default {
  globs: ['src/elements/**/*.ts'],
  // jsx.ts is generated from this manifest (scripts/generate-wrappers.mjs) and declares no element.
  exclude: ['src/elements/**/*.styles.ts', 'src/elements/shared/jsx.ts'],
  outdir: 'dist',
  litelement: true,
  dependencies: false,
};
