import { specialCasesOf } from "./curated-companies";
import { buildFinancialHistory } from "./financials";
import { createRandom, type Random } from "./random";
import type {
  CanonicalRole,
  DemoCompany,
  DemoExecutive,
  DemoSecProfile,
  DemoSite,
  LeadershipLayout,
} from "./types";

/** Synthetic registrants live above the curated ones in the demo CIK range. */
export const SYNTHETIC_CIK_BASE = 9_910_001;

const FIRST = [
  "Ashford",
  "Bellmont",
  "Cedarline",
  "Drayton",
  "Elmhurst",
  "Foxhall",
  "Granite",
  "Hollis",
  "Inverness",
  "Jasper",
  "Kingsley",
  "Larkspur",
  "Maplewood",
  "Nettle",
  "Orchid",
  "Prescott",
  "Quill",
  "Rowan",
  "Sterling",
  "Thistle",
  "Upland",
  "Verity",
  "Willow",
  "Yarrow",
  "Alton",
  "Blythe",
  "Corwin",
  "Delmar",
  "Easton",
  "Fenwick",
  "Gilford",
  "Hawthorne",
  "Ivory",
  "Kendal",
  "Linden",
  "Marlow",
  "Newbury",
  "Osprey",
  "Pemberly",
  "Radley",
];
const MID = [
  "Ridge",
  "Harbor",
  "Valley",
  "Point",
  "Creek",
  "Summit",
  "Bay",
  "Field",
  "Crossing",
  "Hill",
  "Lake",
  "Grove",
  "Stone",
  "Brook",
  "Forge",
  "Haven",
  "Bridge",
  "Park",
  "Gate",
  "Meadow",
  "Peak",
  "Shore",
  "Mill",
  "Vale",
  "Rock",
  "Spring",
  "Glen",
  "Cove",
  "Heath",
  "Moor",
];

interface Sector {
  word: string;
  industry: string;
  sic: string;
  sicDescription: string;
  assetMultiple: number;
}

const SECTORS: Sector[] = [
  {
    word: "Software",
    industry: "Application software",
    sic: "7372",
    sicDescription: "Services-Prepackaged Software",
    assetMultiple: 1.5,
  },
  {
    word: "Systems",
    industry: "IT services",
    sic: "7373",
    sicDescription: "Services-Computer Integrated Systems Design",
    assetMultiple: 1.1,
  },
  {
    word: "Therapeutics",
    industry: "Biotechnology",
    sic: "2836",
    sicDescription: "Biological Products, (No Diagnostic Substances)",
    assetMultiple: 3,
  },
  {
    word: "Pharma",
    industry: "Pharmaceuticals",
    sic: "2834",
    sicDescription: "Pharmaceutical Preparations",
    assetMultiple: 2,
  },
  {
    word: "Devices",
    industry: "Medical devices",
    sic: "3841",
    sicDescription: "Surgical & Medical Instruments & Apparatus",
    assetMultiple: 1.7,
  },
  {
    word: "Semiconductor",
    industry: "Semiconductors",
    sic: "3674",
    sicDescription: "Semiconductors & Related Devices",
    assetMultiple: 1.6,
  },
  {
    word: "Energy",
    industry: "Oil and gas",
    sic: "1311",
    sicDescription: "Crude Petroleum & Natural Gas",
    assetMultiple: 2.5,
  },
  {
    word: "Power",
    industry: "Electric utilities",
    sic: "4911",
    sicDescription: "Electric Services",
    assetMultiple: 4,
  },
  {
    word: "Water",
    industry: "Water utilities",
    sic: "4941",
    sicDescription: "Water Supply",
    assetMultiple: 5,
  },
  {
    word: "Bancorp",
    industry: "Community banking",
    sic: "6022",
    sicDescription: "State Commercial Banks",
    assetMultiple: 11,
  },
  {
    word: "Financial",
    industry: "Consumer lending",
    sic: "6141",
    sicDescription: "Personal Credit Institutions",
    assetMultiple: 6,
  },
  {
    word: "Insurance",
    industry: "Property and casualty insurance",
    sic: "6331",
    sicDescription: "Fire, Marine & Casualty Insurance",
    assetMultiple: 3,
  },
  {
    word: "Realty",
    industry: "Real estate investment trust",
    sic: "6798",
    sicDescription: "Real Estate Investment Trusts",
    assetMultiple: 8,
  },
  {
    word: "Foods",
    industry: "Packaged foods",
    sic: "2000",
    sicDescription: "Food and Kindred Products",
    assetMultiple: 1.1,
  },
  {
    word: "Brands",
    industry: "Consumer products",
    sic: "2844",
    sicDescription: "Perfumes, Cosmetics & Other Toilet Preparations",
    assetMultiple: 1.2,
  },
  {
    word: "Apparel",
    industry: "Apparel retail",
    sic: "5651",
    sicDescription: "Retail-Family Clothing Stores",
    assetMultiple: 0.8,
  },
  {
    word: "Motors",
    industry: "Auto parts",
    sic: "3714",
    sicDescription: "Motor Vehicle Parts & Accessories",
    assetMultiple: 1,
  },
  {
    word: "Aerospace",
    industry: "Aerospace components",
    sic: "3728",
    sicDescription: "Aircraft Parts & Auxiliary Equipment, NEC",
    assetMultiple: 1.4,
  },
  {
    word: "Logistics",
    industry: "Freight and logistics",
    sic: "4731",
    sicDescription: "Arrangement of Transportation of Freight & Cargo",
    assetMultiple: 0.8,
  },
  {
    word: "Materials",
    industry: "Building materials",
    sic: "3270",
    sicDescription: "Concrete, Gypsum & Plaster Products",
    assetMultiple: 1.5,
  },
  {
    word: "Chemicals",
    industry: "Specialty chemicals",
    sic: "2860",
    sicDescription: "Industrial Organic Chemicals",
    assetMultiple: 1.4,
  },
  {
    word: "Media",
    industry: "Digital media",
    sic: "7812",
    sicDescription: "Services-Motion Picture & Video Tape Production",
    assetMultiple: 1.8,
  },
  {
    word: "Communications",
    industry: "Telecommunications",
    sic: "4813",
    sicDescription: "Telephone Communications (No Radiotelephone)",
    assetMultiple: 2.8,
  },
  {
    word: "Hospitality",
    industry: "Hotels and resorts",
    sic: "7011",
    sicDescription: "Hotels & Motels",
    assetMultiple: 2.2,
  },
  {
    word: "Industries",
    industry: "Industrial machinery",
    sic: "3560",
    sicDescription: "General Industrial Machinery & Equipment",
    assetMultiple: 1.3,
  },
];
const SUFFIXES = ["Inc", "Corp", "Holdings Inc", "Co", "Group Inc"];
const CITIES: [city: string, region: string, zip: string, area: string][] = [
  ["Austin", "TX", "78701", "512"],
  ["Charlotte", "NC", "28202", "704"],
  ["Columbus", "OH", "43215", "614"],
  ["Denver", "CO", "80202", "303"],
  ["Indianapolis", "IN", "46204", "317"],
  ["Kansas City", "MO", "64105", "816"],
  ["Nashville", "TN", "37203", "615"],
  ["Omaha", "NE", "68102", "402"],
  ["Phoenix", "AZ", "85004", "602"],
  ["Portland", "OR", "97204", "503"],
  ["Raleigh", "NC", "27601", "919"],
  ["Salt Lake City", "UT", "84111", "801"],
  ["San Diego", "CA", "92101", "619"],
  ["Tampa", "FL", "33602", "813"],
  ["Milwaukee", "WI", "53202", "414"],
];
const GIVEN = [
  "James",
  "Olivia",
  "Ethan",
  "Sophia",
  "Noah",
  "Amelia",
  "Liam",
  "Harper",
  "Mason",
  "Evelyn",
  "Lucas",
  "Abigail",
  "Henry",
  "Emily",
  "Owen",
  "Ella",
  "Caleb",
  "Scarlett",
  "Isaac",
  "Grace",
  "Julian",
  "Chloe",
  "Aaron",
  "Zoe",
  "Miguel",
  "Lucia",
  "Andre",
  "Naomi",
  "Rohan",
  "Aisha",
  "Wei",
  "Mina",
  "Tobias",
  "Ingrid",
  "Kofi",
  "Adaeze",
  "Diego",
  "Valeria",
  "Hiro",
  "Yara",
  "Samir",
  "Leila",
  "Connor",
  "Bridget",
  "Felix",
  "Nadia",
  "Victor",
  "Elena",
];
const FAMILY = [
  "Abbott",
  "Bancroft",
  "Carrington",
  "Delgado",
  "Eastwood",
  "Farrell",
  "Galloway",
  "Hendricks",
  "Ibarra",
  "Jansen",
  "Kaur",
  "Lockhart",
  "Mbeki",
  "Norwood",
  "Ostrowski",
  "Pritchard",
  "Quintero",
  "Rasmussen",
  "Sandoval",
  "Thackeray",
  "Underhill",
  "Valdez",
  "Winslow",
  "Yoshida",
  "Zimmerman",
  "Ashworth",
  "Beaumont",
  "Castellano",
  "Donnelly",
  "Eriksen",
  "Fairclough",
  "Gutierrez",
  "Holbrook",
  "Iyer",
  "Kowalczyk",
  "Lindholm",
  "Moreno",
  "Nakagawa",
  "Okonjo",
  "Pellegrini",
  "Ramanathan",
  "Sorensen",
  "Takahashi",
  "Vaughan",
  "Whitlock",
  "Adebayo",
  "Brennan",
  "Chandrasekar",
  "Dimitrov",
  "Esposito",
];
const OTHER_ROLES: [title: string, role: CanonicalRole][] = [
  ["Chief Operating Officer", "COO"],
  ["Chief Technology Officer", "CTO"],
  ["Chief Information Officer", "CIO"],
  ["Executive Vice President and General Counsel", "General Counsel"],
  ["Chief Marketing Officer", "CMO"],
  ["Chief Human Resources Officer", "CHRO"],
  ["Vice President and Chief Accounting Officer", "CAO"],
  ["President", "President"],
];
const LAYOUTS: LeadershipLayout[] = ["cards", "table", "json-ld", "headings", "microdata", "board"];
const LINKS: [label: string, path: string][] = [
  ["Leadership", "leadership"],
  ["Our Team", "about/team"],
  ["Leadership Team", "company/leadership"],
  ["Management", "about/management"],
  ["Executive Team", "who-we-are/executive-team"],
  ["Team", "team"],
];
const FISCAL_YEAR_ENDS = ["1231", "1231", "1231", "1231", "1231", "0630", "0930", "0331"];
const FILING_LAYOUTS = ["table", "inline", "paragraphs"] as const;
const PERMUTATION_SIZE = FIRST.length * MID.length * SECTORS.length;

/** Four-letter base-26 code after an "X", so synthetic tickers never collide with curated ones. */
function tickerFor(index: number): string {
  let code = "";
  let rest = index;
  for (let i = 0; i < 4; i++) {
    code = String.fromCharCode(65 + (rest % 26)) + code;
    rest = Math.floor(rest / 26);
  }
  return `X${code}`;
}

function personName(random: Random, taken: Set<string>): string {
  for (;;) {
    const name = `${random.pick(GIVEN)} ${random.pick(FAMILY)}`;
    if (!taken.has(name)) {
      taken.add(name);
      return name;
    }
  }
}

function officers(random: Random, taken: Set<string>): DemoExecutive[] {
  const officer = (title: string, role: CanonicalRole): DemoExecutive => ({
    name: personName(random, taken),
    title,
    role,
    age: random.int(38, 66),
    officerSince: random.int(2006, 2023),
  });
  const team = [
    officer(random.pick(["Chief Executive Officer", "President and Chief Executive Officer"]), "CEO"),
    officer(
      random.pick(["Chief Financial Officer", "Executive Vice President and Chief Financial Officer"]),
      "CFO",
    ),
  ];
  const extra = random.int(1, 5);
  const start = random.int(0, OTHER_ROLES.length - 1);
  for (let i = 0; i < extra; i++) {
    const [title, role] = OTHER_ROLES[(start + i) % OTHER_ROLES.length] ?? ["President", "President"];
    team.push(officer(title, role));
  }
  return team;
}

function syntheticCompany(index: number, seed: number): DemoCompany {
  const random = createRandom(seed * 1_000_003 + index);
  // A multiplicative permutation spreads consecutive indexes over distinct name combinations.
  const slot = (index * 7919 + seed * 104_729) % PERMUTATION_SIZE;
  const first = FIRST[slot % FIRST.length] ?? "Ashford";
  const mid = MID[Math.floor(slot / FIRST.length) % MID.length] ?? "Ridge";
  const sector = SECTORS[Math.floor(slot / (FIRST.length * MID.length))] ?? (SECTORS[0] as Sector);
  const name = `${first} ${mid} ${sector.word} ${SUFFIXES[index % SUFFIXES.length]}`;
  const key = `${first}-${mid}-${sector.word}-${tickerFor(index)}`.toLowerCase();
  const cik = SYNTHETIC_CIK_BASE + index;
  const [city, region, zip, area] = random.pick(CITIES);
  const latestRevenue = Math.round(10 ** random.between(8, 10.3));
  const fiscalYearEnd = random.pick(FISCAL_YEAR_ENDS);
  const history = buildFinancialHistory(
    {
      latestFy: 2024,
      yearCount: random.int(3, 6),
      fiscalYearEnd,
      latestRevenue,
      growth: random.between(-0.03, 0.2),
      margin: random.next() < 0.12 ? random.between(-0.3, -0.02) : random.between(0.02, 0.2),
      assetMultiple: sector.assetMultiple,
      restate: false,
    },
    random,
  );
  const rfc = "RevenueFromContractWithCustomerExcludingAssessedTax";
  const sec: DemoSecProfile = {
    cik,
    tickers: [tickerFor(index)],
    exchanges: [random.next() < 0.5 ? "Nasdaq" : "NYSE"],
    sic: sector.sic,
    sicDescription: sector.sicDescription,
    stateOfIncorporation: random.next() < 0.7 ? "DE" : region,
    fiscalYearEnd,
    category: latestRevenue > 2e9 ? "Large accelerated filer" : "Accelerated filer",
    ein: String(800_000_000 + cik).slice(-9),
    address: {
      street1: `${random.int(100, 9900)} ${random.pick(MID).toUpperCase()} STREET`,
      city: city.toUpperCase(),
      stateOrCountry: region,
      stateOrCountryDescription: region,
      zipCode: zip,
    },
    phone: `(${area}) 555-${String(random.int(100, 9999)).padStart(4, "0")}`,
    formerNames: [],
    taxonomy: "us-gaap",
    currency: "USD",
    annualForm: "10-K",
    revenueConcepts:
      random.next() < 0.2
        ? [
            { fromFy: 0, concept: "Revenues" },
            { fromFy: 2023, concept: rfc },
          ]
        : [{ fromFy: 0, concept: rfc }],
    filingLayout: random.pick(FILING_LAYOUTS),
    ...history,
    interimQuarters: 2,
  };
  const taken = new Set<string>();
  const executives = officers(random, taken);
  const layout = random.pick(LAYOUTS);
  const [linkLabel, leadershipPath] = random.pick(LINKS);
  const placementRoll = random.next();
  const site: DemoSite = {
    slug: key,
    layout,
    placement: placementRoll < 0.04 ? "sitemap-only" : placementRoll < 0.2 ? "footer" : "nav",
    linkLabel,
    language: "en",
    pages: { about: "about", products: "products", contact: "contact", leadership: leadershipPath },
    latencyMs: 0,
    // A steady trickle of broken sites keeps the benchmark honest about partial profiles.
    fault: index % 50 === 49 ? "leadership-500" : "none",
    board:
      layout === "board"
        ? [
            { name: personName(random, taken), title: "Chair of the Board" },
            { name: personName(random, taken), title: "Independent Director" },
            { name: personName(random, taken), title: "Independent Director" },
            { name: executives[0]?.name ?? "", title: "Director" },
          ]
        : [],
    tagline: `${sector.industry} from ${city}.`,
    founded: random.int(1900, 2018),
    employees: random.int(50, 40_000),
  };
  const company = {
    key,
    name,
    industry: sector.industry,
    origin: "synthetic" as const,
    executives,
    sec,
    site,
  };
  return { ...company, specialCases: specialCasesOf(company, false) };
}

/** `count` procedurally generated registrants; company i is the same whatever the count. */
export function syntheticCompanies(count: number, seed: number): DemoCompany[] {
  if (count > PERMUTATION_SIZE)
    throw new RangeError(`syntheticCount is limited to ${PERMUTATION_SIZE} unique names`);
  return Array.from({ length: count }, (_, index) => syntheticCompany(index, seed));
}
