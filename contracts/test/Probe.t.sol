// SPDX-License-Identifier: MIT
pragma solidity 0.8.28;

import {Probe} from "../src/Probe.sol";

contract ProbeTest {
    Probe internal probe = new Probe();

    function testFuzz_identity(uint256 a) external view {
        require(probe.f(a) == a, "identity");
    }
}
