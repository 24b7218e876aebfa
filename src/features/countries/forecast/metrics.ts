// Scores for binary forecasts, computed as DemSpaces reports them (R's yardstick): ROC-AUC (the
// area under the ROC curve, ties counted half), PR-AUC (trapezoidal area under yardstick's
// precision-recall curve, which starts at recall 0, precision 1 and has one point per distinct
// probability), and log-loss (mean negative log-likelihood, probabilities clipped away from 0 and 1).

/** ROC-AUC by the rank-sum (Mann-Whitney) form, equal to the trapezoidal area with tied scores. */
export function rocAuc(truth: readonly (0 | 1)[], p: readonly number[]): number {
  const order = p.map((_, i) => i).sort((a, b) => p[a]! - p[b]!);
  let positives = 0;
  let rankSum = 0;
  for (let start = 0; start < order.length;) {
    let end = start;
    while (end + 1 < order.length && p[order[end + 1]!] === p[order[start]!]) end++;
    const rank = (start + end) / 2 + 1; // average rank of the tie group, 1-based
    for (let k = start; k <= end; k++) {
      if (truth[order[k]!] === 1) {
        positives++;
        rankSum += rank;
      }
    }
    start = end + 1;
  }
  const negatives = order.length - positives;
  if (positives === 0 || negatives === 0) return Number.NaN;
  return (rankSum - (positives * (positives + 1)) / 2) / (positives * negatives);
}

export interface PrPoint {
  threshold: number;
  recall: number;
  precision: number;
}

/** yardstick's pr_curve: (Inf, 0, 1) first, then one point per distinct probability, highest first. */
export function prCurve(truth: readonly (0 | 1)[], p: readonly number[]): PrPoint[] {
  const order = p.map((_, i) => i).sort((a, b) => p[b]! - p[a]!);
  const positives = truth.filter((t) => t === 1).length;
  const curve: PrPoint[] = [{ threshold: Infinity, recall: 0, precision: 1 }];
  let tp = 0;
  let fp = 0;
  for (let k = 0; k < order.length; k++) {
    if (truth[order[k]!] === 1) tp++;
    else fp++;
    const next = order[k + 1];
    if (next === undefined || p[next] !== p[order[k]!]) {
      curve.push({
        threshold: p[order[k]!]!,
        recall: positives === 0 ? Number.NaN : tp / positives,
        precision: tp / (tp + fp),
      });
    }
  }
  return curve;
}

/** Trapezoidal area under yardstick's PR curve. */
export function prAuc(truth: readonly (0 | 1)[], p: readonly number[]): number {
  const curve = prCurve(truth, p);
  let area = 0;
  for (let i = 1; i < curve.length; i++) {
    const a = curve[i - 1]!;
    const b = curve[i]!;
    area += ((b.recall - a.recall) * (a.precision + b.precision)) / 2;
  }
  return area;
}

/** Mean log-loss, probabilities clipped to [eps, 1 - eps] with eps the double machine epsilon (as yardstick). */
export function logLoss(truth: readonly (0 | 1)[], p: readonly number[]): number {
  const eps = Number.EPSILON;
  let sum = 0;
  for (let i = 0; i < p.length; i++) {
    const q = Math.min(1 - eps, Math.max(eps, p[i]!));
    sum += truth[i] === 1 ? -Math.log(q) : -Math.log(1 - q);
  }
  return sum / p.length;
}
