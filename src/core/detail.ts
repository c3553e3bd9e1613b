// Whether errors carry their full message for developers. The browser bundles are built with
// `false` (rollup.config.mjs), where a parser's `reason` slug says enough and every byte counts;
// the npm build and the server keep every word.
export const DETAILED: boolean = true;
