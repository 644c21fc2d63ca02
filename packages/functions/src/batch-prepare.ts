import { readSetting } from "@dossier/core/config";
import {
  announceLeadershipFilings,
  filingActivity,
  partCacheKey,
  planWatchlistRefresh,
  prepareBatch,
} from "@dossier/core/pipeline";
import { companyIdFor, companyIdResolvedBy } from "@dossier/core/profile";
import { BatchRequested, type CompanyRequest, type Part } from "@dossier/events";
import { bedrockFallback } from "./shared/bedrock";
import { onTaskEvent } from "./shared/boundary";
import { cache, objects, pipeline, store } from "./shared/clients";
import { logger } from "./shared/observability";
import { secClient, tickerIndex } from "./shared/sec";

/**
 * How the batch names each company's profile: by CIK when SEC's ticker list resolves a ticker or
 * name to one registrant. Best effort: without SEC settings, or with SEC unreachable, the batch
 * still fans out, with the ids the request alone gives.
 */
async function companyIdOf(companies: CompanyRequest[]): Promise<(company: CompanyRequest) => string> {
  // A CIK needs no lookup: the ticker list is loaded only for companies named otherwise.
  if (!readSetting("DOSSIER_SEC_USER_AGENT") || companies.every((company) => company.cik))
    return companyIdFor;
  try {
    const index = await tickerIndex();
    return (company) => companyIdResolvedBy(index, company);
  } catch (error) {
    logger.warn("batch ids without SEC's ticker list", { error: (error as Error).message });
    return companyIdFor;
  }
}

/**
 * A watchlist's refresh plan: SEC's daily indexes say which companies filed since their profile
 * (their 8-Ks with Item 5.02 are announced as Leadership.ChangeFiled); without SEC settings every
 * company is simply extracted.
 */
async function planRefresh({
  watchlist,
  asOf,
  batchId,
  parts,
}: {
  watchlist: string;
  asOf: Date;
  batchId: string;
  parts: readonly Part[];
}) {
  const members = await store().watchlists.members(watchlist);
  const filersOn = readSetting("DOSSIER_SEC_USER_AGENT")
    ? filingActivity({ sec: secClient(), objects: objects(), now: () => new Date() })
    : undefined;
  const plan = await planWatchlistRefresh(pipeline, members, filersOn, asOf, {
    parts,
    websitePartCached: async ({ companyId, company }) =>
      (await cache().get("part-leadership", partCacheKey("leadership", companyId, company))) !== undefined,
  });
  const announced = filersOn
    ? await announceLeadershipFilings(
        pipeline,
        secClient(),
        plan.requests,
        { batchId, watchlist },
        bedrockFallback(),
      )
    : 0;
  logger.info("watchlist refresh planned", {
    watchlist,
    runs: plan.requests.length,
    filed: plan.filed,
    reused: plan.reused,
    unchanged: plan.unchanged,
    extracted: plan.extracted,
    indexDays: plan.indexDays.length,
    leadershipFilings: announced,
  });
  return plan;
}

/** BatchFanOut task: open the batch ledger and page the requests into S3. */
export const handler = onTaskEvent([BatchRequested], ({ detail }) =>
  prepareBatch(pipeline, detail, { namerFor: companyIdOf, planRefresh }),
);
