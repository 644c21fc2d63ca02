// The package ships JavaScript only; the bench calls one method of its plugin class.
declare module "serverless-offline-aws-eventbridge" {
  export default class ServerlessOfflineAwsEventbridgePlugin {
    verifyIsSubscribed(subscriber: unknown, entry: unknown): boolean;
  }
}
