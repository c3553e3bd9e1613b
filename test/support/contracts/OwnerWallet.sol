// SPDX-License-Identifier: MIT
pragma solidity ^0.8.20;

/// A minimal ERC-1271 smart-contract wallet for the tests: a signature is valid when its owner's
/// key made it over the hash asked about.
contract OwnerWallet {
    bytes4 private constant ERC1271_MAGIC_VALUE = 0x1626ba7e;
    bytes4 private constant INVALID = 0xffffffff;

    address public immutable owner;

    constructor(address owner_) {
        owner = owner_;
    }

    function isValidSignature(bytes32 hash, bytes calldata signature) external view returns (bytes4) {
        if (signature.length != 65) return INVALID;
        uint8 v = uint8(signature[64]);
        if (v < 27) v += 27;
        address signer = ecrecover(hash, v, bytes32(signature[0:32]), bytes32(signature[32:64]));
        return signer != address(0) && signer == owner ? ERC1271_MAGIC_VALUE : INVALID;
    }
}
