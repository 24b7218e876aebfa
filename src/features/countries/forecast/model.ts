// Gradient-boosted decision trees for a binary target (logistic loss), small and deterministic:
// features are cut into at most MAX_BINS quantile bins of the training rows, each tree is grown
// depth-first to a fixed depth on a seeded subsample of rows and features, and leaves take the
// Newton step -G / (H + lambda) scaled by the learning rate; rows may carry weights (recency), and
// several such models on their own seeds may be averaged. Same data, same seed: same model.
import { seededRandom } from '../../../platform/prng.ts';

export interface GbmParams {
  trees: number;
  depth: number;
  learningRate: number;
  lambda: number;
  minChildWeight: number;
  rowSample: number;
  featureSample: number;
  seed: number;
  /** Models averaged (in log-odds), each with its own seed; 1 when absent. */
  bags?: number;
  /**
   * Training rows weighted by recency: a row this many years older than the latest training year
   * counts half (recencyWeights); every row counts the same when absent.
   */
  halfLife?: number;
}

/**
 * Chosen on a fixed early split (origins 1994-2004, training on the years before each; all before
 * the backtest's first origin, 2005): two seeded models of 50 trees of depth 7 (feature sample 0.3)
 * averaged, training rows weighted by recency (half-life 10 years): 0.872 / 0.874 ROC-AUC there,
 * the best of every candidate, against 0.852 / 0.858 for the earlier depth-6 model. One seed scored
 * 0.865 / 0.867 at half the CPU (docs/performance.md, Forecast).
 */
export const DEFAULT_PARAMS: GbmParams = {
  trees: 50,
  depth: 7,
  learningRate: 0.12,
  lambda: 1,
  minChildWeight: 0.5,
  rowSample: 0.8,
  featureSample: 0.3,
  seed: 20240601,
  bags: 2,
  halfLife: 10,
};

/** Row weights for training on `years` up to `lastYear`: 1 for lastYear, 1/2 halfLife years before. */
export function recencyWeights(
  years: readonly number[],
  lastYear: number,
  halfLife?: number,
): Float64Array | undefined {
  if (halfLife === undefined) return undefined;
  return Float64Array.from(years, (year) => 0.5 ** ((lastYear - year) / halfLife));
}

const MAX_BINS = 32;

/** An internal node keeps the value it would have as a leaf, so a forecast can be explained. */
type Node = { leaf: number } | { feature: number; bin: number; value: number; left: Node; right: Node };

export interface Bins {
  /** cuts[f]: ascending upper bounds; bin b holds values <= cuts[f][b] (last bin: the rest). */
  cuts: Float64Array[];
}

export interface GbmModel {
  bins: Bins;
  base: number;
  trees: Node[];
  learningRate: number;
}

/** Quantile cut points of each column over the given rows. */
export function fitBins(columns: readonly Float64Array[], rows: readonly number[]): Bins {
  const cuts = columns.map((column) => {
    const values = Float64Array.from(rows, (r) => column[r]!).sort();
    const out: number[] = [];
    for (let b = 1; b < MAX_BINS; b++) {
      const v = values[Math.floor((b * values.length) / MAX_BINS)];
      if (v !== undefined && (out.length === 0 || v > out[out.length - 1]!)) out.push(v);
    }
    return Float64Array.from(out);
  });
  return { cuts };
}

function binOf(cuts: Float64Array, v: number): number {
  let lo = 0;
  let hi = cuts.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (v < cuts[mid]!) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}

/** columns binned with `bins`: binned[f][row]. */
export function applyBins(bins: Bins, columns: readonly Float64Array[]): Uint8Array[] {
  return columns.map((column, f) => Uint8Array.from(column, (v) => binOf(bins.cuts[f]!, v)));
}

const sigmoid = (z: number) => 1 / (1 + Math.exp(-z));

const STRIDE = MAX_BINS + 1;

/**
 * Trains on rows `train` of the binned matrix with labels y (indexed like the matrix rows).
 * `binned` must come from applyBins with `bins`.
 */
export function trainGbm(
  bins: Bins,
  binned: readonly Uint8Array[],
  y: ArrayLike<number>,
  train: readonly number[],
  params: GbmParams = DEFAULT_PARAMS,
  weights?: ArrayLike<number>,
): GbmModel {
  const bags = params.bags ?? 1;
  if (bags === 1) return trainOne(bins, binned, y, train, params, weights);
  // the average of `bags` models is one model whose trees are all theirs, each leaf scaled by 1/bags
  const scale = (node: Node): Node =>
    'leaf' in node
      ? { leaf: node.leaf / bags }
      : { ...node, value: node.value / bags, left: scale(node.left), right: scale(node.right) };
  const models = Array.from({ length: bags }, (_, b) =>
    trainOne(bins, binned, y, train, { ...params, seed: params.seed + 7919 * b }, weights),
  );
  return { ...models[0]!, trees: models.flatMap((m) => m.trees.map(scale)) };
}

function trainOne(
  bins: Bins,
  binned: readonly Uint8Array[],
  y: ArrayLike<number>,
  train: readonly number[],
  params: GbmParams,
  weights?: ArrayLike<number>,
): GbmModel {
  const random = seededRandom(params.seed);
  const rows = Int32Array.from(train);
  const n = rows.length;
  let positives = 0;
  for (const r of rows) positives += y[r]!;
  const rate = Math.min(1 - 1e-6, Math.max(1e-6, positives / Math.max(1, n)));
  const base = Math.log(rate / (1 - rate));
  const size = binned[0]?.length ?? 0;
  const score = new Float64Array(size).fill(base);
  const g = new Float64Array(size);
  const h = new Float64Array(size);
  const trees: Node[] = [];
  const features = binned.length;
  const nbins = bins.cuts.map((c) => c.length + 1);

  /** Gradient and hessian histograms of the rows `idx`, for each feature of the tree's set. */
  const histogram = (idx: Int32Array, featureSet: Int32Array): Float64Array => {
    const hist = new Float64Array(featureSet.length * STRIDE * 2);
    for (let j = 0; j < featureSet.length; j++) {
      const column = binned[featureSet[j]!]!;
      const offset = j * STRIDE * 2;
      for (let k = 0; k < idx.length; k++) {
        const r = idx[k]!;
        const b = offset + column[r]! * 2;
        hist[b] = hist[b]! + g[r]!;
        hist[b + 1] = hist[b + 1]! + h[r]!;
      }
    }
    return hist;
  };

  const grow = (
    idx: Int32Array,
    depth: number,
    featureSet: Int32Array,
    G: number,
    H: number,
    given?: Float64Array,
  ): Node => {
    const leaf = { leaf: (-G / (H + params.lambda)) * params.learningRate };
    if (depth === 0 || H < 2 * params.minChildWeight) return leaf;
    const hist = given ?? histogram(idx, featureSet);
    const parentGain = (G * G) / (H + params.lambda);
    let bestGain = 1e-9;
    let bestJ = -1;
    let bestBin = -1;
    let bestGL = 0;
    let bestHL = 0;
    for (let j = 0; j < featureSet.length; j++) {
      const nb = nbins[featureSet[j]!]!;
      const offset = j * STRIDE * 2;
      let GL = 0;
      let HL = 0;
      for (let b = 0; b < nb - 1; b++) {
        GL += hist[offset + b * 2]!;
        HL += hist[offset + b * 2 + 1]!;
        const HR = H - HL;
        if (HL < params.minChildWeight || HR < params.minChildWeight) continue;
        const GR = G - GL;
        const gain = (GL * GL) / (HL + params.lambda) + (GR * GR) / (HR + params.lambda) - parentGain;
        if (gain > bestGain) {
          bestGain = gain;
          bestJ = j;
          bestBin = b;
          bestGL = GL;
          bestHL = HL;
        }
      }
    }
    if (bestJ < 0) return leaf;
    const feature = featureSet[bestJ]!;
    const column = binned[feature]!;
    let nLeft = 0;
    for (let k = 0; k < idx.length; k++) if (column[idx[k]!]! <= bestBin) nLeft++;
    const left = new Int32Array(nLeft);
    const right = new Int32Array(idx.length - nLeft);
    let a = 0;
    let c = 0;
    for (let k = 0; k < idx.length; k++) {
      const r = idx[k]!;
      if (column[r]! <= bestBin) left[a++] = r;
      else right[c++] = r;
    }
    // the smaller child is counted, the larger one is the parent minus it
    let leftHist: Float64Array | undefined;
    let rightHist: Float64Array | undefined;
    if (depth > 1) {
      const small = nLeft <= idx.length - nLeft ? left : right;
      const smallHist = histogram(small, featureSet);
      const largeHist = hist.map((v, i) => v - smallHist[i]!);
      [leftHist, rightHist] = small === left ? [smallHist, largeHist] : [largeHist, smallHist];
    }
    return {
      feature,
      bin: bestBin,
      value: leaf.leaf,
      left: grow(left, depth - 1, featureSet, bestGL, bestHL, leftHist),
      right: grow(right, depth - 1, featureSet, G - bestGL, H - bestHL, rightHist),
    };
  };

  for (let t = 0; t < params.trees; t++) {
    for (const r of rows) {
      const p = sigmoid(score[r]!);
      const w = weights ? weights[r]! : 1;
      g[r] = w * (p - y[r]!);
      h[r] = w * Math.max(p * (1 - p), 1e-12);
    }
    const sample = rows.filter(() => random() < params.rowSample);
    let featureList = Array.from({ length: features }, (_, f) => f).filter(() => random() < params.featureSample);
    if (featureList.length === 0) featureList = [0];
    let G = 0;
    let H = 0;
    for (const r of sample) {
      G += g[r]!;
      H += h[r]!;
    }
    const tree = grow(sample, params.depth, Int32Array.from(featureList), G, H);
    trees.push(tree);
    for (const r of rows) score[r] = score[r]! + leafValue(tree, binned, r);
  }
  return { bins, base, trees, learningRate: params.learningRate };
}

function leafValue(tree: Node, binned: readonly Uint8Array[], row: number): number {
  let node = tree;
  while (!('leaf' in node)) node = binned[node.feature]![row]! <= node.bin ? node.left : node.right;
  return node.leaf;
}

/** Probabilities for the given rows of a matrix binned with the model's bins. */
export function predictGbm(model: GbmModel, binned: readonly Uint8Array[], rows: readonly number[]): number[] {
  return rows.map((r) => sigmoid(model.trees.reduce((s, tree) => s + leafValue(tree, binned, r), model.base)));
}

export interface Explanation {
  /** log-odds before any feature: the base rate plus every tree's root value. */
  bias: number;
  /** Per feature, the log-odds it added along the forecast's paths (sums with bias to the logit). */
  contributions: Float64Array;
}

/**
 * Attributes one forecast to the features by the trees' own structure (Saabas' path method): at
 * each split the change from the node's value to the child's is credited to the split feature.
 */
export function explainGbm(model: GbmModel, binned: readonly Uint8Array[], row: number): Explanation {
  const contributions = new Float64Array(binned.length);
  let bias = model.base;
  for (const tree of model.trees) {
    let node = tree;
    bias += 'leaf' in node ? node.leaf : node.value;
    while (!('leaf' in node)) {
      const next: Node = binned[node.feature]![row]! <= node.bin ? node.left : node.right;
      const nextValue = 'leaf' in next ? next.leaf : next.value;
      contributions[node.feature] = contributions[node.feature]! + nextValue - node.value;
      node = next;
    }
  }
  return { bias, contributions };
}
