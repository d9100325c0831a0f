/**
 * Counters and histograms labelled by one label (the operation), recorded without allocating:
 * prom-client's own observe() builds a label hash, a closure and a validation pass on every
 * call, which cost about a sixth of a `{ __typename }` request. These keep one slot per label
 * value and give prom-client's registry the same metric shape (get()) at scrape time.
 */
interface Slot {
  count: number;
  sum: number;
  /** Observations per bucket, not cumulative (the last is +Inf). */
  buckets: Float64Array;
}

interface MetricValue {
  value: number;
  labels: Record<string, string | number>;
  metricName?: string;
}

abstract class LabelledMetric {
  protected readonly slots = new Map<string, Slot>();

  constructor(
    readonly name: string,
    readonly help: string,
    protected readonly labelName: string,
    protected readonly bounds: number[] = [],
  ) {}

  protected slot(label: string): Slot {
    let slot = this.slots.get(label);
    if (!slot) {
      slot = { count: 0, sum: 0, buckets: new Float64Array(this.bounds.length + 1) };
      this.slots.set(label, slot);
    }
    return slot;
  }

  reset(): void {
    this.slots.clear();
  }

  /** The prom-client aggregator across cluster workers; unused here. */
  readonly aggregator = 'sum';
}

/** A counter with one label (prom-client's Registry reads it as it reads its own Counter). */
export class LabelledCounter extends LabelledMetric {
  readonly type = 'counter';

  inc(label: string, by = 1): void {
    this.slot(label).count += by;
  }

  async get(): Promise<{
    name: string;
    help: string;
    type: string;
    values: MetricValue[];
    aggregator: string;
  }> {
    const values = [...this.slots].map(([label, slot]) => ({
      value: slot.count,
      labels: { [this.labelName]: label },
    }));
    return {
      name: this.name,
      help: this.help,
      type: this.type,
      values,
      aggregator: this.aggregator,
    };
  }
}

/** A histogram with one label and fixed upper bounds. */
export class LabelledHistogram extends LabelledMetric {
  readonly type = 'histogram';

  observe(label: string, value: number): void {
    const slot = this.slot(label);
    slot.count += 1;
    slot.sum += value;
    let i = 0;
    while (i < this.bounds.length && value > this.bounds[i]) i += 1;
    slot.buckets[i] += 1;
  }

  async get(): Promise<{
    name: string;
    help: string;
    type: string;
    values: MetricValue[];
    aggregator: string;
  }> {
    const values: MetricValue[] = [];
    for (const [label, slot] of this.slots) {
      let cumulative = 0;
      this.bounds.forEach((bound, i) => {
        cumulative += slot.buckets[i];
        values.push({
          value: cumulative,
          labels: { le: bound, [this.labelName]: label },
          metricName: `${this.name}_bucket`,
        });
      });
      values.push({
        value: slot.count,
        labels: { le: '+Inf', [this.labelName]: label },
        metricName: `${this.name}_bucket`,
      });
      values.push({
        value: slot.sum,
        labels: { [this.labelName]: label },
        metricName: `${this.name}_sum`,
      });
      values.push({
        value: slot.count,
        labels: { [this.labelName]: label },
        metricName: `${this.name}_count`,
      });
    }
    return {
      name: this.name,
      help: this.help,
      type: this.type,
      values,
      aggregator: this.aggregator,
    };
  }
}
