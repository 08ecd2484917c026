// SPDX-License-Identifier: MIT
pragma solidity 0.8.28;

import {PRBTest} from "@prb/test/src/PRBTest.sol";
import {ResultLeaf} from "../src/libraries/ResultLeaf.sol";

/// @dev ResultLeaf.hash is hand-written assembly; here it must equal the plain Solidity definition of
/// OpenZeppelin's StandardMerkleTree leaf, keccak256(bytes.concat(keccak256(abi.encode(...)))).
contract ResultLeafTest is PRBTest {
    function testFuzz_equalsStandardLeafHash(
        uint256 chainId,
        address arena,
        uint256 seasonId,
        uint256 entrantIndex,
        address wallet,
        uint256 rank,
        int256 score,
        uint256 reward
    ) external pure {
        bytes32 expected = keccak256(
            bytes.concat(keccak256(abi.encode(chainId, arena, seasonId, entrantIndex, wallet, rank, score, reward)))
        );
        bytes32 actual = ResultLeaf.hash(chainId, arena, seasonId, entrantIndex, wallet, rank, score, reward);
        require(actual == expected, "ResultLeaf.hash differs from the StandardMerkleTree leaf");
    }

    function testFuzz_leavesMemoryIntact(uint256 seasonId, int256 score) external pure {
        bytes memory before = abi.encode(seasonId, score);
        uint256 freePointer;
        assembly {
            freePointer := mload(0x40)
        }
        ResultLeaf.hash(1, address(1), seasonId, 2, address(2), 3, score, 4);
        uint256 freePointerAfter;
        assembly {
            freePointerAfter := mload(0x40)
        }
        require(freePointerAfter == freePointer, "free memory pointer moved");
        require(keccak256(before) == keccak256(abi.encode(seasonId, score)), "allocated memory changed");
    }
}
