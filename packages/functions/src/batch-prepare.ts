import { readSetting } from "@dossier/core/config";
import { prepareBatch } from "@dossier/core/pipeline";
import { companyIdFor, companyIdResolvedBy } from "@dossier/core/profile";
import { BatchRequested, type CompanyRequest } from "@dossier/events";
import { onTaskEvent } from "./shared/boundary";
import { pipeline } from "./shared/clients";
import { logger } from "./shared/observability";
import { tickerIndex } from "./shared/sec";

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

/** BatchFanOut task: open the batch ledger and page the requests into S3. */
export const handler = onTaskEvent([BatchRequested], ({ detail }) =>
  prepareBatch(pipeline, detail, companyIdOf),
);
