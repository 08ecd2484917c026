// SPDX-License-Identifier: MIT
pragma solidity 0.8.28;

import {AccessControl} from "@openzeppelin/contracts/access/AccessControl.sol";

contract Probe is AccessControl {
    function f(uint256 a) external pure returns (uint256) {
        return a;
    }
}
