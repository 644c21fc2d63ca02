import { describe, expect, it } from "vitest";
import { median, percentile, round } from "./stats";

describe("percentile", () => {
  it("takes the nearest-rank sample, like the batch summary", () => {
    const samples = [50, 10, 40, 20, 30];
    expect(percentile(samples, 0.5)).toBe(30);
    expect(percentile(samples, 0.95)).toBe(50);
    expect(percentile(samples, 0)).toBe(10);
  });

  it("is NaN without samples, so an empty run cannot pass a target", () => {
    expect(percentile([], 0.5)).toBeNaN();
  });
});

describe("median", () => {
  it("takes the middle sample of an odd count and the mean of the middle two of an even one", () => {
    expect(median([3, 1, 2])).toBe(2);
    expect(median([4, 1, 3, 2])).toBe(2.5);
  });

  it("does not reorder the caller's samples", () => {
    const samples = [3, 1, 2];
    median(samples);
    expect(samples).toEqual([3, 1, 2]);
  });
});

describe("round", () => {
  it("rounds to the given number of decimals", () => {
    expect(round(2.345_67, 2)).toBe(2.35);
    expect(round(1234.56)).toBe(1234.6);
  });
});
