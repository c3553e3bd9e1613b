// The Custom Elements Manifest (dist/custom-elements.json): every element's attributes, properties,
// events, parts, CSS properties and states, read from the source and its JSDoc; then, from it, the
// editors' data (VS Code custom data, JetBrains web-types) beside it in dist/.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { posix } from 'node:path';
import { editorFiles } from './scripts/editor-data.mjs';

const OUTDIR = 'dist';
const EVENTS_MODULE = 'src/elements/shared/events.ts';
const EVENT_DETAILS = 'XmtpEventDetails';
const DEFINE_FUNCTION = 'defineElement';

/** `src/elements/x.ts` (or the analyzer's `/src/elements/x.js`) → `dist/elements/x.js`: what a package user imports. */
const distPath = (path) => path.replace(/^\/?src\/(.*)\.(?:ts|js)$/, `${OUTDIR}/$1.js`);

/**
 * Every `path` and `module` in the manifest, pointed at the built files. A re-export's module is
 * written relative to the module that re-exports it (`../shared/events.js`): it is resolved first.
 */
function pointAtDist(node, from = '') {
  if (Array.isArray(node)) return node.forEach((item) => pointAtDist(item, from));
  if (!node || typeof node !== 'object') return;
  const base = typeof node.path === 'string' ? node.path : from;
  for (const [key, value] of Object.entries(node)) {
    if ((key === 'path' || key === 'module') && typeof value === 'string') {
      node[key] = distPath(value.startsWith('.') ? posix.join(posix.dirname(base), value) : value);
    } else {
      pointAtDist(value, base);
    }
  }
}

/**
 * What the analyzer cannot know by itself: each event's type (its detail, declared once in
 * events.ts's XmtpEventDetails), which module defines which tag (our `defineElement` calls, not a
 * bare `customElements.define`), the string unions behind named types (for the editors' value
 * lists), and `dist/` paths instead of `src/` ones.
 */
function xmtpManifestPlugin() {
  /** event name → its detail type's name. */
  const eventDetails = new Map();
  /** type alias → its string literal members, such as Status → ['idle', …]. */
  const stringUnions = new Map();
  /** { tag, className, path } of every defineElement('xmtp-…', Class) call. */
  const definitions = [];

  return {
    name: 'xmtp-subscribe: event types, tag definitions, dist paths, editor data',
    analyzePhase({ ts, node, moduleDoc }) {
      if (ts.isInterfaceDeclaration(node) && node.name.text === EVENT_DETAILS && moduleDoc.path === EVENTS_MODULE) {
        for (const member of node.members) {
          if (ts.isPropertySignature(member) && member.type) eventDetails.set(member.name.text, member.type.getText());
        }
      }
      if (ts.isTypeAliasDeclaration(node) && ts.isUnionTypeNode(node.type)) {
        const members = node.type.types.map((type) => (ts.isLiteralTypeNode(type) && ts.isStringLiteral(type.literal) ? type.literal.text : undefined));
        if (members.every((member) => member !== undefined)) stringUnions.set(node.name.text, members);
      }
      if (ts.isCallExpression(node) && ts.isIdentifier(node.expression) && node.expression.text === DEFINE_FUNCTION) {
        const [tag, element] = node.arguments;
        if (tag && ts.isStringLiteral(tag) && element && ts.isIdentifier(element)) {
          definitions.push({ tag: tag.text, className: element.text, path: moduleDoc.path });
        }
      }
    },
    packageLinkPhase({ customElementsManifest: manifest }) {
      const classes = manifest.modules.flatMap((module) =>
        (module.declarations ?? []).filter((declaration) => declaration.kind === 'class').map((declaration) => ({ declaration, module })),
      );
      // The analyzer reads `customElements.define(tag, element)` inside defineElement itself as a
      // definition of a tag named "tag"; the real ones are the defineElement calls.
      for (const module of manifest.modules) {
        module.exports = (module.exports ?? []).filter((exported) => exported.kind !== 'custom-element-definition');
      }
      for (const { tag, className, path } of definitions) {
        const found = classes.find(({ declaration }) => declaration.name === className && declaration.customElement);
        if (!found) throw new Error(`${path} defines <${tag}> with ${className}, which the manifest does not know as an element`);
        if (found.declaration.tagName !== tag) {
          throw new Error(`${path} defines <${tag}> with ${className}, whose @tag says <${found.declaration.tagName}>`);
        }
        const definer = manifest.modules.find((module) => module.path === path);
        definer.exports.push({ kind: 'custom-element-definition', name: tag, declaration: { name: className, module: found.module.path } });
      }
      for (const { declaration } of classes) {
        if (!declaration.customElement || !declaration.tagName) continue;
        if (!definitions.some(({ tag }) => tag === declaration.tagName)) {
          throw new Error(`<${declaration.tagName}> (${declaration.name}) is defined by no ${DEFINE_FUNCTION}('${declaration.tagName}', …) call`);
        }
        for (const event of declaration.events ?? []) {
          const detail = eventDetails.get(event.name);
          if (!detail) throw new Error(`${declaration.name} fires ${event.name}, which ${EVENT_DETAILS} in ${EVENTS_MODULE} does not declare`);
          event.type = { text: `CustomEvent<${detail}>` };
        }
      }
      pointAtDist(manifest);

      const pkg = JSON.parse(readFileSync('package.json', 'utf8'));
      mkdirSync(OUTDIR, { recursive: true });
      for (const [file, data] of Object.entries(editorFiles(manifest, { pkg, stringUnions }))) {
        writeFileSync(`${OUTDIR}/${file}`, `${JSON.stringify(data, null, 2)}\n`);
      }
    },
  };
}

export default {
  globs: ['src/elements/**/*.ts'],
  // jsx.ts is generated from this manifest (scripts/generate-wrappers.mjs) and declares no element.
  exclude: ['src/elements/**/*.styles.ts', 'src/elements/shared/jsx.ts'],
  outdir: OUTDIR,
  litelement: true,
  dependencies: false,
  // package.json names the manifest by hand (with the editors' files beside it).
  packagejson: false,
  plugins: [xmtpManifestPlugin()],
};
