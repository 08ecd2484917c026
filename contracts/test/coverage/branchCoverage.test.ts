import assert from "node:assert/strict";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { after, describe, it } from "node:test";
import { pathToFileURL } from "node:url";
import { analyzeBranchCoverage } from "./analyzeBranchCoverage.ts";
import { DEFAULT_OPTIONS, runBranchCoverage } from "./branchCoverage.ts";
import {
  CoverageDataMissingError,
  InvalidBranchEvidenceError,
  InvalidCoverageDataError,
  StaleCoverageDataError,
} from "./branchCoverageError.ts";
import { applyBranchEvidence, type BranchEvidenceEntry, readBranchEvidence } from "./branchEvidence.ts";
import { formatBranchReport } from "./branchReport.ts";
import { readCoverageHits } from "./coverageHits.ts";
import { hardhatSourceName, instrumentedStatements, loadEdrInstrumentation } from "./instrumentedStatements.ts";
import type { SideStatus } from "./sideVerdicts.ts";
import { createSourceText } from "./sourceText.ts";

// The fixture lives in this string, not in a .sol file: Hardhat never compiles it, so it is not part of
// the arena's coverage. The non-ASCII comment makes UTF-8 byte offsets (solc) differ from UTF-16
// indices (EDR): a wrong conversion would mismatch every statement below it.
const FIXTURE_PATH = "src/Fixture.sol";
const FIXTURE = `// SPDX-License-Identifier: MIT
pragma solidity 0.8.28;

// Fixture — one branch point of every kind (naïve on purpose 🙂)
interface IPinger {
    function ping(uint256 x) external returns (uint256);
}

contract Fixture {
    uint256 public total;

    modifier onlyPositive(uint256 x) {
        if (x == 0) revert("zero");
        _;
    }

    function guarded(uint256 x) external onlyPositive(x) {
        total += x;
    }

    function check(uint256 x) external {
        if (x > 10) revert("big");
        total = x;
        if (x == 3) total += 1;
        total += 2;
        _last(x);
        total += 4;
    }

    function _last(uint256 x) private pure {
        if (x == 7) revert("seven");
    }

    function logic(uint256 a, uint256 b) external returns (uint256) {
        if (a > 1 && b > 1) revert("both");
        if (a == 0 || b == 0) { total = 0; }
        uint256 picked = a > b ? a : b;
        require(picked < 100, "too big");
        return picked;
    }

    function loop(uint256 n) external returns (uint256 sum) {
        for (uint256 i = 0; i < n; ++i) { sum += i; }
        total = sum;
    }

    function call(IPinger pinger) external returns (uint256) {
        try pinger.ping(1) returns (uint256 v) { return v; } catch { return 0; }
    }

    function unused(uint256 x) external pure returns (uint256) {
        if (x == 1) return 1;
        return 2;
    }
}
`;

const REPO_ROOT = DEFAULT_OPTIONS.rootDir;
const edr = loadEdrInstrumentation(REPO_ROOT);
const solcVersion = (createRequire(join(REPO_ROOT, "package.json"))("solc/package.json") as { version: string })
  .version;
const fixtureText = createSourceText(FIXTURE);
const fixtureStatements = instrumentedStatements({ edr, text: fixtureText, relativePath: FIXTURE_PATH, solcVersion });

/** The tag of the one instrumented statement whose text starts with `snippet`. */
function tagOf(snippet: string): string {
  const matches = fixtureStatements.filter((statement) => FIXTURE.startsWith(snippet, statement.start));
  assert.equal(matches.length, 1, `expected one statement starting with ${JSON.stringify(snippet)}`);
  return (matches[0] as { tag: string }).tag;
}

/** Fake hit data: snippet -> number of transactions that ran it. */
function hitsFrom(counts: Record<string, number>): Map<string, number> {
  return new Map(Object.entries(counts).map(([snippet, count]) => [tagOf(snippet), count]));
}

const lineOf = (snippet: string) => fixtureText.lineOf(FIXTURE.indexOf(snippet));
const key = (snippet: string, kind: string, side: string) => `${FIXTURE_PATH}:${lineOf(snippet)}:${kind}:${side}`;

function analyze(hits: Map<string, number>) {
  const analysis = analyzeBranchCoverage({ rootDir: REPO_ROOT, sources: { [FIXTURE_PATH]: FIXTURE }, hits, edr });
  const verdicts = new Map<string, { status: SideStatus; reason: string }>();
  for (const point of analysis.points) {
    for (const verdict of point.verdicts) verdicts.set(`${point.id}:${verdict.side}`, verdict);
  }
  return { analysis, verdicts };
}

// One plausible test run: which statements ran, in how many transactions.
const RUN: Record<string, number> = {
  'if (x == 0) revert("zero");': 2,
  "_;": 1,
  "total += x;": 1,
  // As many transactions reverted here as reached the if: only the revert rule proves the false side.
  'if (x > 10) revert("big");': 3,
  'revert("big")': 3,
  "total = x;": 2,
  "if (x == 3) total += 1;": 2,
  "total += 1;": 1,
  "total += 2;": 2,
  "_last(x);": 2,
  'if (x == 7) revert("seven");': 2,
  "total += 4;": 2,
  "if (a > 1 && b > 1)": 2,
  'revert("both")': 1,
  "if (a == 0 || b == 0)": 1,
  "uint256 picked": 1,
  "require(picked < 100": 1,
  "return picked;": 1,
  "for (uint256 i": 2,
  "{ sum += i; }": 1,
  "sum += i;": 1,
  "total = sum;": 2,
  "try pinger": 1,
  "return v;": 1,
};

// RUN plus what takes every remaining statement-level side.
const FULL_RUN: Record<string, number> = {
  ...RUN,
  'revert("zero")': 1,
  'revert("seven")': 1,
  "{ total = 0; }": 1,
  "total = 0;": 1,
  // Two transactions reached `picked`, one of them through `{ total = 0; }`: the other took the false side.
  "uint256 picked": 2,
  "return 0;": 1,
  "if (x == 1) return 1;": 2,
  "return 1;": 1,
  "return 2;": 1,
};

describe("branch coverage checker (contracts/test/coverage)", () => {
  const scratch = mkdtempSync(join(tmpdir(), "podium-branch-coverage-"));
  after(() => rmSync(scratch, { recursive: true, force: true }));

  it("reproduces the tags and ranges Hardhat's own coverage instrumentation produces", async () => {
    // Hardhat's internal modules, loaded by path (they are not exported): the checker must stay in step with them.
    const hardhatDir = dirname(createRequire(join(REPO_ROOT, "package.json")).resolve("hardhat/package.json"));
    const internal = (path: string) => import(pathToFileURL(join(hardhatDir, "dist/src/internal", path)).href);
    const { instrumentSolidityFileForCompilationJob } = await internal("builtin-plugins/coverage/instrumentation.js");
    const { HARDHAT_PROJECT_INPUT_SOURCE_NAME_ROOT } = await internal("builtin-plugins/solidity/constants.js");
    assert.equal(
      hardhatSourceName("contracts/src/X.sol"),
      `${HARDHAT_PROJECT_INPUT_SOURCE_NAME_ROOT}/contracts/src/X.sol`,
    );

    const { metadata } = instrumentSolidityFileForCompilationJob({
      compilationJobSolcVersion: solcVersion,
      sourceName: hardhatSourceName(FIXTURE_PATH),
      fileContent: FIXTURE,
    }) as { metadata: Array<{ tag: Uint8Array; startUtf16: number; endUtf16: number }> };
    // Hardhat stores Buffer.from(tag).toString("hex") (coverage/hook-handlers/solidity.js).
    const theirs = metadata.map((m) => `${Buffer.from(m.tag).toString("hex")}@${m.endUtf16}`).sort();
    const ours = fixtureStatements.map((s) => `${s.tag}@${s.end}`).sort();
    // Counted by hand: modifier 3 (if, its revert, `_;`), guarded 1, check 8, _last 2, logic 8 (with the
    // `{ total = 0; }` block and its statement), loop 4 (with the body block), call 3 (try, one per clause;
    // EDR leaves try clause blocks alone), unused 3.
    assert.equal(ours.length, 32);
    assert.deepEqual(ours, theirs);
  });

  it("decides each side from the statements that ran", () => {
    const { verdicts } = analyze(hitsFrom(RUN));
    const status = (snippet: string, kind: string, side: string) => verdicts.get(key(snippet, kind, side))?.status;
    const expected: Array<[string, string, string, SideStatus]> = [
      // `_;` ran after the modifier's if, whose true body reverts: the if went false.
      ["if (x == 0)", "if", "true", "not-taken"],
      ["if (x == 0)", "if", "false", "taken"],
      // The true body reverts, and `total = x;` ran: false side.
      ["if (x > 10)", "if", "true", "taken"],
      ["if (x > 10)", "if", "false", "taken"],
      // `total += 2;` ran in 2 transactions, the true body (which falls through) in 1: one went false.
      ["if (x == 3)", "if", "true", "taken"],
      ["if (x == 3)", "if", "false", "taken"],
      // _last's if is its last statement: `total += 4;` after the call shows _last returned.
      ["if (x == 7)", "if", "true", "not-taken"],
      ["if (x == 7)", "if", "false", "taken"],
      // The && was true once (the revert ran): its right operand was evaluated.
      ["if (a > 1 && b > 1)", "if", "true", "taken"],
      ["if (a > 1 && b > 1)", "if", "false", "taken"],
      ["&& b > 1", "and", "right-evaluated", "taken"],
      ["&& b > 1", "and", "left-decides", "unprovable"],
      // The || was false once (`picked` ran, the block did not): both operands were evaluated.
      ["if (a == 0 || b == 0)", "if", "true", "not-taken"],
      ["if (a == 0 || b == 0)", "if", "false", "taken"],
      ["|| b == 0", "or", "right-evaluated", "taken"],
      ["|| b == 0", "or", "left-decides", "unprovable"],
      ["? a : b", "ternary", "true", "unprovable"],
      ["? a : b", "ternary", "false", "unprovable"],
      ["require(picked", "require", "passes", "taken"],
      ["require(picked", "require", "fails", "unprovable"],
      // The loop ran in 2 transactions, its body in 1, and `total = sum;` in 2: one ran zero times.
      ["for (uint256 i", "for", "entered", "taken"],
      ["for (uint256 i", "for", "skipped", "taken"],
      ["try pinger", "try", "success", "taken"],
      ["try pinger", "try", "catch", "not-taken"],
      ["if (x == 1)", "if", "true", "not-taken"],
      ["if (x == 1)", "if", "false", "not-taken"],
    ];
    for (const [snippet, kind, side, want] of expected) {
      assert.equal(status(snippet, kind, side), want, `${snippet} ${kind} ${side}`);
    }
    assert.equal(verdicts.size, expected.length, "no branch point beyond the listed ones");
    assert.match(
      verdicts.get(key("if (x == 7)", "if", "false"))?.reason ?? "",
      new RegExp(`Fixture.sol:${lineOf("total += 4;")}`),
    );
  });

  it("does not count an implicit side when other ways reach what follows as often", () => {
    const { verdicts } = analyze(hitsFrom({ ...RUN, "total += 2;": 1, "total = sum;": 1, "total = x;": 0 }));
    // 1 transaction reached `total += 2;` and 1 ran the true body: it may have been the same one.
    assert.equal(verdicts.get(key("if (x == 3)", "if", "false"))?.status, "unprovable");
    assert.equal(verdicts.get(key("for (uint256 i", "for", "skipped"))?.status, "unprovable");
    // The if ran but the statement right after it never did: its false side never ran.
    assert.equal(verdicts.get(key("if (x > 10)", "if", "false"))?.status, "not-taken");
  });

  it("fails the report on a side not taken, listing it with its line and source", () => {
    const { analysis } = analyze(hitsFrom(RUN));
    const { sides, problems } = applyBranchEvidence({
      points: analysis.points,
      evidence: new Map(),
      rootDir: scratch,
      testsDir: "tests",
    });
    const report = formatBranchReport({ files: [FIXTURE_PATH], sides, problems, evidencePath: "evidence.json" });
    assert.equal(report.ok, false);
    // 13 points x 2 sides; the previous test lists them: 15 taken, 6 not taken, 5 unprovable.
    assert.deepEqual([report.covered, report.total], [15, 26]);
    // 15 / 26 = 57.692...%
    assert.match(report.text, /Branches: 15\/26 \(57\.69%\)/);
    assert.match(
      report.text,
      new RegExp(`${FIXTURE_PATH}:${lineOf("try pinger")}  try catch: no statement inside it ran`),
    );
    assert.match(report.text, /try pinger\.ping\(1\) returns \(uint256 v\)/);
    assert.match(report.text, /FAILED: 6 side\(s\) not taken, 5 unprovable without a named test, 0 evidence problem/);
  });

  it("accepts unprovable sides a named test takes, and checks every entry", () => {
    const testsDir = join(scratch, "tests");
    mkdirSync(testsDir, { recursive: true });
    writeFileSync(join(testsDir, "fixture.test.ts"), 'it("takes the expression sides", async () => {});\n');
    writeFileSync(join(testsDir, "Fixture.t.sol"), "function testFuzz_require(uint256 x) external {}\n");
    const named = (test: string, file = "tests/fixture.test.ts"): BranchEvidenceEntry => ({ test, file, why: "x" });
    const unprovable = [
      key("&& b > 1", "and", "left-decides"),
      key("|| b == 0", "or", "left-decides"),
      key("? a : b", "ternary", "true"),
      key("? a : b", "ternary", "false"),
    ];
    const { analysis } = analyze(hitsFrom(FULL_RUN));
    const evidence = new Map([
      ...unprovable.map((k) => [k, named("takes the expression sides")] as const),
      [key("require(picked", "require", "fails"), named("testFuzz_require", "tests/Fixture.t.sol")],
    ]);
    const resolved = applyBranchEvidence({ points: analysis.points, evidence, rootDir: scratch, testsDir: "tests" });
    assert.deepEqual(resolved.problems, []);
    const report = formatBranchReport({ files: [FIXTURE_PATH], ...resolved, evidencePath: "evidence.json" });
    assert.equal(report.ok, true);
    assert.match(
      report.text,
      /Branches: 26\/26 \(100\.00%\) {2}\[21 taken per statement data, 5 proven by named test\]/,
    );

    const wrong = applyBranchEvidence({
      points: analysis.points,
      evidence: new Map([
        [unprovable[0] as string, named("no such test")],
        [unprovable[1] as string, named("testMissing", "tests/Fixture.t.sol")],
        [unprovable[2] as string, named("takes the expression sides", "elsewhere/fixture.test.ts")],
        [key("if (x > 10)", "if", "false"), named("takes the expression sides")],
        [`${FIXTURE_PATH}:1:if:true`, named("takes the expression sides")],
      ]),
      rootDir: scratch,
      testsDir: "tests",
    });
    assert.deepEqual(
      wrong.problems.map((problem) => problem.replace(/^\S+: /, "")),
      [
        `statement data already proves it (Fixture.sol:${lineOf("total = x;")} ran after it and nothing else leads there); remove the entry`,
        'no test named "no such test" in tests/fixture.test.ts',
        "no function testMissing() in tests/Fixture.t.sol",
        "elsewhere/fixture.test.ts is not under tests",
        "no such branch side (the source moved or changed); update or remove the entry",
      ],
    );
  });

  it("reads the evidence file and explains a malformed one", () => {
    const path = join(scratch, "evidence.json");
    writeFileSync(path, JSON.stringify({ sides: { "a.sol:1:if:true": { test: "t", file: "f" } } }));
    assert.throws(() => readBranchEvidence({ path }), InvalidBranchEvidenceError);
    writeFileSync(path, JSON.stringify({ sides: { "a.sol:1:true": { test: "t", file: "f", why: "w" } } }));
    assert.throws(() => readBranchEvidence({ path }), /not <file>:<line>:<kind>:<side>/);
    writeFileSync(path, JSON.stringify({ sides: { "a.sol:1:if:true": { test: "t", file: "f", why: "w" } } }));
    assert.deepEqual([...readBranchEvidence({ path })], [["a.sol:1:if:true", { test: "t", file: "f", why: "w" }]]);
    // The committed allowlist parses.
    assert.ok(readBranchEvidence({ path: join(REPO_ROOT, DEFAULT_OPTIONS.evidencePath) }).size > 0);
  });

  it("sums hit counts over every data file and rejects missing or damaged data", () => {
    const coverageDir = join(scratch, "hits");
    assert.throws(() => readCoverageHits({ coverageDir }), CoverageDataMissingError);
    mkdirSync(join(coverageDir, "data", "nodejs"), { recursive: true });
    mkdirSync(join(coverageDir, "data", "solidity"), { recursive: true });
    writeFileSync(join(coverageDir, "data", "nodejs", "a.json"), JSON.stringify({ aa: 2, bb: 1 }));
    writeFileSync(join(coverageDir, "data", "solidity", "b.json"), JSON.stringify({ aa: 3 }));
    const { hits, files } = readCoverageHits({ coverageDir });
    assert.deepEqual([...hits].sort(), [
      ["aa", 5],
      ["bb", 1],
    ]);
    assert.deepEqual(files, [join("data", "nodejs", "a.json"), join("data", "solidity", "b.json")]);
    writeFileSync(join(coverageDir, "data", "solidity", "b.json"), JSON.stringify({ aa: -1 }));
    assert.throws(() => readCoverageHits({ coverageDir }), InvalidCoverageDataError);
  });

  it("runs end to end on a project folder, and refuses hit data from other sources", () => {
    const root = join(scratch, "project");
    const write = (path: string, text: string) => {
      mkdirSync(dirname(join(root, path)), { recursive: true });
      writeFileSync(join(root, path), text);
    };
    write(FIXTURE_PATH, FIXTURE);
    write("tests/fixture.test.ts", 'it("takes the expression sides", async () => {});\n');
    const sides = [
      key("&& b > 1", "and", "left-decides"),
      key("|| b == 0", "or", "left-decides"),
      key("? a : b", "ternary", "true"),
      key("? a : b", "ternary", "false"),
      key("require(picked", "require", "fails"),
    ];
    const entry = { test: "takes the expression sides", file: "tests/fixture.test.ts", why: "x" };
    write("evidence.json", JSON.stringify({ sides: Object.fromEntries(sides.map((side) => [side, entry])) }));
    // The hits split over two runs' files, as `hardhat test --coverage` writes them.
    const all = [...hitsFrom(FULL_RUN)];
    write("coverage/data/nodejs/1.json", JSON.stringify(Object.fromEntries(all.slice(0, 10))));
    write("coverage/data/solidity/2.json", JSON.stringify(Object.fromEntries(all.slice(10))));
    const options = {
      rootDir: root,
      sourcesDir: "src",
      coverageDir: "coverage",
      evidencePath: "evidence.json",
      testsDir: "tests",
      toolsDir: REPO_ROOT,
    };
    const passing = runBranchCoverage(options);
    assert.equal(passing.exitCode, 0, passing.text);
    assert.match(passing.text, /Branches: 26\/26 \(100\.00%\)/);
    // FULL_RUN names every one of the fixture's 32 statements.
    assert.match(passing.text, /32 hit tags, all matched to the 32 statements EDR instruments in src/);

    write("coverage/data/solidity/3.json", JSON.stringify({ [`${"ab".repeat(32)}`]: 1 }));
    assert.throws(() => runBranchCoverage(options), StaleCoverageDataError);
    rmSync(join(root, "coverage/data/solidity/3.json"));

    const withoutEvidence = runBranchCoverage({ ...options, evidencePath: "none.json" });
    assert.equal(withoutEvidence.exitCode, 1);
    assert.match(withoutEvidence.text, /5 unprovable without a named test/);
    assert.equal(readFileSync(join(root, FIXTURE_PATH), "utf8"), FIXTURE);
  });
});
