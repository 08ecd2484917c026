import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { network } from "hardhat";

describe("Probe", async () => {
  const { viem } = await network.create();
  it("returns its input", async () => {
    const probe = await viem.deployContract("Probe");
    assert.equal(await probe.read.f([7n]), 7n);
  });
});
