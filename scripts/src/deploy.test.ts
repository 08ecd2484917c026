import { spawn } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { podiumArenaAbi } from "@podium/contracts/abi";
import { readDeployment } from "@podium/contracts/deployments";
import { deployPodium } from "@podium/contracts/deployPodium";
import { network } from "hardhat";
import { createPublicClient, createWalletClient, getAddress, http, keccak256, toHex } from "viem";
import { privateKeyToAccount } from "viem/accounts";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { deployParametersFromEnvironment } from "./deploy.ts";

// Hardhat's second default account (public test key of every Hardhat/Anvil node, funded at genesis).
const SECOND_KEY = "0x59c6995e998f97a5a0044966f0945389dc9e86dae88c7a8412f4603b6b78690d" as const;

describe("deployPodium against a real JSON-RPC server (Hardhat's, over HTTP)", () => {
  let server: Awaited<ReturnType<typeof network.createServer>>;
  let rpcUrl: string;
  let outDir: string;

  beforeAll(async () => {
    server = await network.createServer("default", "127.0.0.1", 0);
    const { address, port } = await server.listen();
    rpcUrl = `http://${address}:${port}`;
    outDir = mkdtempSync(join(tmpdir(), "podium-deployments-"));
  });
  afterAll(async () => {
    await server.close();
    rmSync(outDir, { recursive: true, force: true });
  });

  it("deploys with the node's unlocked account, gives it every role and writes <chainId>.json", async () => {
    const { deployment, path } = await deployPodium({ rpcUrl, outDir });
    const client = createPublicClient({ transport: http(rpcUrl) });
    const [first] = await createWalletClient({ transport: http(rpcUrl) }).getAddresses();
    const deployer = getAddress(first ?? "0x");
    expect(path).toBe(join(outDir, "31337.json"));
    expect(readDeployment(31_337, { dir: outDir })).toEqual(deployment);
    expect(deployment).toMatchObject({
      chainId: 31_337,
      deployer,
      admin: deployer,
      operator: deployer,
      guardian: deployer,
      treasury: deployer,
      adminDelay: 0,
    });
    const read = (functionName: "treasury" | "PAYOUT_FACTORY" | "defaultAdmin") =>
      client.readContract({ address: deployment.arena, abi: podiumArenaAbi, functionName });
    expect(getAddress(await read("treasury"))).toBe(deployer);
    expect(getAddress(await read("PAYOUT_FACTORY"))).toBe(deployment.payoutFactory);
    expect(getAddress(await read("defaultAdmin"))).toBe(deployer);
    const operatorRole = keccak256(toHex("PODIUM_OPERATOR_ROLE"));
    expect(
      await client.readContract({
        address: deployment.arena,
        abi: podiumArenaAbi,
        functionName: "hasRole",
        args: [operatorRole, deployer],
      }),
    ).toBe(true);
    const code = await client.getCode({ address: deployment.arena });
    expect(deployment.arenaCodeHash).toBe(keccak256(code ?? "0x"));
    // The production build: within the 24,576-byte limit that the unoptimized test build exceeds.
    expect(((code ?? "0x").length - 2) / 2).toBeLessThanOrEqual(24_576);
    const receipt = await client.getTransactionReceipt({ hash: deployment.transactionHash });
    expect(Number(receipt.blockNumber)).toBe(deployment.blockNumber);
  });

  it("deploys with a key from the environment through the CLI, with separate roles", async () => {
    const signer = privateKeyToAccount(SECOND_KEY).address;
    const guardian = "0x00000000000000000000000000000000000000Aa";
    const treasury = "0x00000000000000000000000000000000000000bB";
    // Asynchronous: the JSON-RPC server runs in this process and must keep answering.
    const run = await new Promise<{ status: number | null; stdout: string; stderr: string }>((resolve) => {
      const child = spawn(process.execPath, ["src/deploy.ts", "--rpc-url", rpcUrl, "--out", outDir], {
        cwd: join(import.meta.dirname, ".."),
        env: {
          ...process.env,
          PODIUM_DEPLOYER_KEY: SECOND_KEY,
          PODIUM_OPERATOR: "none",
          PODIUM_GUARDIAN: guardian,
          PODIUM_TREASURY: treasury,
          PODIUM_ADMIN_DELAY: "86400",
        },
      });
      let stdout = "";
      let stderr = "";
      child.stdout.on("data", (chunk) => (stdout += chunk));
      child.stderr.on("data", (chunk) => (stderr += chunk));
      child.on("close", (status) => resolve({ status, stdout, stderr }));
    });
    expect(run.stderr).not.toMatch(/deploy: /);
    expect(run.status).toBe(0);
    expect(run.stdout).toMatch(
      /deploy: PodiumArena 0x[0-9a-fA-F]{40} and SeasonPayoutFactory 0x[0-9a-fA-F]{40} on chain 31337/,
    );
    const written = JSON.parse(readFileSync(join(outDir, "31337.json"), "utf8"));
    expect(written).toMatchObject({
      deployer: signer,
      admin: signer,
      operator: null,
      guardian: getAddress(guardian),
      treasury: getAddress(treasury),
      adminDelay: 86_400,
    });
  });

  it("says what to do when no node answers", async () => {
    await expect(deployPodium({ rpcUrl: "http://127.0.0.1:9", outDir })).rejects.toThrow(
      /Cannot reach the JSON-RPC node at http:\/\/127\.0\.0\.1:9[\s\S]*Hint: Start a local node with `npm run chain`/,
    );
  });

  it("refuses a malformed key before sending anything", async () => {
    await expect(deployPodium({ rpcUrl, outDir, deployerKey: "0x1234" })).rejects.toThrow(
      /PODIUM_DEPLOYER_KEY is not a private key/,
    );
  });
});

describe("deployParametersFromEnvironment", () => {
  it("defaults to the local node and reads every PODIUM_* variable", () => {
    expect(deployParametersFromEnvironment([], {})).toEqual({ rpcUrl: "http://127.0.0.1:8545" });
    const admin = "0x1000000000000000000000000000000000000001";
    expect(
      deployParametersFromEnvironment(["--out", "/tmp/x"], {
        PODIUM_RPC_URL: "https://rpc.example",
        PODIUM_ADMIN: admin,
        PODIUM_GUARDIAN: "none",
        PODIUM_ADMIN_DELAY: "60",
      }),
    ).toEqual({
      rpcUrl: "https://rpc.example",
      outDir: "/tmp/x",
      admin: getAddress(admin),
      guardian: null,
      adminDelay: 60,
    });
  });

  it("explains bad values", () => {
    expect(() => deployParametersFromEnvironment([], { PODIUM_TREASURY: "treasury" })).toThrow(
      /PODIUM_TREASURY is not an address: treasury/,
    );
    expect(() => deployParametersFromEnvironment([], { PODIUM_ADMIN_DELAY: "1.5" })).toThrow(
      /PODIUM_ADMIN_DELAY is not a whole number/,
    );
    expect(() => deployParametersFromEnvironment(["--rpc-url"], {})).toThrow(/--rpc-url needs a value/);
  });
});
