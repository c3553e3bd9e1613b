// A throwaway in-page wallet: a viem private-key account behind an EIP-1193 provider, optionally
// acting as a smart-contract wallet that key owns. For the demo (when no wallet extension is
// present) and for the browser tests; never for real funds.
import type { Address, Hex } from 'viem';
import { generatePrivateKey, privateKeyToAccount } from 'viem/accounts';
import type { Eip1193Provider, Eip1193RequestArguments } from '../src/wallet/eip1193.js';

export interface ThrowawayWallet extends Eip1193Provider {
  readonly address: Address;
  /** Switches to another key, as a reader switching accounts in their wallet would. */
  switchAccount(privateKey?: Hex): Address;
}

/** A smart-contract wallet owned by the throwaway key, as a smart-wallet provider presents it. */
export interface SmartWalletAccount {
  /** The contract wallet's address: the only account the provider shows. */
  address: Address;
  /** Wraps each of the owner's signatures, as a wallet not yet deployed does for ERC-6492. */
  wrap?: (signature: Hex) => Hex;
}

type Listener = (...args: unknown[]) => void;

export function rpcError(code: number, message: string): Error & { code: number } {
  return Object.assign(new Error(message), { code });
}

/**
 * A wallet holding one fresh (or given) private key. `connected: true` starts it as a wallet that
 * already granted this site its account, so `eth_accounts` answers without a prompt. With
 * `smartWallet`, it shows that contract wallet's address and answers `personal_sign` with the
 * key's signature (wrapped when `wrap` is given), which the wallet's ERC-1271 check accepts.
 */
export function createThrowawayWallet({
  privateKey = generatePrivateKey(),
  connected = false,
  smartWallet,
}: { privateKey?: Hex; connected?: boolean; smartWallet?: SmartWalletAccount } = {}): ThrowawayWallet {
  let account = privateKeyToAccount(privateKey);
  const shownAddress = () => smartWallet?.address ?? account.address;
  let granted = connected;
  const listeners = new Map<string, Set<Listener>>();
  const announce = (event: string, ...args: unknown[]) => listeners.get(event)?.forEach((listener) => listener(...args));

  return {
    get address() {
      return shownAddress();
    },
    switchAccount(next = generatePrivateKey()) {
      account = privateKeyToAccount(next);
      if (granted) announce('accountsChanged', [shownAddress()]);
      return shownAddress();
    },
    async request({ method, params }: Eip1193RequestArguments) {
      switch (method) {
        case 'eth_accounts':
          return granted ? [shownAddress()] : [];
        case 'eth_requestAccounts':
          granted = true;
          return [shownAddress()];
        case 'eth_chainId':
          return '0x1';
        case 'personal_sign': {
          const [data, address] = params as [Hex, string];
          if (!granted || address.toLowerCase() !== shownAddress().toLowerCase()) {
            throw rpcError(4100, `the throwaway wallet does not hold ${address}`);
          }
          const signature = await account.signMessage({ message: { raw: data } });
          return smartWallet?.wrap?.(signature) ?? signature;
        }
        default:
          throw rpcError(4200, `the throwaway wallet does not support ${method}`);
      }
    },
    on(event: string, listener: Listener) {
      if (!listeners.has(event)) listeners.set(event, new Set());
      listeners.get(event)!.add(listener);
    },
    removeListener(event: string, listener: Listener) {
      listeners.get(event)?.delete(listener);
    },
  };
}
