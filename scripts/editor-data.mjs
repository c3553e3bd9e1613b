// The editors' data, made from the Custom Elements Manifest so editors learn the tags from the same
// source as everything else: VS Code's HTML and CSS custom data (completion and hover for the tags,
// attributes, parts and custom properties) and JetBrains web-types. The manifest's config
// (custom-elements-manifest.config.mjs) writes them into dist/ beside custom-elements.json.

export const VSCODE_HTML = 'vscode.html-custom-data.json';
export const VSCODE_CSS = 'vscode.css-custom-data.json';
export const WEB_TYPES = 'web-types.json';

/** The manifest's elements (the declarations with a tag), in tag order, each with the module that defines its tag. */
export function taggedElements(manifest) {
  const definers = new Map(
    manifest.modules.flatMap((module) =>
      (module.exports ?? []).filter((exported) => exported.kind === 'custom-element-definition').map((exported) => [exported.name, module.path]),
    ),
  );
  return manifest.modules
    .flatMap((module) => module.declarations ?? [])
    .filter((declaration) => declaration.customElement && declaration.tagName)
    .map((declaration) => ({ ...declaration, definer: definers.get(declaration.tagName) }))
    .sort((a, b) => a.tagName.localeCompare(b.tagName));
}

/** The import specifier whose `exports` entry is `path` (`dist/elements/…/xmtp-subscribe.js` → `xmtp-subscribe/subscribe`). */
function specifierOf(pkg, path) {
  const entry = Object.entries(pkg.exports ?? {}).find(([, target]) => (typeof target === 'string' ? target : target.default) === `./${path}`);
  return entry && `${pkg.name}${entry[0].slice(1)}`;
}

/**
 * The values an attribute takes, when its type says: the string literals of a union such as
 * `'light' | 'dark' | undefined`, or of a named union (`Status`) listed in `stringUnions`.
 */
export function attributeValues(typeText = '', stringUnions = new Map()) {
  const members = typeText.split('|').map((member) => member.trim()).filter((member) => member && member !== 'undefined');
  if (members.length === 1 && stringUnions.has(members[0])) return stringUnions.get(members[0]);
  return members.every((member) => /^'[^']*'$/.test(member)) && members.length > 0 ? members.map((member) => member.slice(1, -1)) : undefined;
}

const oneLine = (text = '') => text.replace(/\s+/g, ' ').trim();
const publicFields = (element) =>
  (element.members ?? []).filter((member) => member.kind === 'field' && !member.static && (member.privacy ?? 'public') === 'public');

/** The markdown an editor shows on hovering the tag: what it is, how to load it, its events, parts and custom properties. */
function tagDocs(element, pkg) {
  const specifier = specifierOf(pkg, element.definer);
  const list = (title, items, name) => (items?.length ? `**${title}**: ${items.map((item) => `\`${name(item)}\``).join(', ')}` : '');
  return [
    element.summary ?? oneLine(element.description),
    specifier ? `\`import '${specifier}';\`` : '',
    list('Events', element.events, (event) => event.name),
    list('Parts', element.cssParts, (part) => `::part(${part.name})`),
    list('Custom properties', element.cssProperties, (property) => property.name),
  ]
    .filter(Boolean)
    .join('\n\n');
}

/** VS Code's HTML custom data (`html.customData`): each tag, its attributes and their values. */
export function vscodeHtmlData(manifest, { pkg, stringUnions }) {
  return {
    version: 1.1,
    tags: taggedElements(manifest).map((element) => ({
      name: element.tagName,
      description: { kind: 'markdown', value: tagDocs(element, pkg) },
      attributes: (element.attributes ?? []).map((attribute) => {
        const values = attributeValues(attribute.type?.text, stringUnions);
        return {
          name: attribute.name,
          description: { kind: 'markdown', value: attribute.description ?? '' },
          ...(values ? { values: values.map((name) => ({ name })) } : {}),
          ...(attribute.type?.text === 'boolean' ? { valueSet: 'v' } : {}),
        };
      }),
      references: [],
    })),
  };
}

/** Entries named once across every element, each saying which elements have it. */
function acrossElements(elements, listOf) {
  const byName = new Map();
  for (const element of elements) {
    for (const item of listOf(element) ?? []) {
      const entry = byName.get(item.name) ?? { name: item.name, description: item.description ?? '', tags: [] };
      entry.tags.push(element.tagName);
      byName.set(item.name, entry);
    }
  }
  return [...byName.values()].map(({ name, description, tags }) => ({ name, description: `${description} (${tags.map((tag) => `<${tag}>`).join(', ')})` }));
}

/** VS Code's CSS custom data (`css.customData`): the custom properties and the `::part()`s. */
export function vscodeCssData(manifest) {
  const elements = taggedElements(manifest);
  return {
    version: 1.1,
    properties: acrossElements(elements, (element) => element.cssProperties),
    pseudoElements: acrossElements(elements, (element) => element.cssParts).map(({ name, description }) => ({ name: `::part(${name})`, description })),
  };
}

/** JetBrains web-types (named by package.json's `web-types`): tags, attributes, properties, events, parts, custom properties. */
export function webTypes(manifest, { pkg, stringUnions }) {
  const elements = taggedElements(manifest);
  return {
    $schema: 'https://json.schemastore.org/web-types',
    name: pkg.name,
    version: pkg.version,
    'description-markup': 'markdown',
    'js-types-syntax': 'typescript',
    contributions: {
      html: {
        elements: elements.map((element) => ({
          name: element.tagName,
          description: tagDocs(element, pkg),
          source: { module: specifierOf(pkg, element.definer) ?? pkg.name, symbol: element.name },
          attributes: (element.attributes ?? []).map((attribute) => {
            const values = attributeValues(attribute.type?.text, stringUnions);
            return {
              name: attribute.name,
              description: attribute.description ?? '',
              value: values
                ? { kind: 'plain', type: values.map((value) => `'${value}'`).join(' | ') }
                : { kind: attribute.type?.text === 'boolean' ? 'no-value' : 'plain', type: attribute.type?.text ?? 'string' },
            };
          }),
          js: {
            properties: publicFields(element).map((field) => ({ name: field.name, description: field.description ?? '', type: field.type?.text })),
            events: (element.events ?? []).map((event) => ({ name: event.name, description: event.description ?? '', type: event.type?.text })),
          },
          css: {
            parts: (element.cssParts ?? []).map(({ name, description }) => ({ name, description: description ?? '' })),
            properties: (element.cssProperties ?? []).map(({ name, description }) => ({ name, description: description ?? '' })),
          },
        })),
      },
      css: {
        properties: acrossElements(elements, (element) => element.cssProperties),
        'pseudo-elements': acrossElements(elements, (element) => element.cssParts).map(({ name, description }) => ({ name: `part(${name})`, description })),
      },
    },
  };
}

/** Every editor file, by name, for dist/. */
export function editorFiles(manifest, options) {
  return {
    [VSCODE_HTML]: vscodeHtmlData(manifest, options),
    [VSCODE_CSS]: vscodeCssData(manifest),
    [WEB_TYPES]: webTypes(manifest, options),
  };
}
