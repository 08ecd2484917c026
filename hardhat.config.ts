import { readdirSync } from "node:fs";
import { createRequire } from "node:module";
import { join } from "node:path";
import hardhatNetworkHelpers from "@nomicfoundation/hardhat-network-helpers";
import hardhatNodeTestRunner from "@nomicfoundation/hardhat-node-test-runner";
import hardhatViem from "@nomicfoundation/hardhat-viem";
import hardhatViemAssertions from "@nomicfoundation/hardhat-viem-assertions";
import { configVariable, defineConfig, overrideTask } from "hardhat/config";

// solc comes from the `solc` npm package (these machines cannot download compilers). Its version is
// read from the package itself so that the label on every artifact matches the compiler that ran.
const require = createRequire(import.meta.url);
const solc = {
  version: (require("solc/package.json") as { version: string }).version,
  path: require.resolve("solc/soljson.js"),
} as const;

const outputSelection = {
  "*": { "*": ["abi", "evm.bytecode", "evm.deployedBytecode", "evm.methodIdentifiers", "metadata"] },
};

// The node:test runner takes every .ts/.js file under paths.tests.nodejs for a test file (it has no
// pattern option), so helpers (contracts/test/helpers, coverage/) were listed as empty passing
// tests. Without explicit files, hand it the *.test.ts files only; explicit files pass unchanged.
const nodeTestFilesOnly = overrideTask(["test", "nodejs"])
  .setInlineAction(async (taskArguments, hre, runSuper) => {
    const requested = taskArguments.testFiles;
    if (Array.isArray(requested) && requested.length > 0) return runSuper(taskArguments);
    const directory = hre.config.paths.tests.nodejs;
    const testFiles = readdirSync(directory, { recursive: true, encoding: "utf8" })
      .filter((file) => /\.test\.[cm]?[jt]s$/.test(file) && !file.split(/[\\/]/).includes("node_modules"))
      .sort()
      .map((file) => join(directory, file));
    return runSuper({ ...taskArguments, testFiles });
  })
  .build();

export default defineConfig({
  plugins: [hardhatViem, hardhatNodeTestRunner, hardhatNetworkHelpers, hardhatViemAssertions],
  tasks: [nodeTestFilesOnly],
  solidity: {
    profiles: {
      // Unoptimized: fast builds, faithful coverage and stack traces.
      default: { ...solc, settings: { evmVersion: "cancun", outputSelection } },
      // What gets deployed and what gas figures are measured with.
      production: {
        ...solc,
        settings: { evmVersion: "cancun", optimizer: { enabled: true, runs: 200 }, outputSelection },
      },
    },
  },
  paths: {
    sources: "contracts/src",
    tests: { solidity: "contracts/test", nodejs: "contracts/test" },
    artifacts: "contracts/artifacts",
    cache: "contracts/cache",
  },
  test: {
    solidity: {
      // A fixed seed keeps CI reproducible; change it to explore new inputs.
      fuzz: { runs: 256, seed: "0x5eed0f9d1a7e0001" },
      invariant: { runs: 64, depth: 32 },
    },
  },
  networks: {
    localhost: { type: "http", chainType: "l1", url: "http://127.0.0.1:8545" },
    remote: {
      type: "http",
      chainType: "l1",
      url: configVariable("PODIUM_RPC_URL"),
      accounts: [configVariable("PODIUM_DEPLOYER_KEY")],
    },
  },
});
