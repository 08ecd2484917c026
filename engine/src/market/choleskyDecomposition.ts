/**
 * Cholesky decomposition A = L·Lᵀ of a symmetric positive-definite matrix (Cholesky–Banachiewicz,
 * row by row). Returns the lower-triangular L, or undefined when A is not positive definite
 * (a pivot is not above 1e-12), which for a correlation matrix means the correlations contradict
 * each other. The synthetic generator uses L to turn independent normals into correlated ones.
 */
export function choleskyDecomposition(matrix: readonly (readonly number[])[]): number[][] | undefined {
  const n = matrix.length;
  const lower: number[][] = Array.from({ length: n }, () => new Array<number>(n).fill(0));
  for (let i = 0; i < n; i++) {
    const rowI = lower[i] as number[];
    for (let j = 0; j <= i; j++) {
      const rowJ = lower[j] as number[];
      let sum = matrix[i]?.[j] ?? Number.NaN;
      for (let k = 0; k < j; k++) sum -= (rowI[k] as number) * (rowJ[k] as number);
      if (i === j) {
        if (!(sum > 1e-12)) return undefined;
        rowI[i] = Math.sqrt(sum);
      } else {
        rowI[j] = sum / (rowJ[j] as number);
      }
    }
  }
  return lower;
}
