// SPDX-License-Identifier: MIT
pragma solidity 0.8.28;

// Gas baseline only, never deployed by Podium: the plainest claim OpenZeppelin 5 allows, with the
// root and the token immutable (no storage read for either), a StandardMerkleTree leaf
// (double-hashed abi.encode(index, account, amount)), MerkleProof.verifyCalldata, BitMaps and SafeERC20.
// PodiumArena's claim pays extra storage reads that this single-drop contract does not.

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {SafeERC20} from "@openzeppelin/contracts/token/ERC20/utils/SafeERC20.sol";
import {MerkleProof} from "@openzeppelin/contracts/utils/cryptography/MerkleProof.sol";
import {BitMaps} from "@openzeppelin/contracts/utils/structs/BitMaps.sol";

contract BareMerkleClaim {
    using SafeERC20 for IERC20;
    using BitMaps for BitMaps.BitMap;

    error AlreadyClaimed(uint256 index);
    error InvalidProof();

    event Claimed(uint256 index, address account, uint256 amount);

    IERC20 public immutable token;
    bytes32 public immutable merkleRoot;
    BitMaps.BitMap private _claimed;

    constructor(IERC20 token_, bytes32 merkleRoot_) {
        token = token_;
        merkleRoot = merkleRoot_;
    }

    function isClaimed(uint256 index) external view returns (bool) {
        return _claimed.get(index);
    }

    function claim(uint256 index, address account, uint256 amount, bytes32[] calldata proof) external {
        if (_claimed.get(index)) revert AlreadyClaimed(index);
        bytes32 leaf = keccak256(bytes.concat(keccak256(abi.encode(index, account, amount))));
        if (!MerkleProof.verifyCalldata(proof, merkleRoot, leaf)) revert InvalidProof();
        _claimed.set(index);
        token.safeTransfer(account, amount);
        emit Claimed(index, account, amount);
    }
}
