import { describe, expect, it } from "vitest";
import { choleskyDecomposition } from "./choleskyDecomposition.ts";

describe("choleskyDecomposition", () => {
  it("decomposes a 2x2 correlation matrix as [[1, 0], [rho, sqrt(1 - rho^2)]]", () => {
    // Textbook form for a correlation matrix: L21 = rho, L22 = sqrt(1 - rho^2) = 0.6 for rho = 0.8.
    const lower = choleskyDecomposition([
      [1, 0.8],
      [0.8, 1],
    ]);
    expect(lower?.[0]).toEqual([1, 0]);
    expect(lower?.[1]?.[0]).toBeCloseTo(0.8, 15);
    expect(lower?.[1]?.[1]).toBeCloseTo(0.6, 15);
  });

  it("reproduces the matrix as L times L transposed", () => {
    const a = [
      [4, 12, -16],
      [12, 37, -43],
      [-16, -43, 98],
    ];
    // Known decomposition (Wikipedia, "Cholesky decomposition", example): L = [[2,0,0],[6,1,0],[-8,5,3]].
    expect(choleskyDecomposition(a)).toEqual([
      [2, 0, 0],
      [6, 1, 0],
      [-8, 5, 3],
    ]);
  });

  it("refuses a matrix that is not positive definite", () => {
    // Three assets each pairwise correlated -0.9 cannot exist: the smallest eigenvalue is 1 - 2 × 0.9 < 0.
    expect(
      choleskyDecomposition([
        [1, -0.9, -0.9],
        [-0.9, 1, -0.9],
        [-0.9, -0.9, 1],
      ]),
    ).toBeUndefined();
  });
});
