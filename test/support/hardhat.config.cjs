// The hardhat 2 node that test/support/chain.mjs starts for the smart-wallet tests: only the local
// chain. Hardhat compiles nothing here (solc does, from test/support/contracts) and fetches nothing.
module.exports = { networks: { hardhat: { chainId: 31337 } } };
