export {
  type CostLine,
  estimateCost,
  type LambdaUsage,
  type RunUsage,
  runUsage,
  TypicalColdRun,
  UnitPrices,
} from "./pricing";
