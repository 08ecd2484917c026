import { createRequire } from "node:module";
import hardhatNetworkHelpers from "@nomicfoundation/hardhat-network-helpers";
import hardhatNodeTestRunner from "@nomicfoundation/hardhat-node-test-runner";
import hardhatViem from "@nomicfoundation/hardhat-viem";
import hardhatViemAssertions from "@nomicfoundation/hardhat-viem-assertions";
import { configVariable, defineConfig } from "hardhat/config";

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

export default defineConfig({
  plugins: [hardhatViem, hardhatNodeTestRunner, hardhatNetworkHelpers, hardhatViemAssertions],
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
