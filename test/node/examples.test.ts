// The README's examples that talk to XMTP compile against the real SDK's types (@xmtp/node-sdk, a dev
// dependency), strictly. The XMTP network cannot be reached from here, so they are compiled, never
// run; a probe shows the SDK's types are real, not `any`. skipLibCheck stays on: @xmtp/node-bindings
// 1.10's own index.d.ts does not compile (it names an undeclared `InboxId`).
import assert from 'node:assert/strict';
import { rmSync, writeFileSync } from 'node:fs';
import { after, describe, it } from 'node:test';
import ts from 'typescript';

const EXAMPLE = 'examples/message-subscribers.ts';
const PROBE = 'examples/.sdk-probe.ts';

/** tsc's complaints about `files`, as a Node 22+ project with strict settings would see them. */
function typeErrors(files: string[]): string {
  const program = ts.createProgram({
    rootNames: files,
    options: {
      strict: true,
      skipLibCheck: true,
      noEmit: true,
      target: ts.ScriptTarget.ES2022,
      lib: ['lib.es2022.d.ts'],
      module: ts.ModuleKind.NodeNext,
      moduleResolution: ts.ModuleResolutionKind.NodeNext,
      isolatedModules: true,
      types: ['node'],
    },
  });
  return ts.formatDiagnostics(ts.getPreEmitDiagnostics(program), {
    getCanonicalFileName: (name) => name,
    getCurrentDirectory: () => process.cwd(),
    getNewLine: () => '\n',
  });
}

after(() => rmSync(PROBE, { force: true }));

describe('examples/message-subscribers.ts', () => {
  it('compiles against @xmtp/node-sdk', () => {
    assert.equal(typeErrors([EXAMPLE]), '');
  });

  it('would fail on a method the SDK does not have', () => {
    writeFileSync(
      PROBE,
      "import { Client } from '@xmtp/node-sdk';\nexport const dm = (client: Client) => client.conversations.newDm('0x70997970c51812dc3a010c7d01b50e0d17dc79c8');\n",
    );
    assert.match(typeErrors([PROBE]), /Property 'newDm' does not exist on type 'Conversations/);
  });
});
