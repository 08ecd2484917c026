import { describe, expect, it } from "vitest";
import { createConcurrencyLimit } from "./concurrencyLimit.ts";

const tick = () => new Promise<void>((resolve) => setImmediate(resolve));

describe("createConcurrencyLimit", () => {
  it("runs at most `max` tasks at once, starting waiting tasks in arrival order", async () => {
    const limit = createConcurrencyLimit(2);
    const started: number[] = [];
    let running = 0;
    let peak = 0;
    const gates = Array.from({ length: 5 }, () => {
      let resolve = () => {};
      const promise = new Promise<void>((done) => {
        resolve = done;
      });
      return { promise, resolve };
    });
    const results = gates.map((gate, i) =>
      limit.run(async () => {
        started.push(i);
        running++;
        peak = Math.max(peak, running);
        await gate.promise;
        running--;
        return i;
      }),
    );
    await tick();
    expect(started).toEqual([0, 1]);
    expect(limit.active).toBe(2);
    expect(limit.waiting).toBe(3);
    gates[1]?.resolve(); // the second finishes first: the third (not a later one) takes its slot
    await tick();
    expect(started).toEqual([0, 1, 2]);
    for (const gate of gates) gate.resolve();
    expect(await Promise.all(results)).toEqual([0, 1, 2, 3, 4]);
    expect(peak).toBe(2);
    expect(limit.active).toBe(0);
  });

  it("frees the slot of a task that throws", async () => {
    const limit = createConcurrencyLimit(1);
    await expect(limit.run(async () => Promise.reject(new Error("boom")))).rejects.toThrow("boom");
    expect(await limit.run(async () => "next")).toBe("next");
    expect(limit.active).toBe(0);
  });

  it("refuses a limit below 1", () => {
    expect(() => createConcurrencyLimit(0)).toThrow(/positive integer/);
  });
});
