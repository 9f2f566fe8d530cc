/** One measured figure, as stored in `bench/results.json`. */
export interface Metric {
  value: number;
  unit: string;
}

/** Metrics keyed by their dotted name, e.g. `contract.anchorBatch.gas`. */
export type Metrics = Record<string, Metric>;
