import assert from "node:assert/strict";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, describe, it } from "node:test";
import {
  DEFAULT_DEPLOYMENTS_DIR,
  DeploymentNotFoundError,
  deploymentPath,
  InvalidDeploymentError,
  type PodiumDeployment,
  parseDeployment,
  readDeployment,
  writeDeployment,
} from "../ts/deployments.ts";

const dir = mkdtempSync(join(tmpdir(), "podium-deployments-test-"));
after(() => rmSync(dir, { recursive: true, force: true }));

const deployment: PodiumDeployment = {
  chainId: 8453,
  arena: "0x5FbDB2315678afecb367f032d93F642f64180aa3",
  payoutFactory: "0xe7f1725E7734CE288F8367e1Bb143E90bb3F0512",
  blockNumber: 12_345,
  transactionHash: `0x${"ab".repeat(32)}`,
  arenaCodeHash: `0x${"cd".repeat(32)}`,
  deployer: "0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266",
  admin: "0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266",
  adminDelay: 259_200,
  operator: "0x70997970C51812dc3A010C7d01b50e0d17dc79C8",
  guardian: null,
  treasury: "0x3C44CdDdB6a900fa2b585dd299e03d12FA4293BC",
};

describe("contracts/ts/deployments", () => {
  it("writes <chainId>.json and reads it back", () => {
    const path = writeDeployment(deployment, { dir });
    assert.equal(path, join(dir, "8453.json"));
    assert.deepEqual(readDeployment(8453, { dir }), deployment);
    assert.equal(deploymentPath(1), join(DEFAULT_DEPLOYMENTS_DIR, "1.json"));
  });

  it("checksums lower-case addresses", () => {
    const parsed = parseDeployment({ ...deployment, arena: deployment.arena.toLowerCase() });
    assert.equal(parsed.arena, deployment.arena);
  });

  it("says how to deploy when there is no file for the chain", () => {
    assert.throws(
      () => readDeployment(999, { dir }),
      (error: unknown) =>
        error instanceof DeploymentNotFoundError &&
        error.shortMessage === "No Podium deployment for chain 999" &&
        /npm run deploy/.test(error.hint ?? ""),
    );
  });

  it("names the bad field of a damaged file", () => {
    const cases: Array<[unknown, RegExp]> = [
      [null, /not a JSON object/],
      [{ ...deployment, chainId: -1 }, /chainId must be a non-negative integer, got -1/],
      [{ ...deployment, arena: "0x1234" }, /arena must be an address, got "0x1234"/],
      [{ ...deployment, transactionHash: "0xabc" }, /transactionHash must be a 32-byte hex string/],
      [{ ...deployment, guardian: 7 }, /guardian must be an address, got 7/],
    ];
    for (const [json, message] of cases) {
      assert.throws(
        () => parseDeployment(json, "test.json"),
        (error: unknown) => error instanceof InvalidDeploymentError && message.test(error.message),
      );
    }
  });

  it("refuses a file that is not JSON, or is for another chain", () => {
    writeFileSync(join(dir, "1.json"), "{ not json");
    assert.throws(() => readDeployment(1, { dir }), /not valid JSON/);
    writeFileSync(join(dir, "2.json"), JSON.stringify(deployment));
    assert.throws(() => readDeployment(2, { dir }), /it is for chain 8453, not 2/);
  });
});
