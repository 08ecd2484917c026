// SPDX-License-Identifier: MIT
pragma solidity 0.8.28;

/// @title The result leaf of a season's results tree.
/// @notice A leaf is the @openzeppelin/merkle-tree StandardMerkleTree hash of the values
/// `[chainId, arena, seasonId, entrantIndex, wallet, rank, score, reward]` with the types
/// `["uint256", "address", "uint256", "uint256", "address", "uint256", "int256", "uint256"]`:
/// `keccak256(bytes.concat(keccak256(abi.encode(...))))`. The chain id, the arena address and the
/// season id are a domain separator: a proof never verifies for another chain, arena or season.
/// Only static types, so the encoding is eight 32-byte words and costs no allocation.
library ResultLeaf {
    function hash(
        uint256 chainId,
        address arena,
        uint256 seasonId,
        uint256 entrantIndex,
        address wallet,
        uint256 rank,
        int256 score,
        uint256 reward
    ) internal pure returns (bytes32 leaf) {
        // Equal to keccak256(bytes.concat(keccak256(abi.encode(chainId, arena, ...)))) (checked by
        // ResultLeaf.t.sol), written out because the claim path is gas-bound: the words go to free
        // memory without moving the free memory pointer, the inner hash to scratch space.
        assembly ("memory-safe") {
            let m := mload(0x40)
            mstore(m, chainId)
            mstore(add(m, 0x20), and(arena, 0xffffffffffffffffffffffffffffffffffffffff))
            mstore(add(m, 0x40), seasonId)
            mstore(add(m, 0x60), entrantIndex)
            mstore(add(m, 0x80), and(wallet, 0xffffffffffffffffffffffffffffffffffffffff))
            mstore(add(m, 0xa0), rank)
            mstore(add(m, 0xc0), score)
            mstore(add(m, 0xe0), reward)
            mstore(0x00, keccak256(m, 0x100))
            leaf := keccak256(0x00, 0x20)
        }
    }
}
