// Types of chain.mjs, for the TypeScript tests that use the local chain.
import type { Address, Hex, PublicClient } from 'viem';
import type { LocalAccount } from 'viem/accounts';

/** A smart-contract wallet on the local chain, deployed (ERC-1271) or not yet (ERC-6492). */
export interface SmartWallet {
  address: Address;
  deployed: boolean;
  /** The factory, and the call to it that deploys the wallet: what an ERC-6492 signature carries. */
  factory: Address;
  factoryData: Hex;
}

export interface LocalChain {
  url: string;
  client: PublicClient;
  smartWallet(owner: Address, options: { deployed: boolean }): Promise<SmartWallet>;
  stop(): Promise<void>;
}

export declare function startChain(): Promise<LocalChain>;
export declare function freePort(): Promise<number>;
export declare function smartWalletSignature(owner: LocalAccount, wallet: SmartWallet, text: string): Promise<Hex>;
