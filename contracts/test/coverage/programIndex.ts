import type { InstrumentedStatement } from "./instrumentedStatements.ts";
import { type AstNode, byteRange, childNode, childNodes, childrenOf, numberField, stringField } from "./solidityAst.ts";
import type { SourceText } from "./sourceText.ts";

/** One analysed Solidity file: its text, AST, and the statements EDR instruments in it. */
export type AnalyzedFile = {
  readonly relativePath: string;
  readonly text: SourceText;
  readonly ast: AstNode;
  readonly statements: readonly InstrumentedStatement[];
};

/** Node types that are statements (things EDR may instrument and an AST block lists). */
export const STATEMENT_TYPES = new Set([
  "Block",
  "UncheckedBlock",
  "ExpressionStatement",
  "VariableDeclarationStatement",
  "EmitStatement",
  "RevertStatement",
  "Return",
  "IfStatement",
  "ForStatement",
  "WhileStatement",
  "DoWhileStatement",
  "TryStatement",
  "InlineAssembly",
  "Break",
  "Continue",
  "Throw",
  "PlaceholderStatement",
]);

/** The analysed files joined up: parents, declarations, statement hits and internal call sites. */
export type ProgramIndex = {
  readonly files: readonly AnalyzedFile[];
  fileOf(node: AstNode): AnalyzedFile;
  parentOf(node: AstNode): AstNode | undefined;
  declaration(id: number): AstNode | undefined;
  /** UTF-16 [start, end) of a node in its file. */
  range(node: AstNode): { start: number; end: number };
  /**
   * The instrumented statement that runs first whenever `node` (a statement) runs: the one starting
   * where the node starts, or for a block EDR left alone, its first statement's.
   */
  entryOf(node: AstNode): InstrumentedStatement | undefined;
  /** Instrumented statements that start inside the node. */
  statementsWithin(node: AstNode): InstrumentedStatement[];
  hitsOf(statement: InstrumentedStatement | undefined): number;
  /** Nearest ancestor (or self) that is a statement. */
  enclosingStatement(node: AstNode): AstNode | undefined;
  /** FunctionCall nodes that call the function internally (a jump, not a message call). */
  internalCallSitesOf(functionId: number): AstNode[];
};

export type ProgramIndexParameters = {
  files: readonly AnalyzedFile[];
  /** Hex tag -> summed hit count. */
  hits: ReadonlyMap<string, number>;
};

export function createProgramIndex({ files, hits }: ProgramIndexParameters): ProgramIndex {
  const parents = new Map<AstNode, AstNode>();
  const fileOfNode = new Map<AstNode, AnalyzedFile>();
  const declarations = new Map<number, AstNode>();
  const callSites = new Map<number, AstNode[]>();
  const push = (map: Map<number, AstNode[]>, key: number, node: AstNode) => {
    const list = map.get(key);
    if (list) list.push(node);
    else map.set(key, [node]);
  };

  for (const file of files) {
    const stack: AstNode[] = [file.ast];
    fileOfNode.set(file.ast, file);
    while (stack.length > 0) {
      const node = stack.pop() as AstNode;
      declarations.set(node.id, node);
      if (node.nodeType === "FunctionCall") {
        const callee = childNode(node, "expression");
        const target = callee ? numberField(callee, "referencedDeclaration") : undefined;
        const type = callee ? (callee as unknown as { typeDescriptions?: { typeIdentifier?: string } }) : undefined;
        if (target !== undefined && type?.typeDescriptions?.typeIdentifier?.startsWith("t_function_internal")) {
          push(callSites, target, node);
        }
      }
      for (const child of childrenOf(node)) {
        parents.set(child, node);
        fileOfNode.set(child, file);
        stack.push(child);
      }
    }
  }

  const fileOf = (node: AstNode): AnalyzedFile => {
    const file = fileOfNode.get(node);
    if (!file) throw new Error(`node ${node.id} (${node.nodeType}) is not in an analysed file`);
    return file;
  };
  const range = (node: AstNode) => {
    const { text } = fileOf(node);
    const bytes = byteRange(node);
    return { start: text.utf16AtByte(bytes.start), end: text.utf16AtByte(bytes.end) };
  };
  const entryOf = (node: AstNode): InstrumentedStatement | undefined => {
    const { start } = range(node);
    let entry: InstrumentedStatement | undefined;
    // Outermost first: statements are sorted by start, then by end descending.
    for (const statement of fileOf(node).statements) {
      if (statement.start === start) {
        entry = statement;
        break;
      }
    }
    if (entry) return entry;
    if (node.nodeType === "Block" || node.nodeType === "UncheckedBlock") {
      const first = childNodes(node, "statements")[0];
      return first ? entryOf(first) : undefined;
    }
    return undefined;
  };

  return {
    files,
    fileOf,
    parentOf: (node) => parents.get(node),
    declaration: (id) => declarations.get(id),
    range,
    entryOf,
    statementsWithin(node) {
      const { start, end } = range(node);
      return fileOf(node).statements.filter((statement) => statement.start >= start && statement.start < end);
    },
    hitsOf: (statement) => (statement ? (hits.get(statement.tag) ?? 0) : 0),
    enclosingStatement(node) {
      for (let current: AstNode | undefined = node; current; current = parents.get(current)) {
        if (STATEMENT_TYPES.has(current.nodeType)) return current;
        if (current.nodeType === "FunctionDefinition" || current.nodeType === "ContractDefinition") return undefined;
      }
      return undefined;
    },
    internalCallSitesOf: (functionId) => callSites.get(functionId) ?? [],
  };
}

/**
 * The builtin a call invokes (`revert`, `require`, `assert`), if it is one: its type is
 * `t_function_<name>_...`, which a user function of the same name does not have.
 */
export function builtinCallee(call: AstNode): string | undefined {
  if (call.nodeType !== "FunctionCall") return undefined;
  const callee = childNode(call, "expression");
  if (callee?.nodeType !== "Identifier") return undefined;
  const name = stringField(callee, "name");
  const type = (callee as unknown as { typeDescriptions?: { typeIdentifier?: string } }).typeDescriptions
    ?.typeIdentifier;
  return name && ["revert", "require", "assert"].includes(name) && type?.startsWith(`t_function_${name}_`)
    ? name
    : undefined;
}
