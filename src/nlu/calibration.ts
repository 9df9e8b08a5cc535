/**
 * Logistic calibration: turns the engine's raw signals into the probability that its top
 * candidate is right. Fitted at training time on out-of-fold predictions, so the figure means
 * the same on sentences the model has never seen.
 */
export interface Calibration {
  /** Names of the signals, in order, for readers of the artifact. */
  signals: string[];
  /** Intercept first, then one weight per signal. */
  weights: number[];
}

export function sigmoid(z: number): number {
  return 1 / (1 + Math.exp(-z));
}

export function calibratedConfidence(cal: Calibration, x: number[]): number {
  let z = cal.weights[0] ?? 0;
  for (let i = 0; i < x.length; i++) z += (cal.weights[i + 1] ?? 0) * (x[i] as number);
  return sigmoid(z);
}

/** Fits the weights by full-batch gradient descent with a small L2 penalty (deterministic). */
export function fitCalibration(signals: string[], rows: { x: number[]; y: 0 | 1 }[], epochs = 3000): Calibration {
  const dims = signals.length + 1;
  const w = new Array<number>(dims).fill(0);
  const lr = 0.5;
  const l2 = 1e-4;
  for (let epoch = 0; epoch < epochs; epoch++) {
    const grad = new Array<number>(dims).fill(0);
    for (const { x, y } of rows) {
      const err = calibratedConfidence({ signals, weights: w }, x) - y;
      grad[0] = (grad[0] as number) + err;
      for (let i = 0; i < x.length; i++) grad[i + 1] = (grad[i + 1] as number) + err * (x[i] as number);
    }
    for (let i = 0; i < dims; i++) {
      w[i] = (w[i] as number) - lr * ((grad[i] as number) / rows.length + (i > 0 ? l2 * (w[i] as number) : 0));
    }
  }
  return { signals, weights: w.map((v) => Math.round(v * 1e6) / 1e6) };
}
