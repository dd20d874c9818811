"""Generate large, realistic, valid data-flow maps for benchmarking.

The output is deterministic: the same options and seed always give byte-identical files
(a seeded ``random.Random``; nothing depends on the clock or on string hashing).

    python benchmarks/generate.py --size large -o benchmarks/data/large.yaml
    python benchmarks/generate.py --processors 5000 --flows 50000 -o benchmarks/data/large.yaml
    python benchmarks/generate.py --size medium --split 8 -o benchmarks/data/medium-split

The map is shaped like a real one rather than a uniform random graph: about 5% of the
processors collect data from data subjects, and flows mostly follow a random directed
acyclic graph rooted at those collectors (plus a few back edges, so there are cycles). A flow
only carries categories and subjects that its sender has received or collected, so data
really moves outwards from the collection points. Popularity is skewed (a few warehouses,
CRMs and analytics vendors receive much of the data), countries come from a realistic mix
(including ``NO``, written plain, as a user would), and some flows declare volumes and
safeguards.

With ``--split N`` the map is written as a directory of N files: ``map.yaml`` holds the
header, categories and subjects and lists the other files under ``include``; every file has
``dataflow: 1``, so both ``DIR/map.yaml`` and ``DIR`` load the same map. Each processor's
outgoing flows are in the same file as the processor.
"""

from __future__ import annotations

import argparse
import bisect
import datetime
import itertools
import json
import re
import sys
import time
from pathlib import Path
from random import Random

import yaml

PRESETS: dict[str, tuple[int, int]] = {
    "small": (50, 500),
    "medium": (500, 5_000),
    "large": (5_000, 50_000),
}
DEFAULT_SEED = 20240611
AS_OF = "2025-07-01"
HOME = "KR"

# --------------------------------------------------------------------------------------------
# Vocabulary
# --------------------------------------------------------------------------------------------

# (id, name, sensitive, parent); a parent is always listed before its children.
CATEGORIES: list[tuple[str, str, bool, str | None]] = [
    ("user.identity", "Identity", False, None),
    ("user.identity.name", "Full name", False, "user.identity"),
    ("user.identity.username", "Username", False, "user.identity"),
    ("user.identity.date_of_birth", "Date of birth", False, "user.identity"),
    ("user.identity.gender", "Gender", False, "user.identity"),
    ("user.identity.national_id", "Resident registration number", True, "user.identity"),
    ("user.identity.passport", "Passport number", False, "user.identity"),
    ("user.identity.photo", "Profile photo", False, "user.identity"),
    ("user.contact", "Contact details", False, None),
    ("user.contact.email", "Email address", False, "user.contact"),
    ("user.contact.phone", "Phone number", False, "user.contact"),
    ("user.contact.address", "Postal address", False, "user.contact"),
    ("user.contact.delivery_address", "Delivery address", False, "user.contact"),
    ("user.account.id", "Account ID", False, None),
    ("user.account.credentials", "Password hash", False, None),
    ("user.account.preferences", "Preferences", False, None),
    ("user.account.language", "Language", False, None),
    ("user.device.id", "Device identifier", False, None),
    ("user.device.ip_address", "IP address", False, None),
    ("user.device.user_agent", "User agent", False, None),
    ("user.device.push_token", "Push notification token", False, None),
    ("user.location.precise", "Precise location", True, None),
    ("user.location.coarse", "Approximate location", False, None),
    ("user.financial", "Financial data", False, None),
    ("user.financial.card", "Payment card", False, "user.financial"),
    ("user.financial.bank_account", "Bank account", False, "user.financial"),
    ("user.financial.credit_score", "Credit score", False, "user.financial"),
    ("user.financial.income", "Income", False, "user.financial"),
    ("user.commerce.orders", "Order history", False, None),
    ("user.commerce.cart", "Shopping cart", False, None),
    ("user.commerce.returns", "Returns and refunds", False, None),
    ("user.behavior.browsing", "Browsing history", False, None),
    ("user.behavior.search", "Search queries", False, None),
    ("user.behavior.clicks", "Click stream", False, None),
    ("user.behavior.ad_interactions", "Advertising interactions", False, None),
    ("user.behavior.inferred_interests", "Inferred interests", False, None),
    ("user.communication.support_tickets", "Support tickets", False, None),
    ("user.communication.chat", "Chat messages", False, None),
    ("user.communication.call_recordings", "Call recordings", False, None),
    ("user.communication.reviews", "Product reviews", False, None),
    ("user.health", "Health data", True, None),
    ("user.health.prescription", "Prescription", True, "user.health"),
    ("user.health.condition", "Medical condition", True, "user.health"),
    ("user.health.fitness", "Fitness and activity", True, "user.health"),
    ("user.biometric.face", "Face geometry", True, None),
    ("user.biometric.fingerprint", "Fingerprint template", True, None),
    ("user.sensitive.religion", "Religious belief", True, None),
    ("user.sensitive.political_opinion", "Political opinion", True, None),
    ("user.sensitive.union_membership", "Trade union membership", True, None),
    ("user.sensitive.criminal_record", "Criminal record", True, None),
    ("user.sensitive.sexual_orientation", "Sexual orientation", True, None),
    ("employee.hr.record", "HR record", False, None),
    ("employee.hr.salary", "Salary", False, "employee.hr.record"),
    ("employee.hr.performance", "Performance review", False, "employee.hr.record"),
    ("employee.hr.bank_account", "Salary bank account", False, "employee.hr.record"),
    ("employee.hr.sick_leave", "Sick leave", True, "employee.hr.record"),
    ("employee.access.badge", "Badge access log", False, None),
    ("employee.access.login", "Workstation login log", False, None),
    ("applicant.cv", "Curriculum vitae", False, None),
    ("applicant.interview_notes", "Interview notes", False, None),
    ("supplier.contact", "Supplier contact person", False, None),
]

# Categories a collection point gathers together, by theme.
COLLECTION_THEMES: list[list[str]] = [
    [
        "user.identity.name",
        "user.contact.email",
        "user.contact.phone",
        "user.account.id",
        "user.account.credentials",
        "user.identity.date_of_birth",
    ],
    [
        "user.contact.delivery_address",
        "user.commerce.orders",
        "user.commerce.cart",
        "user.financial.card",
        "user.contact.phone",
        "user.commerce.returns",
    ],
    [
        "user.device.id",
        "user.device.ip_address",
        "user.device.user_agent",
        "user.behavior.browsing",
        "user.behavior.clicks",
        "user.behavior.search",
        "user.location.coarse",
    ],
    [
        "user.device.push_token",
        "user.location.precise",
        "user.account.preferences",
        "user.account.language",
        "user.behavior.ad_interactions",
    ],
    [
        "user.communication.support_tickets",
        "user.communication.chat",
        "user.communication.call_recordings",
        "user.contact.email",
        "user.communication.reviews",
    ],
    [
        "user.financial.bank_account",
        "user.financial.credit_score",
        "user.financial.income",
        "user.identity.national_id",
        "user.identity.passport",
    ],
    [
        "user.health.prescription",
        "user.health.condition",
        "user.health.fitness",
        "user.biometric.face",
        "user.identity.photo",
    ],
    [
        "user.biometric.fingerprint",
        "user.identity.gender",
        "user.identity.username",
        "user.sensitive.religion",
        "user.sensitive.political_opinion",
        "user.sensitive.sexual_orientation",
    ],
    [
        "employee.hr.record",
        "employee.hr.salary",
        "employee.hr.performance",
        "employee.hr.bank_account",
        "employee.hr.sick_leave",
        "user.sensitive.union_membership",
    ],
    [
        "employee.access.badge",
        "employee.access.login",
        "user.identity.name",
        "user.identity.photo",
    ],
    [
        "applicant.cv",
        "applicant.interview_notes",
        "user.sensitive.criminal_record",
        "user.contact.email",
    ],
    ["supplier.contact", "user.contact.email", "user.contact.phone"],
]

SUBJECTS: list[tuple[str, str]] = [
    ("customer", "Customers"),
    ("employee", "Employees"),
    ("visitor", "Website visitors"),
    ("applicant", "Job applicants"),
    ("supplier", "Supplier contacts"),
    ("minor", "Children under 14"),
    ("patient", "Patients"),
]

# A realistic mix of countries, with weights.
COUNTRIES: list[tuple[str, float]] = [
    ("KR", 20),
    ("US", 22),
    ("CN", 6),
    ("DE", 7),
    ("IE", 7),
    ("FR", 4),
    ("NL", 4),
    ("JP", 5),
    ("SG", 4),
    ("GB", 4),
    ("IN", 3),
    ("BR", 2),
    ("CH", 1.5),
    ("AU", 1.5),
    ("CA", 1.5),
    ("NO", 1.5),
    ("SE", 1),
    ("VN", 1),
    ("HK", 1),
    ("TW", 1),
    ("PL", 1),
    ("ES", 1),
    ("IT", 1),
    ("MX", 0.5),
    ("IL", 0.5),
    ("AE", 0.5),
    ("PH", 0.5),
    ("ID", 0.5),
]
EU_MEMBERS = frozenset(
    "AT BE BG HR CY CZ DK EE FI FR DE GR HU IE IT LV LT LU MT NL PL PT RO SK SI ES SE "
    "IS LI NO".split()
)

SYSTEMS: list[str] = [
    "CRM",
    "Billing",
    "Payments",
    "Checkout",
    "Order Service",
    "Data Warehouse",
    "Data Lake",
    "Analytics",
    "Email Service",
    "SMS Gateway",
    "Push Notifications",
    "Support Desk",
    "Call Center",
    "Identity Provider",
    "Fraud Detection",
    "Recommendation Engine",
    "Search",
    "Ad Server",
    "Attribution",
    "Loyalty Program",
    "Logistics",
    "Warehouse Management",
    "HR System",
    "Payroll",
    "Recruiting",
    "Access Control",
    "Backup",
    "Log Pipeline",
    "Monitoring",
    "Feature Store",
    "ML Training",
    "Survey Tool",
    "Customer Data Platform",
    "Marketing Automation",
    "Chat Support",
    "Document Storage",
    "KYC Verification",
    "Credit Bureau",
    "Tax Reporting",
    "Audit Archive",
]
QUALIFIERS: list[str] = [
    "",
    "",
    "",
    " Replica",
    " (Staging)",
    " Europe",
    " Asia",
    " Americas",
    " v2",
    " Legacy",
    " Batch",
    " Realtime",
    " Archive",
]

GROUP = "Hanbit"
GROUP_ENTITIES: dict[str, str] = {
    "KR": "Hanbit Commerce Co., Ltd.",
    "US": "Hanbit America Inc.",
    "CN": "Hanbit (Shanghai) Trading Co., Ltd.",
    "DE": "Hanbit Europe GmbH",
    "IE": "Hanbit Ireland Ltd.",
    "FR": "Hanbit France SAS",
    "NL": "Hanbit Benelux B.V.",
    "JP": "株式会社ハンビット・ジャパン",
    "SG": "Hanbit Asia Pte. Ltd.",
    "GB": "Hanbit UK Ltd.",
    "IN": "Hanbit India Pvt. Ltd.",
    "VN": "Hanbit Vietnam Co., Ltd.",
}
VENDOR_STEMS: list[str] = [
    "Acme",
    "Northwind",
    "Blue Harbor",
    "Cloudvale",
    "Datastream",
    "Evergreen",
    "Fjord",
    "Granite",
    "Helix",
    "Ironbark",
    "Juniper",
    "Kestrel",
    "Lumen",
    "Meridian",
    "Nimbus",
    "Orchid",
    "Pinecone",
    "Quartz",
    "Redwood",
    "Sakura",
    "Tidal",
    "Umbra",
    "Vertex",
    "Willow",
    "Xylo",
    "Yonder",
    "Zephyr",
    "Müller",
    "Søren",
    "Haneul",
]
VENDOR_TRADES: list[str] = [
    "Cloud",
    "Analytics",
    "Mail",
    "Pay",
    "Logistics",
    "Data",
    "Labs",
    "Metrics",
    "Support",
    "Ads",
    "Security",
    "Systems",
]
LEGAL_FORMS: dict[str, str] = {
    "US": "Inc.",
    "DE": "GmbH",
    "CH": "AG",
    "FR": "SAS",
    "NL": "B.V.",
    "IE": "Ltd.",
    "GB": "Ltd.",
    "KR": "Co., Ltd.",
    "JP": "K.K.",
    "SG": "Pte. Ltd.",
    "IN": "Pvt. Ltd.",
    "BR": "Ltda.",
    "NO": "AS",
    "SE": "AB",
    "AU": "Pty Ltd",
    "CA": "Inc.",
}
DESCRIPTIONS: list[str] = [
    "Managed SaaS; data stored in the vendor's own cloud tenancy",
    "Self-hosted on Kubernetes, operated by the platform team",
    "Read replica used for reporting only",
    "Receives pseudonymised identifiers where possible",
    "Access restricted to the on-call rotation",
    "Sub-processors listed in the vendor DPA, annex 3",
    "Scheduled for decommissioning after migration",
    "Holds data for the statutory retention period",
]
PURPOSES: list[str] = [
    "Delivering orders",
    "Processing payments",
    "Fraud prevention",
    "Customer support",
    "Account management",
    "Marketing emails",
    "Personalised recommendations",
    "Product analytics",
    "Advertising measurement",
    "Retargeting",
    "Identity verification",
    "Credit assessment",
    "Loyalty rewards",
    "Service monitoring",
    "Security incident response",
    "Backup and disaster recovery",
    "Payroll",
    "Recruiting",
    "Workforce management",
    "Legal obligations (tax)",
    "Audit",
    "Model training",
    "Search ranking",
    "Surveys and feedback",
    "Returns handling",
    "Notifications",
]
RETENTIONS: list[str] = [
    "30 days",
    "90 days",
    "6 months",
    "1 year",
    "2 years",
    "3 years",
    "5 years",
    "7 years",
    "10 years",
    "90 days after delivery",
    "until account deletion",
    "until consent is withdrawn",
    "3 years after last login",
    "5 years after contract end",
    "duration of employment plus 3 years",
    "24 hours",
    "transient (not stored)",
]
METHODS: list[str] = [
    "REST API call per event",
    "Nightly batch export",
    "Hourly batch export",
    "Kafka topic",
    "SFTP upload, daily",
    "Database replication",
    "Webhook",
    "gRPC call per request",
    "S3 bucket sync",
    "Manual CSV upload, monthly",
    "JavaScript SDK in the browser",
    "Mobile SDK",
    "Message queue",
    "Change data capture",
    "Email forwarding",
]
MECHANISMS: list[tuple[str, float]] = [
    ("scc", 50),
    ("consent", 20),
    ("contract_necessity", 15),
    ("bcr", 15),
]
REFERENCES: dict[str, list[str]] = {
    "scc": [
        "DPA v{n} with SCC module 2",
        "DPA v{n} with SCC module 3",
        "Standard contract {n}",
        "Data transfer agreement {n}",
    ],
    "consent": ["Checkout consent screen v{n}", "Sign-up consent v{n}", "App consent dialog v{n}"],
    "contract_necessity": ["Terms of service section {n}", "Privacy notice section {n}"],
    "bcr": ["Group BCR, approved version {n}", "Intra-group agreement {n}"],
}

# --------------------------------------------------------------------------------------------
# YAML scalars
# --------------------------------------------------------------------------------------------

_PLAIN_UNSAFE_START = set("-?:,[]{}#&*!|>'\"%@`")
_FLOW_UNSAFE = set(",[]{}")
_YAML12_SPECIAL = re.compile(r"^(?:0o[0-7]+|0x[0-9a-fA-F]+|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN))$")
_resolver = yaml.resolver.Resolver()
_scalar_cache: dict[tuple[str, bool], str] = {}


def scalar(value: str, flow: bool = False) -> str:
    """``value`` as a YAML scalar: plain when that reads back as the same string, else quoted.

    Checked against YAML 1.1 (PyYAML's implicit types: bools such as ``no`` and ``on``,
    numbers, dates, null) and the YAML 1.2 core schema. ``flow`` is for items of ``[a, b]``.
    """
    key = (value, flow)
    cached = _scalar_cache.get(key)
    if cached is not None:
        return cached
    plain = (
        value != ""
        and value == value.strip()
        and value[0] not in _PLAIN_UNSAFE_START
        and ": " not in value
        and " #" not in value
        and not value.endswith(":")
        and not any(ch in value for ch in "\t\n\r")
        and not (flow and (":" in value or any(ch in _FLOW_UNSAFE for ch in value)))
        and _resolver.resolve(yaml.ScalarNode, value, (True, False)) == "tag:yaml.org,2002:str"
        and not _YAML12_SPECIAL.match(value)
    )
    text = value if plain else json.dumps(value, ensure_ascii=False)
    _scalar_cache[key] = text
    return text


def flow_list(values: list[str]) -> str:
    return "[" + ", ".join(scalar(v, flow=True) for v in values) + "]"


def country_list(codes: list[str]) -> str:
    # Country codes are written plain, as users write them (``[NO]``, not ``["NO"]``): reading
    # them back as written is part of what the library must do.
    return "[" + ", ".join(codes) + "]"


_ASCII = str.maketrans({"ü": "ue", "ö": "oe", "ä": "ae", "ø": "o", "å": "a", "é": "e"})


def slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower().translate(_ASCII)).strip("-")


# --------------------------------------------------------------------------------------------
# The model
# --------------------------------------------------------------------------------------------


class Processor:
    __slots__ = (
        "collects",
        "contact",
        "certifications",
        "description",
        "entity",
        "id",
        "locations",
        "name",
        "role",
        "safeguards",
    )

    def __init__(self) -> None:
        self.id = ""
        self.name = ""
        self.entity = ""
        self.role = ""
        self.locations: list[str] = []
        self.contact: str | None = None
        self.certifications: list[str] | None = None
        self.description: str | None = None
        self.collects: list[tuple[list[str], list[str], list[str] | None]] = []
        self.safeguards: list[dict[str, object]] = []


class Flow:
    __slots__ = (
        "categories",
        "id",
        "method",
        "purpose",
        "retention",
        "safeguards",
        "source",
        "subjects",
        "target",
        "volume",
    )

    def __init__(self, source: int, target: int) -> None:
        self.id = ""
        self.source = source
        self.target = target
        self.categories: list[str] = []
        self.subjects: list[str] = []
        self.purpose = ""
        self.retention = ""
        self.method = ""
        self.volume: int | None = None
        self.safeguards: list[dict[str, object]] = []


class Map:
    def __init__(self, name: str) -> None:
        self.name = name
        self.categories = CATEGORIES
        self.subjects: list[tuple[str, str]] = []
        self.processors: list[Processor] = []
        self.flows: list[Flow] = []


def _weighted(rng: Random, items: list[tuple[str, float]]):
    values = [v for v, _ in items]
    cum = list(itertools.accumulate(w for _, w in items))

    def pick(k: int = 1) -> list[str]:
        return rng.choices(values, cum_weights=cum, k=k)

    return pick


def _jurisdiction_of(countries: list[str]) -> str:
    if any(c in EU_MEMBERS for c in countries):
        return "EU"
    if "KR" in countries:
        return "KR"
    if "CN" in countries:
        return "CN"
    return "EU"


def _safeguard(rng: Random, mechanism: str, jurisdiction: str) -> dict[str, object]:
    template = rng.choice(REFERENCES[mechanism])
    safeguard: dict[str, object] = {
        "mechanism": mechanism,
        "jurisdictions": [jurisdiction],
        "reference": template.format(n=rng.randint(1, 40)),
    }
    if rng.random() < 0.6:
        # Mostly in the future, some already expired at the map's as_of date.
        day = datetime.date(2024, 1, 1) + datetime.timedelta(days=rng.randrange(0, 6 * 365))
        safeguard["expires"] = day.isoformat()
    return safeguard


def build_map(n_processors: int, n_flows: int, seed: int, name: str) -> Map:
    if n_processors < 2:
        raise ValueError("at least 2 processors are needed")
    rng = Random(seed)
    pick_country = _weighted(rng, COUNTRIES)
    pick_mechanism = _weighted(rng, MECHANISMS)
    fmap = Map(name)

    # Subjects: customers always, plus 2 to 4 others.
    others = SUBJECTS[1:]
    fmap.subjects = [SUBJECTS[0], *rng.sample(others, rng.randint(2, 4))]
    subject_ids = [s for s, _ in fmap.subjects]

    # Vendors (legal entities) that the processors belong to.
    vendors: list[tuple[str, str, str, str]] = []  # (entity, country, short name, domain)
    seen: set[str] = set()
    while len(vendors) < max(8, n_processors // 8):
        country = pick_country()[0]
        stem = rng.choice(VENDOR_STEMS)
        trade = rng.choice(VENDOR_TRADES)
        entity = f"{stem} {trade} {LEGAL_FORMS.get(country, 'Ltd.')}"
        if entity in seen:
            entity = f"{stem} {trade} {country} {LEGAL_FORMS.get(country, 'Ltd.')}"
            if entity in seen:
                continue
        seen.add(entity)
        vendors.append((entity, country, stem, f"{slug(stem)}{slug(trade)}.example"))

    # Processors.
    n_collectors = max(1, round(n_processors * 0.05))
    collector_set = set(rng.sample(range(n_processors), n_collectors))
    used_ids: set[str] = set()
    for i in range(n_processors):
        p = Processor()
        system = rng.choice(SYSTEMS)
        kind = rng.random()
        if i in collector_set or kind < 0.45:
            # The group's own systems.
            p.role = "controller" if (i in collector_set or rng.random() < 0.5) else "processor"
            home = HOME if rng.random() < 0.45 else rng.choice(list(GROUP_ENTITIES))
            p.entity = GROUP_ENTITIES[home]
            p.name = f"{GROUP} {system}{rng.choice(QUALIFIERS)}"
            short = GROUP
            locations = [home]
        else:
            entity, home, short, domain = rng.choice(vendors)
            p.role = "processor" if kind < 0.85 else "third_party"
            p.entity = entity
            p.name = f"{short} {system}"
            locations = [home] if rng.random() < 0.6 else [pick_country()[0]]
            if rng.random() < 0.4:
                p.contact = f"privacy@{domain}"
        if rng.random() < 0.22:
            extra = pick_country()[0]
            if extra not in locations:
                locations.append(extra)
        p.locations = locations
        if "US" in locations and p.role != "controller" and rng.random() < 0.5:
            p.certifications = ["dpf"]
        if rng.random() < 0.12:
            p.description = rng.choice(DESCRIPTIONS)
        if p.role != "controller" and p.entity.startswith(GROUP) and rng.random() < 0.05:
            p.safeguards = [_safeguard(rng, "bcr", _jurisdiction_of(locations))]
        base = slug(system) + ("-" + slug(short) if p.role != "controller" else "")
        pid = f"{base}-{i:04d}"
        if pid in used_ids:  # cannot happen (the index is unique); kept as a guard
            raise AssertionError(pid)
        used_ids.add(pid)
        p.id = pid
        if i in collector_set:
            for _ in range(1 if rng.random() < 0.7 else 2):
                theme = rng.choice(COLLECTION_THEMES)
                cats = rng.sample(theme, rng.randint(2, min(6, len(theme))))
                subs = rng.sample(subject_ids, 1 if rng.random() < 0.75 else 2)
                roll = rng.random()
                if roll < 0.3:
                    origin = None  # the map's home
                elif roll < 0.8:
                    origin = list(dict.fromkeys([locations[0], *pick_country(rng.randint(0, 2))]))
                else:
                    origin = list(dict.fromkeys(pick_country(rng.randint(1, 3))))
                p.collects.append((cats, subs, origin))
        fmap.processors.append(p)

    # Ranks: collectors first, then everyone else; forward flows go from lower to higher rank.
    collectors = sorted(collector_set)
    rest = [i for i in range(n_processors) if i not in collector_set]
    rng.shuffle(collectors)
    rng.shuffle(rest)
    by_rank = collectors + rest
    rank = [0] * n_processors
    for r, i in enumerate(by_rank):
        rank[i] = r

    # Skewed popularity: a few processors send or receive much of the data.
    send_w = [min(rng.paretovariate(1.3), 60.0) for _ in range(n_processors)]
    recv_w = [min(rng.paretovariate(1.1), 120.0) for _ in range(n_processors)]
    for i in collectors:
        send_w[i] *= 4.0
        recv_w[i] *= 0.2

    edges: list[tuple[int, int]] = []
    # Every non-collector first gets one flow in from somewhere upstream (while flows last).
    fed = n_collectors
    budget_back = max(1, n_flows // 50) if n_flows >= 20 else 0
    budget_forward = n_flows - budget_back
    for r in range(n_collectors, n_processors):
        if len(edges) >= budget_forward:
            break
        # Prefer near-upstream senders: pick from the nearest (up to) 200 ranks, by weight.
        lo = max(0, r - 200)
        cands = by_rank[lo:r]
        src = rng.choices(cands, weights=[send_w[c] for c in cands], k=1)[0]
        edges.append((src, by_rank[r]))
        fed = r + 1
    # Only processors that have received (or collect) data can send.
    cum_send: list[float] = []
    total = 0.0
    for r, i in enumerate(by_rank):
        total += send_w[i] if r < fed else 0.0
        cum_send.append(total)
    receivers = by_rank[1:]
    cum_recv = list(itertools.accumulate(recv_w[i] for i in receivers))
    need = budget_forward - len(edges)
    targets = rng.choices(receivers, cum_weights=cum_recv, k=need) if need > 0 else []
    for dst in targets:
        r = rank[dst]
        src = by_rank[bisect.bisect_right(cum_send, rng.random() * cum_send[r - 1])]
        if src == dst:  # only possible through float rounding at the prefix edge
            src = by_rank[0]
        edges.append((src, dst))
    # Back edges (so there are cycles): from a downstream system back up to an upstream one.
    back: list[tuple[int, int]] = []
    fed_rest = by_rank[n_collectors:fed]
    if len(fed_rest) >= 2:
        for _ in range(n_flows - len(edges)):
            a, b = rng.sample(fed_rest, 2)
            back.append((a, b) if rank[a] > rank[b] else (b, a))
    while len(edges) + len(back) < n_flows:  # tiny maps: fill with forward flows from collectors
        edges.append((by_rank[0], by_rank[1 + rng.randrange(n_processors - 1)]))

    # Follow the data: process flows in rank order of their sender, so a sender's holdings are
    # complete before it sends anything on.
    cat_index = {c[0]: k for k, c in enumerate(CATEGORIES)}
    held_cats: list[set[int]] = [set() for _ in range(n_processors)]
    held_subs: list[set[int]] = [set() for _ in range(n_processors)]
    for i in collectors:
        for cats, subs, _ in fmap.processors[i].collects:
            held_cats[i].update(cat_index[c] for c in cats)
            held_subs[i].update(subject_ids.index(s) for s in subs)
    edges.sort(key=lambda e: rank[e[0]])
    flows: list[Flow] = []
    n_cats_weights = [40, 30, 18, 12]
    for src, dst in itertools.chain(edges, back):
        cats_pool = sorted(held_cats[src])
        subs_pool = sorted(held_subs[src])
        k = min(len(cats_pool), rng.choices((1, 2, 3, 4), weights=n_cats_weights)[0])
        chosen = sorted(rng.sample(cats_pool, k))
        ks = 1 if (len(subs_pool) == 1 or rng.random() < 0.8) else 2
        chosen_subs = sorted(rng.sample(subs_pool, ks))
        held_cats[dst].update(chosen)
        held_subs[dst].update(chosen_subs)
        f = Flow(src, dst)
        f.categories = [CATEGORIES[c][0] for c in chosen]
        f.subjects = [subject_ids[s] for s in chosen_subs]
        f.purpose = rng.choice(PURPOSES)
        f.retention = rng.choice(RETENTIONS)
        f.method = rng.choice(METHODS)
        if rng.random() < 0.2:
            f.volume = int(round(10 ** rng.uniform(2.0, 6.8), -2)) or 100
        s_loc = fmap.processors[src].locations
        cross_border = any(c not in s_loc for c in fmap.processors[dst].locations)
        if rng.random() < (0.3 if cross_border else 0.01):
            j = _jurisdiction_of(s_loc)
            f.safeguards = [_safeguard(rng, pick_mechanism()[0], j)]
            if rng.random() < 0.15:
                f.safeguards.append(_safeguard(rng, "consent", j))
        flows.append(f)

    # Written order: by sending processor, then in the order the flows were made.
    order = sorted(range(len(flows)), key=lambda k: flows[k].source)
    fmap.flows = [flows[k] for k in order]
    width = max(5, len(str(len(flows))))
    for n, f in enumerate(fmap.flows, 1):
        f.id = f"fl-{n:0{width}d}"
    return fmap


# --------------------------------------------------------------------------------------------
# Writing
# --------------------------------------------------------------------------------------------


def _write_safeguards(out: list[str], safeguards: list[dict[str, object]], indent: str) -> None:
    out.append(f"{indent}safeguards:\n")
    for s in safeguards:
        out.append(f"{indent}  - mechanism: {s['mechanism']}\n")
        out.append(f"{indent}    jurisdictions: {flow_list(s['jurisdictions'])}\n")  # type: ignore[arg-type]
        out.append(f"{indent}    reference: {scalar(str(s['reference']))}\n")
        if "expires" in s:
            out.append(f"{indent}    expires: {s['expires']}\n")


def _write_processor(out: list[str], p: Processor) -> None:
    out.append(f"  - id: {scalar(p.id)}\n")
    out.append(f"    name: {scalar(p.name)}\n")
    out.append(f"    entity: {scalar(p.entity)}\n")
    out.append(f"    role: {p.role}\n")
    out.append(f"    locations: {country_list(p.locations)}\n")
    if p.description is not None:
        out.append(f"    description: {scalar(p.description)}\n")
    if p.contact is not None:
        out.append(f"    contact: {scalar(p.contact)}\n")
    if p.certifications is not None:
        out.append(f"    certifications: {flow_list(p.certifications)}\n")
    if p.safeguards:
        _write_safeguards(out, p.safeguards, "    ")
    if p.collects:
        out.append("    collects:\n")
        for cats, subs, origin in p.collects:
            out.append(f"      - categories: {flow_list(cats)}\n")
            out.append(f"        subjects: {flow_list(subs)}\n")
            if origin is not None:
                out.append(f"        from: {country_list(origin)}\n")


def _write_flow(out: list[str], f: Flow, ids: list[str]) -> None:
    out.append(f"  - id: {f.id}\n")
    out.append(f"    from: {scalar(ids[f.source])}\n")
    out.append(f"    to: {scalar(ids[f.target])}\n")
    out.append(f"    categories: {flow_list(f.categories)}\n")
    out.append(f"    subjects: {flow_list(f.subjects)}\n")
    out.append(f"    purpose: {scalar(f.purpose)}\n")
    out.append(f"    retention: {scalar(f.retention)}\n")
    out.append(f"    method: {scalar(f.method)}\n")
    if f.volume is not None:
        out.append(f"    volume: {f.volume}\n")
    if f.safeguards:
        _write_safeguards(out, f.safeguards, "    ")


def _header(fmap: Map) -> list[str]:
    out = [
        "dataflow: 1\n",
        f"name: {scalar(fmap.name)}\n",
        f"home: {HOME}\n",
        f"as_of: {AS_OF}\n",
    ]
    return out


def _categories_and_subjects(fmap: Map) -> list[str]:
    out = ["categories:\n"]
    for cid, name, sensitive, parent in fmap.categories:
        item = f"  - {{id: {scalar(cid, True)}, name: {scalar(name, True)}"
        if sensitive:
            item += ", sensitive: true"
        if parent is not None:
            item += f", parent: {scalar(parent, True)}"
        out.append(item + "}\n")
    out.append("subjects:\n")
    for sid, name in fmap.subjects:
        out.append(f"  - {{id: {scalar(sid, True)}, name: {scalar(name, True)}}}\n")
    return out


def _body(fmap: Map, processors: list[int], flows: list[Flow]) -> list[str]:
    ids = [p.id for p in fmap.processors]
    out = ["processors:\n"]
    for i in processors:
        _write_processor(out, fmap.processors[i])
    if flows:
        out.append("flows:\n")
        for f in flows:
            _write_flow(out, f, ids)
    return out


def render(fmap: Map) -> str:
    """The whole map as the text of one file."""
    everything = range(len(fmap.processors))
    parts = _header(fmap) + _categories_and_subjects(fmap) + _body(fmap, everything, fmap.flows)
    return "".join(parts)


def render_split(fmap: Map, n_files: int) -> dict[str, str]:
    """The map as ``n_files`` files: ``map.yaml`` (which includes the others) and parts."""
    n_files = max(1, min(n_files, len(fmap.processors)))
    n = len(fmap.processors)
    bounds = [n * k // n_files for k in range(n_files + 1)]
    width = max(3, len(str(n_files - 1)))
    names = ["map.yaml"] + [f"part-{k:0{width}d}.yaml" for k in range(1, n_files)]
    flows_by_source: list[list[Flow]] = [[] for _ in range(n)]
    for f in fmap.flows:
        flows_by_source[f.source].append(f)
    files: dict[str, str] = {}
    for k, fname in enumerate(names):
        chunk = range(bounds[k], bounds[k + 1])
        flows = [f for i in chunk for f in flows_by_source[i]]
        if k == 0:
            out = _header(fmap)
            if n_files > 1:
                out.append("include:\n")
                out.extend(f"  - {scalar(other)}\n" for other in names[1:])
            out += _categories_and_subjects(fmap)
        else:
            out = ["dataflow: 1\n"]
        out += _body(fmap, chunk, flows)
        files[fname] = "".join(out)
    return files


# --------------------------------------------------------------------------------------------
# Command line
# --------------------------------------------------------------------------------------------


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        description="Generate a deterministic, valid data-flow map for benchmarks."
    )
    parser.add_argument("--size", choices=sorted(PRESETS), help="preset processors/flows")
    parser.add_argument("--processors", type=int, help="number of processors")
    parser.add_argument("--flows", type=int, help="number of flows")
    parser.add_argument("--seed", type=int, default=DEFAULT_SEED, help="random seed")
    parser.add_argument(
        "--split",
        type=int,
        metavar="N",
        help="write a directory of N files (map.yaml includes the others) instead of one file",
    )
    parser.add_argument(
        "-o", "--output", required=True, help="output file (or directory with --split)"
    )
    parser.add_argument("-q", "--quiet", action="store_true", help="print nothing on success")
    args = parser.parse_args(argv)
    preset = PRESETS[args.size] if args.size else PRESETS["small"]
    if args.processors is None:
        args.processors = preset[0]
    if args.flows is None:
        args.flows = preset[1]
    if args.processors < 2:
        parser.error("--processors must be at least 2")
    if args.flows < 0:
        parser.error("--flows must not be negative")
    if args.split is not None and args.split < 1:
        parser.error("--split must be at least 1")
    return args


def generate(
    processors: int,
    flows: int,
    output: str | Path,
    seed: int = DEFAULT_SEED,
    split: int | None = None,
) -> list[Path]:
    """Build the map and write it; returns the paths written."""
    label = next(
        (k for k, v in PRESETS.items() if v == (processors, flows)),
        f"{processors} processors, {flows} flows",
    )
    fmap = build_map(processors, flows, seed, f"{GROUP} Group ({label}, seed {seed})")
    output = Path(output)
    written: list[Path] = []
    if split is None:
        output.parent.mkdir(parents=True, exist_ok=True)
        output.write_text(render(fmap), encoding="utf-8", newline="\n")
        written.append(output)
    else:
        output.mkdir(parents=True, exist_ok=True)
        for fname, text in render_split(fmap, split).items():
            path = output / fname
            path.write_text(text, encoding="utf-8", newline="\n")
            written.append(path)
    return written


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    start = time.perf_counter()
    written = generate(args.processors, args.flows, args.output, args.seed, args.split)
    elapsed = time.perf_counter() - start
    if not args.quiet:
        size = sum(p.stat().st_size for p in written)
        where = written[0] if len(written) == 1 else f"{args.output} ({len(written)} files)"
        print(
            f"{where}: {args.processors} processors, {args.flows} flows, "
            f"{size / 1e6:.2f} MB, {elapsed:.2f} s",
            file=sys.stderr,
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
