// A throwaway in-page wallet: a viem private-key account behind an EIP-1193 provider. For the demo
// (when no wallet extension is present) and for the browser tests; never for real funds.
import type { Address, Hex } from 'viem';
import { generatePrivateKey, privateKeyToAccount } from 'viem/accounts';
import type { Eip1193Provider, Eip1193RequestArguments } from '../src/wallet/eip1193.js';

export interface ThrowawayWallet extends Eip1193Provider {
  readonly address: Address;
  /** Switches to another key, as a reader switching accounts in their wallet would. */
  switchAccount(privateKey?: Hex): Address;
}

type Listener = (...args: unknown[]) => void;

export function rpcError(code: number, message: string): Error & { code: number } {
  return Object.assign(new Error(message), { code });
}

/**
 * A wallet holding one fresh (or given) private key. `connected: true` starts it as a wallet that
 * already granted this site its account, so `eth_accounts` answers without a prompt.
 */
export function createThrowawayWallet({
  privateKey = generatePrivateKey(),
  connected = false,
}: { privateKey?: Hex; connected?: boolean } = {}): ThrowawayWallet {
  let account = privateKeyToAccount(privateKey);
  let granted = connected;
  const listeners = new Map<string, Set<Listener>>();
  const announce = (event: string, ...args: unknown[]) => listeners.get(event)?.forEach((listener) => listener(...args));

  return {
    get address() {
      return account.address;
    },
    switchAccount(next = generatePrivateKey()) {
      account = privateKeyToAccount(next);
      if (granted) announce('accountsChanged', [account.address]);
      return account.address;
    },
    async request({ method, params }: Eip1193RequestArguments) {
      switch (method) {
        case 'eth_accounts':
          return granted ? [account.address] : [];
        case 'eth_requestAccounts':
          granted = true;
          return [account.address];
        case 'eth_chainId':
          return '0x1';
        case 'personal_sign': {
          const [data, address] = params as [Hex, string];
          if (!granted || address.toLowerCase() !== account.address.toLowerCase()) {
            throw rpcError(4100, `the throwaway wallet does not hold ${address}`);
          }
          return account.signMessage({ message: { raw: data } });
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
