// A real local chain for the smart-wallet tests (Node tests and the browser tests' server plugin):
// a hardhat 2 node on 127.0.0.1, the test wallet contracts compiled with the npm solc package, and
// ERC-1271 / ERC-6492 wallets owned by plain keys.
import { spawn } from 'node:child_process';
import { readFileSync, readdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { createServer } from 'node:net';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  createPublicClient,
  createWalletClient,
  encodeFunctionData,
  http,
  numberToHex,
  serializeErc6492Signature,
} from 'viem';
import { deployContract, getChainId, readContract, sendTransaction, waitForTransactionReceipt } from 'viem/actions';

const require = createRequire(import.meta.url);
const SUPPORT = dirname(fileURLToPath(import.meta.url));
const CONTRACTS = join(SUPPORT, 'contracts');
const HARDHAT_CONFIG = join(SUPPORT, 'hardhat.config.cjs');
const HARDHAT_CLI = join(dirname(require.resolve('hardhat/package.json')), require('hardhat/package.json').bin.hardhat);
const STARTUP_TIMEOUT_MS = 30_000;
const STOP_GRACE_MS = 3_000;
/** How much of the node's output to keep, to explain a node that would not start. */
const OUTPUT_TAIL_CHARS = 4_000;

let factoryArtifact;

/** The wallet factory's ABI and bytecode, compiled from test/support/contracts once per process. */
function walletFactory() {
  factoryArtifact ??= compileFactory();
  return factoryArtifact;
}

function compileFactory() {
  const solc = require('solc');
  const sources = Object.fromEntries(
    readdirSync(CONTRACTS)
      .filter((file) => file.endsWith('.sol'))
      .map((file) => [file, { content: readFileSync(join(CONTRACTS, file), 'utf8') }]),
  );
  const input = {
    language: 'Solidity',
    sources,
    settings: { outputSelection: { '*': { '*': ['abi', 'evm.bytecode.object'] } } },
  };
  const output = JSON.parse(solc.compile(JSON.stringify(input)));
  const errors = (output.errors ?? []).filter((error) => error.severity === 'error');
  if (errors.length > 0) {
    throw new Error(`the test contracts do not compile with solc ${solc.version()}:\n${errors.map((e) => e.formattedMessage).join('\n')}`);
  }
  const { abi, evm } = output.contracts['OwnerWalletFactory.sol'].OwnerWalletFactory;
  return { abi, bytecode: `0x${evm.bytecode.object}` };
}

/** A TCP port nothing listens on at this moment, on 127.0.0.1. */
export function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

/** Starts `hardhat node` in its own process group, offline and without prompts. */
function startHardhatNode(port) {
  const node = spawn(
    process.execPath,
    [HARDHAT_CLI, 'node', '--config', HARDHAT_CONFIG, '--hostname', '127.0.0.1', '--port', String(port)],
    {
      cwd: SUPPORT,
      detached: true,
      stdio: ['ignore', 'pipe', 'pipe'],
      // CI turns off hardhat's analytics, crash reports and banners, which would go to the network.
      env: { ...process.env, CI: 'true', HARDHAT_DISABLE_TELEMETRY_PROMPT: 'true' },
    },
  );
  // The node logs every request; its output is read (so it never blocks on a full pipe) and its tail kept.
  let output = '';
  const keep = (chunk) => (output = (output + chunk).slice(-OUTPUT_TAIL_CHARS));
  node.stdout.setEncoding('utf8').on('data', keep);
  node.stderr.setEncoding('utf8').on('data', keep);
  const exited = new Promise((resolve) => node.once('exit', resolve));
  const killGroup = (signal) => {
    try {
      process.kill(-node.pid, signal);
    } catch {
      // already gone
    }
  };
  // Should this process end without stopping the chain, the chain ends with it.
  const killOnExit = () => killGroup('SIGKILL');
  process.once('exit', killOnExit);

  return {
    exited,
    output: () => output,
    async stop() {
      process.off('exit', killOnExit);
      if (node.exitCode !== null || node.signalCode !== null) return;
      killGroup('SIGTERM');
      const timer = setTimeout(() => killGroup('SIGKILL'), STOP_GRACE_MS);
      await exited;
      clearTimeout(timer);
    },
  };
}

/** Resolves once the node answers `eth_chainId` through `client`; rejects if it exits or takes too long. */
async function chainAnswers(client, node) {
  let gone = false;
  void node.exited.then(() => (gone = true));
  const deadline = Date.now() + STARTUP_TIMEOUT_MS;
  for (;;) {
    if (gone) throw new Error(`hardhat node exited before answering:\n${node.output()}`);
    if (Date.now() > deadline) throw new Error(`hardhat node did not answer within ${STARTUP_TIMEOUT_MS} ms:\n${node.output()}`);
    try {
      return await getChainId(client);
    } catch {
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }
}

/**
 * Starts a hardhat node on a free 127.0.0.1 port and deploys the wallet factory with the node's
 * first funded account. `stop()` ends the node's whole process group.
 */
export async function startChain() {
  const { abi, bytecode } = walletFactory();
  const url = `http://127.0.0.1:${await freePort()}`;
  const node = startHardhatNode(new URL(url).port);
  try {
    const transport = http(url, { retryCount: 0 });
    const client = createPublicClient({ transport, pollingInterval: 50 });
    await chainAnswers(client, node);
    const [deployer] = await client.request({ method: 'eth_accounts' });
    const wallet = createWalletClient({ account: deployer, transport });
    const mined = (hash) => waitForTransactionReceipt(client, { hash });
    const factory = (await mined(await deployContract(wallet, { abi, bytecode, chain: null }))).contractAddress;
    let salts = 0;

    return {
      url,
      /** A viem public client on the chain, as a server would pass to the verifiers. */
      client,
      /**
       * A new smart-contract wallet of `owner` (an address): deployed now (ERC-1271), or only
       * counterfactual (ERC-6492: its address is known, `factoryData` deploys it through `factory`).
       */
      async smartWallet(owner, { deployed }) {
        const salt = numberToHex(++salts, { size: 32 });
        const factoryData = encodeFunctionData({ abi, functionName: 'deploy', args: [owner, salt] });
        const address = await readContract(client, { address: factory, abi, functionName: 'addressOf', args: [owner, salt] });
        if (deployed) await mined(await sendTransaction(wallet, { to: factory, data: factoryData, chain: null }));
        return { address, deployed, factory, factoryData };
      },
      stop: () => node.stop(),
    };
  } catch (error) {
    await node.stop();
    throw error;
  }
}

/**
 * What a smart wallet answers when asked to sign `text`: its owner's EIP-191 signature (what the
 * wallet's `isValidSignature` checks against `hashMessage(text)`), wrapped for ERC-6492 with the
 * call that deploys the wallet while it is not deployed. `owner` is a viem account; `wallet` comes
 * from `smartWallet`.
 */
export async function smartWalletSignature(owner, wallet, text) {
  const signature = await owner.signMessage({ message: text });
  if (wallet.deployed) return signature;
  return serializeErc6492Signature({ address: wallet.factory, data: wallet.factoryData, signature });
}
