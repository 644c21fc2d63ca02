import { escapeHtml } from "./html";
import { createRandom } from "./random";
import type { DemoCompany, DemoExecutive, DemoSite } from "./types";

/** Root-relative path of a site page; "" is the homepage. */
export function sitePath(site: DemoSite, page: string): string {
  return `/sites/${site.slug}/${page}`;
}

const WORDS = {
  en: {
    home: "Home",
    products: "Products",
    about: "About us",
    contact: "Contact",
    executives: "Executive Leadership",
    board: "Board of Directors",
    rights: "All rights reserved.",
    loading: "Loading our team…",
  },
  de: {
    home: "Startseite",
    products: "Produkte",
    about: "Unternehmen",
    contact: "Kontakt",
    executives: "Der Vorstand",
    board: "Aufsichtsrat",
    rights: "Alle Rechte vorbehalten.",
    loading: "Unser Team wird geladen …",
  },
} as const;

/**
 * Half the sites write document-relative links, as hand-made sites do, so crawlers must
 * resolve them against the page they are on (`../` from nested pages).
 */
function href(site: DemoSite, from: string, to: string): string {
  if (site.founded % 2 === 0) return sitePath(site, to);
  const up = "../".repeat(from.split("/").length - 1);
  return `${up}${to}` || "./";
}

function layout(
  company: DemoCompany,
  site: DemoSite,
  current: string,
  title: string,
  main: string,
  head = "",
): string {
  const words = WORDS[site.language];
  const link = (page: string, label: string): string =>
    `<li><a href="${href(site, current, page)}">${escapeHtml(label)}</a></li>`;
  const leadershipLink = link(site.pages.leadership, site.linkLabel);
  const nav = [
    link("", words.home),
    link(site.pages.products, words.products),
    link(site.pages.about, words.about),
    site.placement === "nav" ? leadershipLink : "",
    link(site.pages.contact, words.contact),
  ].join("");
  const footer = [
    link(site.pages.about, words.about),
    site.placement === "sitemap-only" ? "" : leadershipLink,
    link(site.pages.contact, words.contact),
  ].join("");
  return `<!DOCTYPE html>
<html lang="${site.language}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)}</title>
<link rel="sitemap" type="application/xml" href="${sitePath(site, "sitemap.xml")}">
${head}</head>
<body>
<header class="site-header"><a class="logo" href="${href(site, current, "")}">${escapeHtml(company.name)}</a>
<nav aria-label="Main"><ul>${nav}</ul></nav></header>
<main>
${main}
</main>
<footer class="site-footer"><ul>${footer}</ul>
<p>© 2025 ${escapeHtml(company.name)}. ${words.rights}</p></footer>
</body>
</html>
`;
}

const titleOf = (officer: DemoExecutive): string => officer.siteTitle ?? officer.title;

function bio(company: DemoCompany, site: DemoSite, officer: DemoExecutive): string {
  return site.language === "de"
    ? `${officer.name} ist seit ${officer.officerSince} Mitglied des Vorstands der ${company.name}.`
    : `${officer.name} joined ${company.name} in ${officer.officerSince} and serves as ${titleOf(officer)}.`;
}

// A 1×1 placeholder keeps the portrait markup real without serving image files.
const PORTRAIT = "data:image/gif;base64,R0lGODlhAQABAAAAACw=";

function cards(people: { name: string; title: string; bio?: string }[]): string {
  return `<div class="team-grid">\n${people
    .map(
      (person) => `<article class="team-card">
<img src="${PORTRAIT}" alt="Portrait of ${escapeHtml(person.name)}">
<h3 class="team-card__name">${escapeHtml(person.name)}</h3>
<p class="team-card__title">${escapeHtml(person.title)}</p>
${person.bio ? `<p class="team-card__bio">${escapeHtml(person.bio)}</p>` : ""}
</article>`,
    )
    .join("\n")}\n</div>`;
}

function leadershipMain(company: DemoCompany, site: DemoSite): { main: string; head: string } {
  const words = WORDS[site.language];
  const people = company.executives.map((officer) => ({
    name: officer.name,
    title: titleOf(officer),
    bio: bio(company, site, officer),
  }));
  const heading = `<h1>${escapeHtml(site.linkLabel)}</h1>`;
  switch (site.layout) {
    case "cards":
      return {
        head: "",
        main: `<section class="leadership">${heading}\n${cards(people)}</section>`,
      };
    case "table":
      return {
        head: "",
        main: `${heading}\n<table class="officers"><thead><tr><th>Name</th><th>Title</th></tr></thead><tbody>\n${people
          .map((p) => `<tr><td>${escapeHtml(p.name)}</td><td>${escapeHtml(p.title)}</td></tr>`)
          .join("\n")}\n</tbody></table>`,
      };
    case "json-ld": {
      // The visible page is an empty app shell; only the structured data names the team.
      const data = {
        "@context": "https://schema.org",
        "@type": "Organization",
        name: company.name,
        employee: people.map((p) => ({ "@type": "Person", name: p.name, jobTitle: p.title })),
      };
      return {
        head: `<script type="application/ld+json">${JSON.stringify(data).replaceAll("<", "\\u003c")}</script>\n`,
        main: `${heading}\n<div id="team-root" data-state="loading">${words.loading}</div>`,
      };
    }
    case "headings":
      return {
        head: "",
        main: `${heading}\n${people
          .map(
            (p) =>
              `<section class="leader">\n<h2>${escapeHtml(p.name)}</h2>\n<h4>${escapeHtml(p.title)}</h4>\n<p>${escapeHtml(p.bio)}</p>\n</section>`,
          )
          .join("\n")}`,
      };
    case "microdata":
      return {
        head: "",
        main: `${heading}\n<ul class="people">\n${people
          .map(
            (p) =>
              `<li itemscope itemtype="https://schema.org/Person"><span itemprop="name">${escapeHtml(p.name)}</span> — <span itemprop="jobTitle">${escapeHtml(p.title)}</span></li>`,
          )
          .join("\n")}\n</ul>`,
      };
    case "board":
      return {
        head: "",
        main: `${heading}\n<section id="executives"><h2>${words.executives}</h2>\n${cards(people)}</section>
<section id="board"><h2>${words.board}</h2>\n${cards(site.board)}</section>`,
      };
  }
}

/** The homepage: navigation, a pitch, and a CEO quote that is not the leadership page. */
export function renderHomepage(company: DemoCompany, site: DemoSite): string {
  const ceo = company.executives.find((officer) => officer.role === "CEO") ?? company.executives[0];
  const quote = ceo
    ? `<blockquote><p>${site.language === "de" ? "Wir bauen auf Qualität." : "We build for the long run."}</p><cite>${escapeHtml(ceo.name)}, ${escapeHtml(titleOf(ceo))}</cite></blockquote>`
    : "";
  return layout(
    company,
    site,
    "",
    `${company.name} — ${site.tagline}`,
    `<section class="hero"><h1>${escapeHtml(company.name)}</h1><p>${escapeHtml(site.tagline)}</p>
<a class="button" href="${href(site, "", site.pages.products)}">${WORDS[site.language].products}</a></section>
${quote}`,
  );
}

/** The leadership page in the site's layout (cards, table, JSON-LD, headings, microdata, board). */
export function renderLeadershipPage(company: DemoCompany, site: DemoSite): string {
  const { main, head } = leadershipMain(company, site);
  return layout(company, site, site.pages.leadership, `${site.linkLabel} | ${company.name}`, main, head);
}

export function renderAboutPage(company: DemoCompany, site: DemoSite): string {
  const text =
    site.language === "de"
      ? `${company.name} wurde ${site.founded} gegründet und beschäftigt rund ${site.employees.toLocaleString("de-DE")} Mitarbeitende.`
      : `${company.name} was founded in ${site.founded} and employs about ${site.employees.toLocaleString("en-US")} people in ${company.industry.toLowerCase()}.`;
  return layout(
    company,
    site,
    site.pages.about,
    `${WORDS[site.language].about} | ${company.name}`,
    `<h1>${WORDS[site.language].about}</h1>\n<p>${escapeHtml(text)}</p>`,
  );
}

export function renderProductsPage(company: DemoCompany, site: DemoSite): string {
  return layout(
    company,
    site,
    site.pages.products,
    `${WORDS[site.language].products} | ${company.name}`,
    `<h1>${WORDS[site.language].products}</h1>\n<p>${escapeHtml(site.tagline)}</p>`,
  );
}

export function renderContactPage(company: DemoCompany, site: DemoSite): string {
  const address = company.sec?.address;
  const where = address ? `${address.street1}, ${address.city}` : company.industry;
  return layout(
    company,
    site,
    site.pages.contact,
    `${WORDS[site.language].contact} | ${company.name}`,
    `<h1>${WORDS[site.language].contact}</h1>\n<address>${escapeHtml(where)}</address>`,
  );
}

/** sitemap.xml with absolute URLs, the only route to the leadership page for sitemap-only sites. */
export function renderSitemap(site: DemoSite, baseUrl: string): string {
  const pages = ["", site.pages.about, site.pages.products, site.pages.leadership, site.pages.contact];
  return `<?xml version="1.0" encoding="UTF-8"?>
<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
${pages.map((page) => `<url><loc>${baseUrl}${sitePath(site, page)}</loc><lastmod>2025-06-01</lastmod></url>`).join("\n")}
</urlset>
`;
}

/** What a broken homepage returns: bytes that are not HTML at all, the same on every call. */
export function garbageBytes(site: DemoSite): Buffer {
  const random = createRandom(site.founded * 7919 + site.employees);
  const bytes = Buffer.alloc(2048);
  // Stay clear of "<" so no parser can mistake a fragment for markup.
  for (let i = 0; i < bytes.length; i++) {
    const byte = random.int(0, 255);
    bytes[i] = byte === 60 ? 0 : byte;
  }
  return bytes;
}
