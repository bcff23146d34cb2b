package packer.cli.bench;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** Measurements of one quantity, and the order statistics a noisy machine calls for. */
final class Samples {

  private final List<Double> values = new ArrayList<>();

  static Samples of(double... values) {
    Samples samples = new Samples();
    for (double value : values) {
      samples.add(value);
    }
    return samples;
  }

  void add(double value) {
    values.add(value);
  }

  boolean isEmpty() {
    return values.isEmpty();
  }

  int size() {
    return values.size();
  }

  double median() {
    double[] sorted = sorted();
    int n = sorted.length;
    return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
  }

  double min() {
    return sorted()[0];
  }

  double max() {
    double[] sorted = sorted();
    return sorted[sorted.length - 1];
  }

  /** The nearest-rank percentile: the smallest value with at least {@code p}% of values at or below it. */
  double percentile(double p) {
    double[] sorted = sorted();
    int rank = (int) Math.ceil(p / 100 * sorted.length);
    return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))];
  }

  private double[] sorted() {
    if (values.isEmpty()) {
      throw new IllegalStateException("no samples");
    }
    double[] sorted = new double[values.size()];
    for (int i = 0; i < sorted.length; i++) {
      sorted[i] = values.get(i);
    }
    Arrays.sort(sorted);
    return sorted;
  }
}
