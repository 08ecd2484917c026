import { type AnalyzedFile, builtinCallee, type ProgramIndex } from "./programIndex.ts";
import { type AstNode, childNode, childNodes, childrenOf, stringField } from "./solidityAst.ts";

/**
 * Kinds of branch point and their sides:
 * - if: true / false (the false side of an `if` without `else` is implicit)
 * - ternary (`c ? a : b`): true / false
 * - and (`l && r`), or (`l || r`): right-evaluated (the left operand let evaluation go on) /
 *   left-decides (short circuit: `l` false for &&, true for ||)
 * - try: success / catch, catch-Error, catch-Panic (one side per clause)
 * - for, while: entered (the body ran) / skipped (the condition was false on the first check)
 * - do-while: repeated / exited
 * - require, assert: passes / fails
 */
export type BranchKind = "if" | "ternary" | "and" | "or" | "try" | "for" | "while" | "do-while" | "require" | "assert";

export type BranchPoint = {
  readonly file: AnalyzedFile;
  readonly node: AstNode;
  readonly kind: BranchKind;
  /** 1-based line and column of the branching token (`if`, `?`, `&&`, `||`, `try`, ...). */
  readonly line: number;
  readonly column: number;
  /** `<file>:<line>:<kind>`, with `#<n>` after the kind when the line has several points of that kind. */
  readonly id: string;
  readonly sides: readonly string[];
};

/** Every branch point of a file, in source order. */
export function findBranchPoints(index: ProgramIndex, file: AnalyzedFile): BranchPoint[] {
  const found: Array<Omit<BranchPoint, "id">> = [];
  const stack: AstNode[] = [file.ast];
  while (stack.length > 0) {
    const node = stack.pop() as AstNode;
    const point = branchPointOf(index, file, node);
    if (point) found.push(point);
    stack.push(...childrenOf(node));
  }
  found.sort((a, b) => a.line - b.line || a.column - b.column);

  const perLine = new Map<string, number>();
  for (const point of found) {
    const key = `${point.line}:${point.kind}`;
    perLine.set(key, (perLine.get(key) ?? 0) + 1);
  }
  const seen = new Map<string, number>();
  return found.map((point) => {
    const key = `${point.line}:${point.kind}`;
    const ordinal = (seen.get(key) ?? 0) + 1;
    seen.set(key, ordinal);
    const suffix = (perLine.get(key) ?? 1) > 1 ? `#${ordinal}` : "";
    return { ...point, id: `${file.relativePath}:${point.line}:${point.kind}${suffix}` };
  });
}

function branchPointOf(index: ProgramIndex, file: AnalyzedFile, node: AstNode): Omit<BranchPoint, "id"> | undefined {
  const at = (position: number, kind: BranchKind, sides: readonly string[]) => ({
    file,
    node,
    kind,
    line: file.text.lineOf(position),
    column: file.text.columnOf(position),
    sides,
  });
  const start = () => index.range(node).start;
  switch (node.nodeType) {
    case "IfStatement":
      return at(start(), "if", ["true", "false"]);
    case "ForStatement":
      return at(start(), "for", ["entered", "skipped"]);
    case "WhileStatement":
      return at(start(), "while", ["entered", "skipped"]);
    case "DoWhileStatement":
      return at(start(), "do-while", ["repeated", "exited"]);
    case "TryStatement": {
      const sides = childNodes(node, "clauses").map((clause, i) => {
        if (i === 0) return "success";
        const errorName = stringField(clause, "errorName");
        return errorName ? `catch-${errorName}` : "catch";
      });
      return at(start(), "try", sides);
    }
    case "ExpressionStatement": {
      const expression = childNode(node, "expression");
      const builtin = expression ? builtinCallee(expression) : undefined;
      if (builtin === "require" || builtin === "assert") return at(start(), builtin, ["passes", "fails"]);
      return undefined;
    }
    case "Conditional": {
      const condition = childNode(node, "condition");
      const trueExpression = childNode(node, "trueExpression");
      if (!condition || !trueExpression) return undefined;
      const question = file.text.findToken(index.range(condition).end, index.range(trueExpression).start, "?");
      return at(question ?? start(), "ternary", ["true", "false"]);
    }
    case "BinaryOperation": {
      const operator = stringField(node, "operator");
      if (operator !== "&&" && operator !== "||") return undefined;
      const left = childNode(node, "leftExpression");
      const right = childNode(node, "rightExpression");
      if (!left || !right) return undefined;
      const token = file.text.findToken(index.range(left).end, index.range(right).start, operator);
      return at(token ?? start(), operator === "&&" ? "and" : "or", ["right-evaluated", "left-decides"]);
    }
    default:
      return undefined;
  }
}
