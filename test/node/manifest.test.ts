// dist/custom-elements.json tells the truth about every element, checked against what does not come
// from the manifest: the attributes the element class observes at run time, the tag each class is
// registered under, the events its modules emit, the parts its templates write and the custom
// properties its styles read (both from the sources every element's module imports), and the event
// detail types of events.ts. The editors' files list the same.
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, normalize } from 'node:path';
import { describe, it } from 'node:test';
import ts from 'typescript';

interface Named {
  name: string;
  type?: { text: string };
}
interface Declaration {
  name: string;
  kind: string;
  tagName?: string;
  customElement?: boolean;
  attributes?: Named[];
  events?: Named[];
  cssParts?: Named[];
  cssProperties?: Named[];
}
interface Module {
  path: string;
  declarations?: Declaration[];
  exports?: { kind: string; name: string; declaration: { name: string; module: string } }[];
}


const manifest = JSON.parse(readFileSync('dist/custom-elements.json', 'utf8')) as { modules: Module[] };
const elements = manifest.modules.flatMap((module) =>
  (module.declarations ?? []).filter((declaration) => declaration.customElement && declaration.tagName).map((declaration) => ({ declaration, module })),
);
/** The build's main entry, which defines every tag (a variable, so the type check before the build does not look for it). */
const ALL_ELEMENTS = '../../dist/index.js';
const names = (list: Named[] = []) => [...new Set(list.map(({ name }) => name))].sort();
const sourceOf = (distPath: string) => distPath.replace(/^dist\/(.*)\.js$/, 'src/$1.ts');

/** A source file and every source file it imports, transitively (type-only imports too: they are templates' helpers' types). */
function importClosure(entry: string): string[] {
  const seen = new Set<string>();
  const visit = (file: string) => {
    if (seen.has(file)) return;
    seen.add(file);
    const source = ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.ES2022, true);
    for (const statement of source.statements) {
      const specifier = (ts.isImportDeclaration(statement) || ts.isExportDeclaration(statement)) && statement.moduleSpecifier;
      if (specifier && ts.isStringLiteral(specifier) && specifier.text.startsWith('.')) {
        const target = normalize(join(dirname(file), specifier.text.replace(/\.js$/, '.ts')));
        if (existsSync(target)) visit(target);
      }
    }
  };
  visit(entry);
  return [...seen];
}

/** Every node of a source file. */
function* nodesOf(source: ts.SourceFile): Generator<ts.Node> {
  const stack: ts.Node[] = [source];
  while (stack.length > 0) {
    const node = stack.pop()!;
    yield node;
    stack.push(...node.getChildren(source));
  }
}

/** The `${expression}` right after a piece of template text (a span's literal is followed by the next span's expression). */
function expressionAfter(text: ts.Node): ts.Expression | undefined {
  if (ts.isTemplateHead(text)) return (text.parent as ts.TemplateExpression).templateSpans[0]?.expression;
  const span = text.parent as ts.TemplateSpan;
  const spans = (span.parent as ts.TemplateExpression).templateSpans;
  return spans[spans.indexOf(span) + 1]?.expression;
}

/** The string literals an expression can produce (conditionals, defaults and plain literals). */
function literalsIn(node: ts.Node): string[] {
  if (ts.isStringLiteralLike(node)) return [node.text];
  return node.getChildren().flatMap(literalsIn);
}

/**
 * What the sources write and emit: `part="…"` in templates, and for `part=${name}` every literal the
 * name can hold (its initializer, its parameter default, and the matching argument of every call of
 * a function with a parameter so named); the `emit(…, 'xmtp-…')` calls; `var(--xmtp-…)` in styles.
 */
function readSources(files: string[]) {
  const parts = new Set<string>();
  const events = new Set<string>();
  const cssProperties = new Set<string>();
  const boundNames = new Set<string>();
  const parameterValues = new Map<string, string[]>(); // `function#index` or a binding name → literals
  const calls: ts.CallExpression[] = [];
  for (const file of files) {
    const text = readFileSync(file, 'utf8');
    for (const match of text.matchAll(/var\(\s*(--xmtp-[a-z0-9-]+)/g)) cssProperties.add(match[1]!);
    const source = ts.createSourceFile(file, text, ts.ScriptTarget.ES2022, true);
    for (const node of nodesOf(source)) {
      if (ts.isNoSubstitutionTemplateLiteral(node) || ts.isTemplateHead(node) || ts.isTemplateMiddle(node) || ts.isTemplateTail(node)) {
        for (const match of node.text.matchAll(/\spart="([^"]*)"/g)) match[1]!.split(/\s+/).filter(Boolean).forEach((part) => parts.add(part));
        if (/\spart=$/.test(node.text)) {
          const expression = expressionAfter(node);
          if (expression && ts.isIdentifier(expression)) boundNames.add(expression.text);
          else if (expression) literalsIn(expression).forEach((value) => parts.add(value));
        }
      }
      if (ts.isCallExpression(node)) {
        calls.push(node);
        const [, name] = node.arguments;
        if (ts.isIdentifier(node.expression) && node.expression.text === 'emit' && name && ts.isStringLiteral(name)) events.add(name.text);
      }
      // `const parts = cond ? 'a b' : 'a'` and `{ part = 'value' }` / `part = 'value'` defaults.
      if ((ts.isVariableDeclaration(node) || ts.isBindingElement(node) || ts.isParameter(node)) && ts.isIdentifier(node.name) && node.initializer) {
        parameterValues.set(node.name.text, [...(parameterValues.get(node.name.text) ?? []), ...literalsIn(node.initializer)]);
      }
      if ((ts.isFunctionDeclaration(node) || ts.isMethodDeclaration(node)) && node.name && ts.isIdentifier(node.name)) {
        node.parameters.forEach((parameter, index) => {
          if (ts.isIdentifier(parameter.name)) parameterValues.set(`${(node.name as ts.Identifier).text}#${index}`, [parameter.name.text]);
        });
      }
    }
  }
  for (const name of boundNames) (parameterValues.get(name) ?? []).forEach((value) => parts.add(value));
  // Arguments passed where a function takes a parameter whose value is bound as a part.
  for (const call of calls) {
    const callee = ts.isPropertyAccessExpression(call.expression) ? call.expression.name.text : ts.isIdentifier(call.expression) ? call.expression.text : '';
    call.arguments.forEach((argument, index) => {
      const parameter = parameterValues.get(`${callee}#${index}`)?.[0];
      if (parameter && boundNames.has(parameter)) literalsIn(argument).forEach((value) => parts.add(value));
    });
  }
  const tokens = (values: Iterable<string>) => [...new Set([...values].flatMap((value) => value.split(/\s+/)).filter(Boolean))].sort();
  return { parts: tokens(parts), events: [...events].sort(), cssProperties: [...cssProperties].sort() };
}

/** XmtpEventDetails in events.ts: event name → detail type name. */
function eventDetails(): Map<string, string> {
  const file = 'src/elements/shared/events.ts';
  const source = ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.ES2022, true);
  const details = source.statements.find((statement): statement is ts.InterfaceDeclaration => ts.isInterfaceDeclaration(statement) && statement.name.text === 'XmtpEventDetails');
  assert.ok(details, `${file} declares XmtpEventDetails`);
  return new Map(details.members.filter(ts.isPropertySignature).map((member) => [(member.name as ts.StringLiteral).text, member.type!.getText(source)]));
}

describe('dist/custom-elements.json', () => {
  it('lists the four elements, each with a tag', () => {
    assert.deepEqual(elements.map(({ declaration }) => declaration.tagName).sort(), ['xmtp-link-address', 'xmtp-signature-request', 'xmtp-subscribe', 'xmtp-unlink-address']);
  });

  it('names only dist/ files, each of which exists', () => {
    const paths = JSON.stringify(manifest).match(/"(?:path|module)":\s*"[^"]*"/g) ?? [];
    const files = paths.map((entry) => entry.replace(/^"(?:path|module)":\s*"|"$/g, ''));
    assert.ok(files.length > 20);
    assert.deepEqual(files.filter((file) => !file.startsWith('dist/') || !existsSync(file)), []);
  });

  it('defines each tag with the class the registry has for it, exported by the defining module', async () => {
    await import(ALL_ELEMENTS);
    const definitions = manifest.modules.flatMap((module) => (module.exports ?? []).filter(({ kind }) => kind === 'custom-element-definition').map((exported) => ({ exported, module })));
    assert.deepEqual(definitions.map(({ exported }) => exported.name).sort(), elements.map(({ declaration }) => declaration.tagName).sort());
    for (const { exported, module } of definitions) {
      const registered = customElements.get(exported.name);
      assert.ok(registered, `<${exported.name}> is registered`);
      const definer = (await import(`../../${module.path}`)) as Record<string, unknown>;
      const declaring = (await import(`../../${exported.declaration.module}`)) as Record<string, unknown>;
      assert.equal(definer[exported.declaration.name], registered, `${module.path} exports the class of <${exported.name}>`);
      assert.equal(declaring[exported.declaration.name], registered, `${exported.declaration.module} declares it`);
    }
  });

  for (const { declaration, module } of elements) {
    describe(`<${declaration.tagName}>`, () => {
      const sources = readSources(importClosure(sourceOf(module.path)));

      it('lists every attribute the class observes, and no other', async () => {
        const exported = (await import(`../../${module.path}`)) as Record<string, { observedAttributes: string[] }>;
        assert.deepEqual(names(declaration.attributes), [...exported[declaration.name]!.observedAttributes].sort());
      });

      it('lists every event its modules emit, typed with its detail from events.ts', () => {
        assert.deepEqual(names(declaration.events), sources.events);
        const details = eventDetails();
        for (const event of declaration.events ?? []) assert.equal(event.type?.text, `CustomEvent<${details.get(event.name)}>`, event.name);
      });


      it('lists every part its templates write, and no other', () => {
        assert.ok(sources.parts.length > 10, `found parts: ${sources.parts.join(', ')}`);
        assert.deepEqual(names(declaration.cssParts), sources.parts);
      });

      it('lists every --xmtp- custom property its styles read, and no other', () => {
        assert.ok(sources.cssProperties.length > 5);
        assert.deepEqual(names(declaration.cssProperties), sources.cssProperties);
      });
    });
  }
});

describe("the editors' data", () => {
  const vscode = JSON.parse(readFileSync('dist/vscode.html-custom-data.json', 'utf8')) as { tags: { name: string; attributes: { name: string }[] }[] };
  const webTypes = JSON.parse(readFileSync('dist/web-types.json', 'utf8')) as {
    contributions: { html: { elements: { name: string; attributes: Named[]; js: { events: Named[] }; css: { parts: Named[] } }[] } };
  };

  it('gives VS Code and JetBrains every tag with the manifest’s attributes, events and parts', () => {
    for (const { declaration } of elements) {
      const tag = vscode.tags.find(({ name }) => name === declaration.tagName);
      assert.deepEqual(names(tag?.attributes), names(declaration.attributes), `VS Code: <${declaration.tagName}>`);
      const element = webTypes.contributions.html.elements.find(({ name }) => name === declaration.tagName);
      assert.deepEqual(names(element?.attributes), names(declaration.attributes), `web-types: <${declaration.tagName}>`);
      assert.deepEqual(names(element?.js.events), names(declaration.events));
      assert.deepEqual(names(element?.css.parts), names(declaration.cssParts));
    }
  });

  it('offers the values of union-typed attributes (theme, status)', () => {
    const subscribe = vscode.tags.find(({ name }) => name === 'xmtp-subscribe') as unknown as { attributes: { name: string; values?: { name: string }[] }[] };
    const values = (attribute: string) => subscribe.attributes.find(({ name }) => name === attribute)?.values?.map(({ name }) => name);
    assert.deepEqual(values('theme'), ['light', 'dark', 'auto']);
    assert.ok(values('status')?.includes('signing'));
  });
});
