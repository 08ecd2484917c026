// SPDX-License-Identifier: MIT
pragma solidity 0.8.28;

import {Hashes} from "@openzeppelin/contracts/utils/cryptography/Hashes.sol";

/// @dev Builds small sorted-pair Merkle trees on-chain for the Solidity tests: layers are built
/// bottom-up, pairing neighbours with OpenZeppelin's commutative hash and carrying an odd node up
/// unchanged. Any such tree verifies with MerkleProof (only sibling hashes matter), so the tests can
/// make results trees for whatever entrants the fuzzer produced.
library MiniMerkle {
    function root(bytes32[] memory leaves) internal pure returns (bytes32) {
        require(leaves.length > 0, "MiniMerkle: no leaves");
        bytes32[] memory layer = leaves;
        while (layer.length > 1) layer = _next(layer);
        return layer[0];
    }

    function proof(bytes32[] memory leaves, uint256 index) internal pure returns (bytes32[] memory path) {
        require(index < leaves.length, "MiniMerkle: index out of range");
        bytes32[] memory siblings = new bytes32[](64);
        uint256 depth = 0;
        bytes32[] memory layer = leaves;
        while (layer.length > 1) {
            uint256 sibling = index ^ 1;
            if (sibling < layer.length) siblings[depth++] = layer[sibling];
            layer = _next(layer);
            index >>= 1;
        }
        path = new bytes32[](depth);
        for (uint256 i = 0; i < depth; ++i) {
            path[i] = siblings[i];
        }
    }

    function _next(bytes32[] memory layer) private pure returns (bytes32[] memory next) {
        next = new bytes32[]((layer.length + 1) / 2);
        for (uint256 i = 0; i < next.length; ++i) {
            uint256 left = 2 * i;
            next[i] = left + 1 < layer.length ? Hashes.commutativeKeccak256(layer[left], layer[left + 1]) : layer[left];
        }
    }
}
