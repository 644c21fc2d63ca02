export const GraphRegion = "us-east-1";
export const GraphAccount = "123456789012";

export interface RecordedResource {
  type: string;
  name: string;
  /** The ARN the mocks gave it: scoped as AWS scopes the name (rules by bus, aliases by machine). */
  arn: string;
  /** Its name in AWS: the explicit one, or Pulumi's auto-name `<name>-<7 hex>`. */
  physical: string;
  inputs: Record<string, unknown>;
}

export interface ResourceGraph {
  stage: string;
  dev: boolean;
  resources: RecordedResource[];
  /** The handlers SST asked its CLI to build, by function. */
  builds: BuiltHandler[];
  outputs: Record<string, unknown>;
  invokes: string[];
}

export interface BuiltHandler {
  functionId: string;
  handler: string;
}
