// Imported before any function exists: SST reads a component's link grants when a function links it.
// Each keeps the properties SST's own link exposes (`Resource.Table.name`, …) and narrows the grant.
import { linkGrant } from "./policies";

sst.Linkable.wrap(sst.aws.Dynamo, (table) => ({
  properties: { name: table.name },
  include: [sst.aws.permission(linkGrant("Table", [table.arn, $interpolate`${table.arn}/*`]))],
}));

sst.Linkable.wrap(sst.aws.Bucket, (bucket) => ({
  properties: { name: bucket.name },
  include: [sst.aws.permission(linkGrant("Bucket", [bucket.arn, $interpolate`${bucket.arn}/*`]))],
}));

sst.Linkable.wrap(sst.aws.Bus, (bus) => ({
  properties: { name: bus.name, arn: bus.arn },
  include: [sst.aws.permission(linkGrant("Bus", [bus.arn]))],
}));
