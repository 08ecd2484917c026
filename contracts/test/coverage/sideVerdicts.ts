import type { BranchPoint } from "./branchPoints.ts";
import { arrivalsAfter, terminates } from "./controlFlow.ts";
import type { ProgramIndex } from "./programIndex.ts";
import { type AstNode, booleanField, childNode, childNodes, stringField } from "./solidityAst.ts";

/**
 * - taken: statement hits prove the side ran at least once
 * - not-taken: statement hits prove it never ran
 * - unprovable: statement hits cannot tell (expression-level sides, or nothing observable after it)
 */
export type SideStatus = "taken" | "not-taken" | "unprovable";

export type SideVerdict = {
  readonly side: string;
  readonly status: SideStatus;
  /** Why, in a few words (shown in the report). */
  readonly reason: string;
};

export type DecidedBranchPoint = BranchPoint & { readonly verdicts: readonly SideVerdict[] };

const STATEMENT_KINDS = new Set(["if", "for", "while", "do-while", "try", "require", "assert"]);

/**
 * Decides every side from statement hits. Rules, each sound for any test suite:
 * 1. A side with its own body (if/else bodies, loop bodies, try clauses) is taken iff a statement
 *    inside it ran; when the branch point itself never ran, none of its sides did.
 * 2. An implicit side (the false side of an `if` without `else`, a loop that ran zero times, a
 *    `require` that passed) is taken when a statement that runs right after the branch point (see
 *    controlFlow.ts) ran in more transactions than every other way to get there put together: the
 *    true body, unless it always ends in revert/return/break/continue, and the other paths. With no
 *    other way there, one run suffices (the rule the brief states). Counts are numbers of
 *    transactions that hit a tag (coverageHits.ts), and a transaction that reaches the statement
 *    through another way also hits that way's first statement, so the excess proves the side.
 * 3. The right operand of `&&` was evaluated whenever the `&&` was true, and that of `||` whenever
 *    the `||` was false: an if/require/loop condition whose outcome rule 1 or 2 proved implies the
 *    operands' values down through `&&`, `||`, `!` and parentheses.
 * Everything else is unprovable from statement data: `?:` sides and left-decides sides always.
 */
export function decideBranchPoints(index: ProgramIndex, points: readonly BranchPoint[]): DecidedBranchPoint[] {
  const decided = new Map<BranchPoint, SideVerdict[]>();
  const implied = new Map<AstNode, string>();
  const observe = (condition: AstNode | undefined, value: boolean, source: string) => {
    if (condition) propagate(condition, value, source, implied);
  };

  for (const point of points) {
    if (!STATEMENT_KINDS.has(point.kind)) continue;
    const verdicts = statementSides(index, point);
    decided.set(point, verdicts);
    const taken = (side: string) => verdicts.some((v) => v.side === side && v.status === "taken");
    const where = `line ${point.line}`;
    if (point.kind === "if") {
      if (taken("true")) observe(childNode(point.node, "condition"), true, `${where} went true`);
      if (taken("false")) observe(childNode(point.node, "condition"), false, `${where} went false`);
    } else if (point.kind === "for" || point.kind === "while") {
      if (taken("entered")) observe(childNode(point.node, "condition"), true, `${where} entered its loop`);
      if (taken("skipped")) observe(childNode(point.node, "condition"), false, `${where} skipped its loop`);
    } else if ((point.kind === "require" || point.kind === "assert") && taken("passes")) {
      const call = childNode(point.node, "expression");
      observe(call ? childNodes(call, "arguments")[0] : undefined, true, `${where} passed`);
    }
  }

  return points.map((point) => ({
    ...point,
    verdicts: decided.get(point) ?? expressionSides(index, point, implied),
  }));
}

type Reach = "reached" | "never" | "unknown";

function reachOf(index: ProgramIndex, node: AstNode): Reach {
  const statement = index.enclosingStatement(node);
  const entry = statement ? index.entryOf(statement) : undefined;
  if (!entry) return "unknown";
  return index.hitsOf(entry) > 0 ? "reached" : "never";
}

function statementSides(index: ProgramIndex, point: BranchPoint): SideVerdict[] {
  const reach = reachOf(index, point.node);
  const { node } = point;
  switch (point.kind) {
    case "if": {
      const trueBody = childNode(node, "trueBody");
      const falseBody = childNode(node, "falseBody");
      return [
        bodySide(index, "true", trueBody, reach),
        falseBody
          ? bodySide(index, "false", falseBody, reach)
          : completionSide(index, "false", node, trueBody ? [{ path: trueBody, always: false }] : [], reach),
      ];
    }
    case "for":
    case "while": {
      const body = childNode(node, "body");
      return [
        bodySide(index, "entered", body, reach),
        // A loop that ran its body and then exited (or broke out) reaches the same statements.
        completionSide(index, "skipped", node, body ? [{ path: body, always: true }] : [], reach),
      ];
    }
    case "try":
      return childNodes(node, "clauses").map((clause, i) =>
        bodySide(index, point.sides[i] ?? `clause-${i}`, childNode(clause, "block"), reach),
      );
    case "require":
    case "assert":
      return [completionSide(index, "passes", node, [], reach), expressionOnlySide("fails", reach)];
    default:
      return point.sides.map((side) => expressionOnlySide(side, reach));
  }
}

function bodySide(index: ProgramIndex, side: string, body: AstNode | undefined, reach: Reach): SideVerdict {
  const statements = body ? index.statementsWithin(body) : [];
  if (statements.some((statement) => index.hitsOf(statement) > 0)) return { side, status: "taken", reason: "ran" };
  if (reach === "never") return { side, status: "not-taken", reason: "the branch point never ran" };
  if (statements.length > 0) return { side, status: "not-taken", reason: "no statement inside it ran" };
  return { side, status: "unprovable", reason: "no instrumented statement inside it" };
}

type SelfPath = { path: AstNode; always: boolean };

function completionSide(
  index: ProgramIndex,
  side: string,
  node: AstNode,
  selfPaths: readonly SelfPath[],
  reach: Reach,
): SideVerdict {
  if (reach === "never") return { side, status: "not-taken", reason: "the branch point never ran" };
  const arrivals = arrivalsAfter(index, node);
  for (const arrival of arrivals) {
    const entry = index.entryOf(arrival.node);
    if (!entry) continue;
    const paths = [
      ...selfPaths.filter(({ path, always }) => always || !terminates(path)).map(({ path }) => path),
      ...arrival.otherPaths.filter((path) => !terminates(path)),
    ];
    const entries = paths.map((path) => index.entryOf(path));
    if (entries.some((pathEntry) => pathEntry === undefined)) continue;
    const others = entries.reduce((sum, pathEntry) => sum + index.hitsOf(pathEntry), 0);
    const arrived = index.hitsOf(entry);
    if (arrived > others) {
      const line = lineOf(index, arrival.node);
      const reason =
        others === 0
          ? `${line} ran after it and nothing else leads there`
          : `${line} ran in ${arrived} transactions, the other ways there in ${others}`;
      return { side, status: "taken", reason };
    }
  }
  const immediate = arrivals.find((arrival) => arrival.immediate && index.entryOf(arrival.node));
  if (immediate && index.hitsOf(index.entryOf(immediate.node)) === 0) {
    return { side, status: "not-taken", reason: `the next statement (${lineOf(index, immediate.node)}) never ran` };
  }
  return {
    side,
    status: "unprovable",
    reason:
      arrivals.length === 0
        ? "no statement observably follows it"
        : "what follows it is reached by other ways as often",
  };
}

function expressionOnlySide(side: string, reach: Reach): SideVerdict {
  if (reach === "never") return { side, status: "not-taken", reason: "its statement never ran" };
  return { side, status: "unprovable", reason: "decided inside an expression" };
}

function expressionSides(
  index: ProgramIndex,
  point: BranchPoint,
  implied: ReadonlyMap<AstNode, string>,
): SideVerdict[] {
  const reach = reachOf(index, point.node);
  return point.sides.map((side) => {
    const source = side === "right-evaluated" ? implied.get(point.node) : undefined;
    if (source) return { side, status: "taken", reason: `implied: ${source}` };
    return expressionOnlySide(side, reach);
  });
}

/** Records, for each `&&`/`||` whose right operand an observed outcome proves evaluated, why. */
function propagate(expression: AstNode, value: boolean, source: string, implied: Map<AstNode, string>): void {
  switch (expression.nodeType) {
    case "TupleExpression": {
      const components = childNodes(expression, "components");
      const only = components[0];
      if (!booleanField(expression, "isInlineArray") && components.length === 1 && only) {
        propagate(only, value, source, implied);
      }
      return;
    }
    case "UnaryOperation": {
      const operand = childNode(expression, "subExpression");
      if (stringField(expression, "operator") === "!" && operand) propagate(operand, !value, source, implied);
      return;
    }
    case "BinaryOperation": {
      const operator = stringField(expression, "operator");
      // `l && r` true: l was true, r was evaluated (and true). `l || r` false: both false.
      if ((operator === "&&" && value) || (operator === "||" && !value)) {
        if (!implied.has(expression)) implied.set(expression, source);
        const left = childNode(expression, "leftExpression");
        const right = childNode(expression, "rightExpression");
        if (left) propagate(left, value, source, implied);
        if (right) propagate(right, value, source, implied);
      }
      return;
    }
    default:
      return;
  }
}

function lineOf(index: ProgramIndex, node: AstNode): string {
  const file = index.fileOf(node);
  return `${file.relativePath.split("/").pop()}:${file.text.lineOf(index.range(node).start)}`;
}
