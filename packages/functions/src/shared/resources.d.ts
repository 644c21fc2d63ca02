// The resources the stacks link to functions, as `Resource.X` sees them. SST generates an
// equivalent sst-env.d.ts on deploy; this declaration lets the code type-check without one.
import "sst";

declare module "sst" {
  export interface Resource {
    Table: { name: string; type: "sst.aws.Dynamo" };
    Bucket: { name: string; type: "sst.aws.Bucket" };
    Bus: { name: string; arn: string; type: "sst.aws.Bus" };
  }
}
