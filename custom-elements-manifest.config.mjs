// The Custom Elements Manifest (custom-elements.json): every element's attributes, properties,
// events, parts, CSS properties and states, read from the source and its JSDoc.
export default {
  globs: ['src/elements/**/*.ts'],
  exclude: ['src/elements/**/*.styles.ts'],
  outdir: 'dist',
  litelement: true,
  dependencies: false,
};
