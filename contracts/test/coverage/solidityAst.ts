import { existsSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { join, resolve } from "node:path";
import { SolidityCompileError } from "./branchCoverageError.ts";

/** A node of solc's compact JSON AST; the fields each node type has are read with the helpers below. */
export type AstNode = { readonly nodeType: string; readonly id: number; readonly src: string };

export function isAstNode(value: unknown): value is AstNode {
  return (
    typeof value === "object" &&
    value !== null &&
    typeof (value as { nodeType?: unknown }).nodeType === "string" &&
    typeof (value as { src?: unknown }).src === "string"
  );
}

/** A child node, or undefined when the field is absent or null (e.g. an `if` without `else`). */
export function childNode(node: AstNode, field: string): AstNode | undefined {
  const value = (node as unknown as Record<string, unknown>)[field];
  return isAstNode(value) ? value : undefined;
}

export function childNodes(node: AstNode, field: string): AstNode[] {
  const value = (node as unknown as Record<string, unknown>)[field];
  return Array.isArray(value) ? value.filter(isAstNode) : [];
}

export function stringField(node: AstNode, field: string): string | undefined {
  const value = (node as unknown as Record<string, unknown>)[field];
  return typeof value === "string" ? value : undefined;
}

export function numberField(node: AstNode, field: string): number | undefined {
  const value = (node as unknown as Record<string, unknown>)[field];
  return typeof value === "number" ? value : undefined;
}

export function booleanField(node: AstNode, field: string): boolean {
  return (node as unknown as Record<string, unknown>)[field] === true;
}

/** Every node directly below `node`, in field order. */
export function childrenOf(node: AstNode): AstNode[] {
  const children: AstNode[] = [];
  for (const value of Object.values(node)) {
    if (isAstNode(value)) children.push(value);
    else if (Array.isArray(value)) for (const item of value) if (isAstNode(item)) children.push(item);
  }
  return children;
}

/** `src` is "start:length:sourceIndex" in UTF-8 bytes. */
export function byteRange(node: AstNode): { start: number; end: number } {
  const [start = 0, length = 0] = node.src.split(":").map(Number);
  return { start, end: start + length };
}

export type SolidityAstsParameters = {
  /** Source name -> text; the names are the keys of the returned map. */
  sources: Record<string, string>;
  /** Folder that relative source names and `node_modules/` imports are read from. */
  rootDir: string;
  /** Folder holding the `solc` npm package's node_modules (defaults to rootDir). */
  solcFrom?: string;
};

export type SolidityAstsReturnType = {
  asts: Map<string, AstNode>;
  /** Version of the solc that parsed them, from solc/package.json (as hardhat.config.ts reads it). */
  solcVersion: string;
};

type SolcJs = {
  compile(input: string, callbacks: { import(path: string): { contents: string } | { error: string } }): string;
};

/**
 * ASTs of the given sources from the `solc` npm package (the compiler hardhat.config.ts builds with):
 * standard JSON asking only for `ast`, imports read from the root folder or node_modules.
 */
export function solidityAsts({ sources, rootDir, solcFrom = rootDir }: SolidityAstsParameters): SolidityAstsReturnType {
  const require = createRequire(resolve(solcFrom, "package.json"));
  const solc = require("solc") as SolcJs;
  const solcVersion = (require("solc/package.json") as { version: string }).version;
  const input = {
    language: "Solidity",
    sources: Object.fromEntries(Object.entries(sources).map(([name, content]) => [name, { content }])),
    settings: { outputSelection: { "*": { "": ["ast"] } } },
  };
  const readImport = (path: string) => {
    for (const candidate of [join(rootDir, path), join(rootDir, "node_modules", path)]) {
      if (existsSync(candidate)) return { contents: readFileSync(candidate, "utf8") };
    }
    return { error: `${path} is neither under ${rootDir} nor in its node_modules` };
  };
  const output = JSON.parse(solc.compile(JSON.stringify(input), { import: readImport })) as {
    errors?: Array<{ severity: string; formattedMessage: string }>;
    sources?: Record<string, { ast?: unknown }>;
  };
  const errors = (output.errors ?? []).filter((error) => error.severity === "error");
  if (errors.length > 0) throw new SolidityCompileError(errors.map((error) => error.formattedMessage));

  const asts = new Map<string, AstNode>();
  for (const name of Object.keys(sources)) {
    const ast = output.sources?.[name]?.ast;
    if (!isAstNode(ast)) throw new SolidityCompileError([`no AST for ${name}`]);
    asts.set(name, ast);
  }
  return { asts, solcVersion };
}
