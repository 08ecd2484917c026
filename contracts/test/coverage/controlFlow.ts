import { builtinCallee, type ProgramIndex, STATEMENT_TYPES } from "./programIndex.ts";
import { type AstNode, booleanField, childNode, childNodes, childrenOf, stringField } from "./solidityAst.ts";

/**
 * True when running `node` can never complete normally: every path through it ends in a revert,
 * return, break, continue or throw. Conservative: a call that always reverts, or assembly, counts as
 * completing.
 */
export function terminates(node: AstNode): boolean {
  switch (node.nodeType) {
    case "RevertStatement":
    case "Return":
    case "Break":
    case "Continue":
    case "Throw":
      return true;
    case "ExpressionStatement": {
      const expression = childNode(node, "expression");
      return expression !== undefined && builtinCallee(expression) === "revert";
    }
    case "Block":
    case "UncheckedBlock":
      // Statements run in sequence, so one that never completes stops the block.
      return childNodes(node, "statements").some(terminates);
    case "IfStatement": {
      const trueBody = childNode(node, "trueBody");
      const falseBody = childNode(node, "falseBody");
      return trueBody !== undefined && falseBody !== undefined && terminates(trueBody) && terminates(falseBody);
    }
    case "TryStatement":
      return childNodes(node, "clauses").every((clause) => {
        const block = childNode(clause, "block");
        return block !== undefined && terminates(block);
      });
    default:
      return false;
  }
}

/**
 * A statement that runs whenever the analysed statement completes normally, and the other paths that
 * can lead to it without that statement completing. A path's first statement (its entry) runs on every
 * pass along it, in the same transaction as the arrival, which is what makes the count rule sound.
 */
export type Arrival = {
  readonly node: AstNode;
  readonly otherPaths: readonly AstNode[];
  /** The next statement of the same block, reachable only through the analysed statement. */
  readonly immediate: boolean;
};

/** How far to follow function returns into callers (and their callers). */
const MAX_CALL_DEPTH = 4;

/**
 * Where execution goes after `statement` completes normally, following the AST only (sound, not
 * complete): the next statement of its block; past the end of an enclosing if/else or try clause; past
 * the end of an internal function's body to the statement after each unconditional internal call of
 * it. (EDR instruments a modifier's `_;` too, so it is an ordinary next statement.)
 */
export function arrivalsAfter(index: ProgramIndex, statement: AstNode): Arrival[] {
  return continuations(index, statement, [], 0, true);
}

function continuations(
  index: ProgramIndex,
  node: AstNode,
  others: AstNode[],
  depth: number,
  direct: boolean,
): Arrival[] {
  const parent = index.parentOf(node);
  if (!parent) return [];
  if (parent.nodeType === "Block" || parent.nodeType === "UncheckedBlock") {
    const statements = childNodes(parent, "statements");
    const next = statements[statements.indexOf(node) + 1];
    if (next) return [{ node: next, otherPaths: others, immediate: direct && others.length === 0 }];
    return blockEndArrivals(index, parent, others, depth);
  }
  if (parent.nodeType === "IfStatement") {
    const trueBody = childNode(parent, "trueBody");
    const falseBody = childNode(parent, "falseBody");
    // The other branch also reaches what follows the if; an implicit else has no statement to count.
    if (node === trueBody && falseBody) return continuations(index, parent, [...others, falseBody], depth, false);
    if (node === falseBody && trueBody) return continuations(index, parent, [...others, trueBody], depth, false);
  }
  // Loop bodies, conditions, ...: what follows is not determined by this statement alone.
  return [];
}

function blockEndArrivals(index: ProgramIndex, block: AstNode, others: AstNode[], depth: number): Arrival[] {
  const parent = index.parentOf(block);
  if (!parent) return [];
  switch (parent.nodeType) {
    case "Block":
    case "UncheckedBlock":
    case "IfStatement":
      return continuations(index, block, others, depth, false);
    case "TryCatchClause": {
      const tryStatement = index.parentOf(parent);
      if (!tryStatement) return [];
      const otherClauses = childNodes(tryStatement, "clauses")
        .filter((clause) => clause !== parent)
        .flatMap((clause) => childNode(clause, "block") ?? []);
      return continuations(index, tryStatement, [...others, ...otherClauses], depth, false);
    }
    case "FunctionDefinition":
      return functionReturnArrivals(index, parent, others, depth);
    default:
      return [];
  }
}

/**
 * After the body of an internal function ends, its caller goes on. Only for functions whose body is
 * the whole story: no modifiers (one could return without running the body) and not virtual (a call
 * could run an override). Every `return` of the function is one more path to the caller.
 */
function functionReturnArrivals(index: ProgramIndex, fn: AstNode, others: AstNode[], depth: number): Arrival[] {
  if (depth >= MAX_CALL_DEPTH) return [];
  if (stringField(fn, "kind") !== "function" || booleanField(fn, "virtual")) return [];
  if (childNodes(fn, "modifiers").length > 0) return [];
  const body = childNode(fn, "body");
  if (!body) return [];
  const paths = [...others, ...descendants(body, "Return")];
  return index.internalCallSitesOf(fn.id).flatMap((call) => {
    const statement = statementCompletingAfter(index, call);
    return statement ? continuations(index, statement, paths, depth + 1, false) : [];
  });
}

/**
 * The statement whose normal completion proves that `call` returned: the enclosing expression,
 * variable declaration or emit statement, provided the call is not behind `&&`, `||` or `?:`.
 */
function statementCompletingAfter(index: ProgramIndex, call: AstNode): AstNode | undefined {
  let child = call;
  for (let parent = index.parentOf(call); parent; child = parent, parent = index.parentOf(parent)) {
    if (parent.nodeType === "BinaryOperation") {
      const operator = stringField(parent, "operator");
      if ((operator === "&&" || operator === "||") && child === childNode(parent, "rightExpression")) return undefined;
    }
    if (parent.nodeType === "Conditional" && child !== childNode(parent, "condition")) return undefined;
    if (STATEMENT_TYPES.has(parent.nodeType)) {
      const completesAfterCall = ["ExpressionStatement", "VariableDeclarationStatement", "EmitStatement"];
      return completesAfterCall.includes(parent.nodeType) ? parent : undefined;
    }
  }
  return undefined;
}

export function descendants(node: AstNode, nodeType: string): AstNode[] {
  const found: AstNode[] = [];
  const stack = [node];
  while (stack.length > 0) {
    const current = stack.pop() as AstNode;
    if (current.nodeType === nodeType) found.push(current);
    stack.push(...childrenOf(current));
  }
  return found;
}
