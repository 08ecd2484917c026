// @podium/engine: the package's public entry point (the only barrel file in the package).
export * from "./canonical/canonicalJson.ts";
export * from "./errors/podiumError.ts";
export * from "./market/assetClass.ts";
export * from "./market/bar.ts";
export * from "./market/dataset.ts";
export * from "./money/fixed.ts";
export * from "./random/seededRandom.ts";
