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
(including ``NO``, written plain, as a user would), and documentation is patchy: purpose,
retention, method, volume and safeguards are on some flows only.

With ``--split N`` the map is written as a directory of N files: ``map.yaml`` holds the
header, categories and subjects and lists the other files under ``include``; every file has
``dataflow: 1``, so both ``DIR/map.yaml`` and ``DIR`` load the same map. Each processor's
outgoing flows are in the same file as the processor.

``--verify`` checks the written map with PyYAML alone (see ``verify``).
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
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from random import Random

import yaml

PRESETS: dict[str, tuple[int, int]] = {
    "small": (50, 500),
    "medium": (500, 5_000),
    "large": (5_000, 50_000),
    "huge": (50_000, 500_000),
}
DEFAULT_SEED = 20240611
AS_OF = "2025-07-01"
HOME = "KR"

# --------------------------------------------------------------------------------------------
# Vocabulary
# --------------------------------------------------------------------------------------------


def _table(text: str) -> list[list[str]]:
    """Rows of a ``|``-separated table, one per non-empty line."""
    return [
        [cell.strip() for cell in line.split("|")] for line in text.strip().splitlines() if line
    ]


def _words(text: str) -> list[str]:
    return text.split()


# id | name | sensitive | parent (a parent is listed before its children)
CATEGORIES: list[tuple[str, str, bool, str | None]] = [
    (cid, name, sensitive == "yes", parent or None)
    for cid, name, sensitive, parent in _table(
        """
        identity              | Identity                      |     |
        identity.name         | Full name                     |     | identity
        identity.username     | Username                      |     | identity
        identity.birthdate    | Date of birth                 |     | identity
        identity.gender       | Gender                        |     | identity
        identity.rrn          | Resident registration number  | yes | identity
        identity.passport     | Passport number               |     | identity
        identity.photo        | Profile photo                 |     | identity
        contact               | Contact details               |     |
        contact.email         | Email address                 |     | contact
        contact.phone         | Phone number                  |     | contact
        contact.address       | Postal address                |     | contact
        account.id            | Account ID                    |     |
        account.password      | Password hash                 |     |
        account.settings      | Preferences                   |     |
        device.id             | Device identifier             |     |
        device.ip             | IP address                    |     |
        device.agent          | User agent                    |     |
        device.push           | Push notification token       |     |
        device.cookie         | Cookie identifier             |     |
        location.precise      | Precise location              | yes |
        location.coarse       | Approximate location          |     |
        finance               | Financial data                |     |
        finance.card          | Payment card                  |     | finance
        finance.bank          | Bank account                  |     | finance
        finance.credit        | Credit score                  |     | finance
        finance.income        | Income                        |     | finance
        order.history         | Order history                 |     |
        order.cart            | Shopping cart                 |     |
        order.returns         | Returns and refunds           |     |
        behavior.browsing     | Browsing history              |     |
        behavior.search       | Search queries                |     |
        behavior.clicks       | Click stream                  |     |
        behavior.ads          | Advertising interactions      |     |
        behavior.interests    | Inferred interests            |     |
        comms.tickets         | Support tickets               |     |
        comms.chat            | Chat messages                 |     |
        comms.calls           | Call recordings               |     |
        comms.reviews         | Product reviews               |     |
        health                | Health data                   | yes |
        health.prescription   | Prescription                  | yes | health
        health.condition      | Medical condition             | yes | health
        health.fitness        | Fitness and activity          | yes | health
        biometric.face        | Face geometry                 | yes |
        biometric.finger      | Fingerprint template          | yes |
        special.religion      | Religious belief              | yes |
        special.politics      | Political opinion             | yes |
        special.union         | Trade union membership        | yes |
        special.criminal      | Criminal record               | yes |
        special.orientation   | Sexual orientation            | yes |
        employee.hr           | HR record                     |     |
        employee.hr.salary    | Salary                        |     | employee.hr
        employee.hr.review    | Performance review            |     | employee.hr
        employee.hr.bank      | Salary bank account           |     | employee.hr
        employee.hr.sick      | Sick leave                    | yes | employee.hr
        employee.access.badge | Badge access log              |     |
        employee.access.login | Workstation login log         |     |
        applicant.cv          | Curriculum vitae              |     |
        applicant.interview   | Interview notes               |     |
        supplier.contact      | Supplier contact person       |     |
        """
    )
]

# What a collection point gathers together, by theme: the usual subject, the kind of system
# (a stem from SYSTEMS) that collects it, then the categories.
COLLECTION_THEMES: list[tuple[str, str, list[str]]] = [
    (head.split()[0], head.split()[1], cats.split())
    for head, cats in (
        line.split(":")
        for line in """
        customer idp: identity.name contact.email contact.phone account.id
        customer idp: account.password contact.email identity.username identity.birthdate
        customer checkout: contact.address order.history order.cart finance.card
        customer orders: order.returns order.history contact.address comms.reviews
        visitor analytics: device.id device.ip device.agent behavior.browsing device.cookie
        visitor search: behavior.search location.coarse behavior.interests behavior.clicks
        customer push: device.push location.precise account.settings behavior.ads
        customer support: comms.tickets comms.chat comms.calls contact.email
        customer kyc: finance.bank finance.credit finance.income identity.rrn
        patient surveys: health.prescription health.condition health.fitness biometric.face
        customer idp: biometric.finger identity.gender identity.photo identity.passport
        minor loyalty: identity.name identity.birthdate contact.email special.religion
        employee hr: employee.hr employee.hr.salary employee.hr.review employee.hr.bank
        employee access: employee.access.badge employee.access.login identity.name special.union
        applicant ats: applicant.cv applicant.interview special.criminal contact.email
        applicant ats: applicant.cv special.politics special.orientation employee.hr.sick
        supplier crm: supplier.contact contact.email contact.phone
        """.strip().splitlines()
    )
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

# A realistic mix of countries: code weight.
COUNTRIES: list[tuple[str, float]] = [
    (code, float(weight))
    for code, weight in (
        item.split(":")
        for item in _words(
            """
            KR:20 US:22 CN:6 DE:7 IE:7 FR:4 NL:4 JP:5 SG:4 GB:4 IN:3 BR:2 CH:1.5 AU:1.5 CA:1.5
            NO:1.5 SE:1 VN:1 HK:1 TW:1 PL:1 ES:1 IT:1 MX:0.5 IL:0.5 AE:0.5 PH:0.5 ID:0.5
            """
        )
    )
]
EEA = frozenset(
    _words(
        "AT BE BG HR CY CZ DK EE FI FR DE GR HU IE IT LV LT LU MT NL PL PT RO SK SI ES SE IS LI NO"
    )
)

# Systems: display name | short ID stem
SYSTEMS: list[list[str]] = _table(
    """
    CRM | crm
    Billing | billing
    Payments | pay
    Checkout | checkout
    Order Service | orders
    Data Warehouse | dwh
    Data Lake | lake
    Analytics | analytics
    Email Service | email
    SMS Gateway | sms
    Push Notifications | push
    Support Desk | support
    Call Center | calls
    Identity Provider | idp
    Fraud Detection | fraud
    Recommendations | recs
    Search | search
    Ad Server | ads
    Attribution | attrib
    Loyalty Program | loyalty
    Logistics | logistics
    Warehouse Management | wms
    HR System | hr
    Payroll | payroll
    Recruiting | ats
    Access Control | access
    Backup | backup
    Log Pipeline | logs
    Monitoring | monitor
    Feature Store | features
    ML Training | ml
    Survey Tool | surveys
    Customer Data Platform | cdp
    Marketing Automation | mkt
    Chat Support | chat
    Document Storage | docs
    KYC Verification | kyc
    Credit Bureau | credit
    Tax Reporting | tax
    Audit Archive | audit
    """
)
QUALIFIERS = ["", "", "", "", " Replica", " (Staging)", " Europe", " Asia", " v2", " Legacy"]

GROUP = "Hanbit"
GROUP_ENTITIES: dict[str, str] = dict(
    _table(  # type: ignore[arg-type]
        """
        KR | Hanbit Commerce Co., Ltd.
        US | Hanbit America Inc.
        CN | Hanbit (Shanghai) Trading Co., Ltd.
        DE | Hanbit Europe GmbH
        IE | Hanbit Ireland Ltd.
        FR | Hanbit France SAS
        NL | Hanbit Benelux B.V.
        JP | 株式会社ハンビット・ジャパン
        SG | Hanbit Asia Pte. Ltd.
        GB | Hanbit UK Ltd.
        IN | Hanbit India Pvt. Ltd.
        VN | Hanbit Vietnam Co., Ltd.
        """
    )
)
VENDOR_STEMS = _words(
    """
    Acme Northwind Cloudvale Datastream Evergreen Fjord Granite Helix Ironbark Juniper Kestrel
    Lumen Meridian Nimbus Orchid Pinecone Quartz Redwood Sakura Tidal Umbra Vertex Willow Xylo
    Yonder Zephyr Müller Søren Haneul
    """
)
VENDOR_TRADES = _words("Cloud Analytics Mail Pay Logistics Data Labs Metrics Support Ads Security")
LEGAL_FORMS: dict[str, str] = dict(
    _table(  # type: ignore[arg-type]
        """
        US | Inc.
        CA | Inc.
        DE | GmbH
        CH | AG
        FR | SAS
        NL | B.V.
        IE | Ltd.
        GB | Ltd.
        KR | Co., Ltd.
        JP | K.K.
        SG | Pte. Ltd.
        IN | Pvt. Ltd.
        BR | Ltda.
        NO | AS
        SE | AB
        AU | Pty Ltd
        """
    )
)
DESCRIPTIONS = [
    "Managed SaaS; data stored in the vendor's own cloud tenancy",
    "Self-hosted on Kubernetes, operated by the platform team",
    "Read replica used for reporting only",
    "Receives pseudonymised identifiers where possible",
    "Access restricted to the on-call rotation",
    "Sub-processors listed in the vendor DPA, annex 3",
    "Scheduled for decommissioning after migration",
    "Holds data for the statutory retention period",
]
PURPOSES = [
    line.strip()
    for line in """
    Delivering orders
    Processing payments
    Fraud prevention
    Customer support
    Account management
    Marketing emails
    Recommendations
    Product analytics
    Ad measurement
    Retargeting
    Identity verification
    Credit assessment
    Loyalty rewards
    Service monitoring
    Incident response
    Backups
    Payroll
    Recruiting
    Workforce planning
    Tax obligations
    Audit
    Model training
    Search ranking
    Surveys
    Returns handling
    Notifications
    """.strip().splitlines()
]
RETENTIONS = [
    line.strip()
    for line in """
    30 days
    90 days
    6 months
    1 year
    2 years
    3 years
    5 years
    7 years
    10 years
    until account deletion
    until consent is withdrawn
    3 years after last login
    5 years after contract end
    24 hours
    not stored
    """.strip().splitlines()
]
METHODS = [
    line.strip()
    for line in """
    REST API
    Nightly batch
    Hourly batch
    Kafka topic
    SFTP, daily
    DB replication
    Webhook
    gRPC
    S3 sync
    Manual CSV upload
    Browser SDK
    Mobile SDK
    Message queue
    Change data capture
    Email
    """.strip().splitlines()
]
MECHANISMS: list[tuple[str, float]] = [
    ("scc", 50),
    ("consent", 20),
    ("contract_necessity", 15),
    ("bcr", 15),
]
REFERENCES: dict[str, list[str]] = {
    "scc": ["DPA v{n}, SCC module 2", "DPA v{n}, SCC module 3", "Standard contract {n}"],
    "consent": ["Checkout consent v{n}", "Sign-up consent v{n}", "App consent dialog v{n}"],
    "contract_necessity": ["Terms of service s. {n}", "Privacy notice s. {n}"],
    "bcr": ["Group BCR v{n}", "Intra-group agreement {n}"],
}

# --------------------------------------------------------------------------------------------
# YAML scalars
# --------------------------------------------------------------------------------------------

_PLAIN_UNSAFE_START = set("-?:,[]{}#&*!|>'\"%@`")
_FLOW_UNSAFE = set(",[]{}")
# Not strings in the YAML 1.2 core schema, or in YAML 1.1 beyond what PyYAML resolves.
_OTHER_IMPLICIT = re.compile(
    r"[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?"
    r"|0o[0-7]+|0x[0-9a-fA-F]+|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN)|[yYnN]|<<|="
)
_resolver = yaml.resolver.Resolver()
_scalar_cache: dict[tuple[str, bool], str] = {}


def scalar(value: str, flow: bool = False) -> str:
    """``value`` as a YAML scalar: plain when that reads back as the same string, else quoted.

    Checked against YAML 1.1 (bools such as ``no``, ``on`` and ``y``, numbers, dates, null) and
    the YAML 1.2 core schema (``1e5``, ``0o17``...). ``flow`` is for items of ``[a, b]``.
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
        and not _OTHER_IMPLICIT.fullmatch(value)
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


@dataclass(slots=True)
class Processor:
    id: str = ""
    name: str = ""
    entity: str = ""
    role: str = ""
    locations: list[str] = field(default_factory=list)
    contact: str | None = None
    certifications: list[str] | None = None
    description: str | None = None
    # (categories, subjects, from countries or None for the map's home)
    collects: list[tuple[list[str], list[str], list[str] | None]] = field(default_factory=list)
    safeguards: list[dict[str, object]] = field(default_factory=list)


@dataclass(slots=True)
class Flow:
    source: int  # processor indices
    target: int
    id: str = ""
    categories: list[str] = field(default_factory=list)
    subjects: list[str] = field(default_factory=list)
    purpose: str = ""
    retention: str = ""
    method: str = ""
    volume: int | None = None
    safeguards: list[dict[str, object]] = field(default_factory=list)


@dataclass(slots=True)
class Map:
    name: str
    categories: list[tuple[str, str, bool, str | None]] = field(default_factory=list)
    subjects: list[tuple[str, str]] = field(default_factory=list)
    processors: list[Processor] = field(default_factory=list)
    flows: list[Flow] = field(default_factory=list)


def _weighted(rng: Random, items: list[tuple[str, float]]):
    values = [v for v, _ in items]
    cum = list(itertools.accumulate(w for _, w in items))

    def pick(k: int = 1) -> list[str]:
        return rng.choices(values, cum_weights=cum, k=k)

    return pick


def _jurisdiction_of(countries: list[str]) -> str:
    """The jurisdiction a sender's safeguards are meant for (EU, KR or CN; EU otherwise)."""
    if any(c in EEA for c in countries):
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
        # Mostly in the future; some have already expired at the map's as_of date.
        day = datetime.date(2024, 1, 1) + datetime.timedelta(days=rng.randrange(0, 6 * 365))
        safeguard["expires"] = day.isoformat()
    return safeguard


def build_map(n_processors: int, n_flows: int, seed: int, name: str) -> Map:
    if n_processors < 2:
        raise ValueError("at least 2 processors are needed")
    rng = Random(seed)
    pick_country = _weighted(rng, COUNTRIES)
    pick_mechanism = _weighted(rng, MECHANISMS)
    fmap = Map(name, categories=CATEGORIES)

    # Subjects: customers always, plus 2 to 4 others.
    fmap.subjects = [SUBJECTS[0], *rng.sample(SUBJECTS[1:], rng.randint(2, 4))]
    subject_ids = [s for s, _ in fmap.subjects]

    # Vendors (legal entities) that most processors belong to.
    vendors: list[tuple[str, str, str, str]] = []  # (entity, country, short name, domain)
    seen: set[str] = set()
    while len(vendors) < max(8, n_processors // 8):
        country = pick_country()[0]
        stem = rng.choice(VENDOR_STEMS)
        trade = rng.choice(VENDOR_TRADES)
        form = LEGAL_FORMS.get(country, "Ltd.")
        entity = f"{stem} {trade} {form}"
        if entity in seen:
            entity = f"{stem} {trade} {country} {form}"
            if entity in seen:
                continue
        seen.add(entity)
        vendors.append((entity, country, stem, f"{slug(stem)}{slug(trade)}.example"))
    group_sites = list(GROUP_ENTITIES)
    usable_themes = [t for t in COLLECTION_THEMES if t[0] in subject_ids]

    # Processors.
    n_collectors = max(1, round(n_processors * 0.05))
    collector_set = set(rng.sample(range(n_processors), n_collectors))
    for i in range(n_processors):
        p = Processor()
        system, stem = rng.choice(SYSTEMS)
        themes = []
        if i in collector_set:
            themes = rng.sample(usable_themes, 1 if rng.random() < 0.7 else 2)
            system, stem = next(row for row in SYSTEMS if row[1] == themes[0][1])
        kind = rng.random()
        if i in collector_set or kind < 0.45:
            # The group's own systems, mostly at home.
            p.role = "controller" if (i in collector_set or rng.random() < 0.5) else "processor"
            site = HOME if rng.random() < 0.7 else rng.choice(group_sites)
            p.entity = GROUP_ENTITIES[site]
            p.name = f"{GROUP} {system}{rng.choice(QUALIFIERS)}"
            locations = [site]
        else:
            entity, site, short, domain = rng.choice(vendors)
            p.role = "processor" if kind < 0.85 else "third_party"
            p.entity = entity
            p.name = f"{short} {system}"
            locations = [site] if rng.random() < 0.6 else [pick_country()[0]]
            if rng.random() < 0.4:
                p.contact = f"privacy@{domain}"
        if rng.random() < 0.2:
            extra = pick_country()[0]
            if extra not in locations:
                locations.append(extra)
        p.locations = locations
        if "US" in locations and p.role != "controller" and rng.random() < 0.5:
            p.certifications = ["dpf"]
        if rng.random() < 0.1:
            p.description = rng.choice(DESCRIPTIONS)
        if p.role == "processor" and p.entity.startswith(GROUP) and rng.random() < 0.05:
            p.safeguards = [_safeguard(rng, "bcr", _jurisdiction_of(locations))]
        p.id = f"{stem}-{i}"  # unique: the index is
        if i in collector_set:
            for usual, _, theme in themes:
                cats = rng.sample(theme, rng.randint(2, len(theme)))
                subs = [usual]
                if usual == "customer" and rng.random() < 0.2:
                    subs += [s for s in ("minor", "visitor") if s in subject_ids][:1]
                roll = rng.random()
                if roll < 0.3:
                    origin = None  # the map's home
                elif roll < 0.8:
                    origin = list(dict.fromkeys([locations[0], *pick_country(rng.randint(0, 2))]))
                else:
                    origin = list(dict.fromkeys(pick_country(rng.randint(1, 3))))
                p.collects.append((cats, subs, origin))
        fmap.processors.append(p)
    locs = [frozenset(p.locations) for p in fmap.processors]

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

    n_back = n_flows // 50 if n_flows >= 50 else 0
    n_forward = n_flows - n_back
    edges: list[tuple[int, int]] = []
    # Every non-collector first gets one flow in from upstream (while there are flows to give),
    # preferably from a nearby rank in the same country.
    fed = n_collectors
    for r in range(n_collectors, min(n_processors, n_collectors + n_forward)):
        dst = by_rank[r]
        cands = by_rank[max(0, r - 200) : r]
        local = [c for c in cands if locs[c] & locs[dst]]
        if local and rng.random() < 0.7:
            cands = local
        edges.append((rng.choices(cands, weights=[send_w[c] for c in cands])[0], dst))
        fed = r + 1
    # Only processors that have received (or collect) data can send.
    cum_send = list(
        itertools.accumulate(send_w[i] if r < fed else 0.0 for r, i in enumerate(by_rank))
    )
    receivers = by_rank[1:]
    cum_recv = list(itertools.accumulate(recv_w[i] for i in receivers))
    need = n_forward - len(edges)
    for dst in rng.choices(receivers, cum_weights=cum_recv, k=need) if need > 0 else ():
        top = cum_send[rank[dst] - 1]
        tries = 10 if rng.random() < 0.8 else 1  # most flows stay within a country
        for _ in range(tries):
            src = by_rank[min(bisect.bisect_right(cum_send, rng.random() * top), rank[dst] - 1)]
            if locs[src] & locs[dst]:
                break
        edges.append((src, dst))
    # Back edges (so there are cycles): from a downstream system back to an upstream one.
    fed_rest = by_rank[n_collectors:fed]
    back: list[tuple[int, int]] = []
    if len(fed_rest) >= 2:
        for _ in range(n_back):
            a, b = rng.sample(fed_rest, 2)
            back.append((a, b) if rank[a] > rank[b] else (b, a))
    while len(edges) + len(back) < n_flows:
        edges.append((by_rank[0], by_rank[1 + rng.randrange(n_processors - 1)]))

    # Follow the data: handle flows in rank order of their sender, so that everything a sender
    # receives is known before it sends anything on. What each processor holds is kept as
    # subject -> categories (as indices: iteration order must not depend on string hashing).
    cat_index = {c[0]: k for k, c in enumerate(CATEGORIES)}
    held: list[dict[int, set[int]]] = [{} for _ in range(n_processors)]
    for i in collectors:
        for cats, subs, _ in fmap.processors[i].collects:
            for s in subs:
                held[i].setdefault(subject_ids.index(s), set()).update(cat_index[c] for c in cats)
    edges.sort(key=lambda e: rank[e[0]])
    flows: list[Flow] = []
    for src, dst in itertools.chain(edges, back):
        have = held[src]
        subs_pool = sorted(have)
        ks = 1 if (len(subs_pool) == 1 or rng.random() < 0.85) else 2
        chosen_subs = sorted(rng.sample(subs_pool, ks))
        cats_pool = sorted(set().union(*(have[s] for s in chosen_subs)))
        k = min(len(cats_pool), rng.choices((1, 2, 3, 4), cum_weights=(52, 80, 92, 100))[0])
        chosen = sorted(rng.sample(cats_pool, k))
        # Keep only the subjects whose data the flow really carries.
        chosen_subs = [s for s in chosen_subs if not have[s].isdisjoint(chosen)]
        got = held[dst]
        for s in chosen_subs:
            got.setdefault(s, set()).update(c for c in chosen if c in have[s])
        f = Flow(src, dst)
        f.categories = [CATEGORIES[c][0] for c in chosen]
        f.subjects = [subject_ids[s] for s in chosen_subs]
        # Documentation is patchy, as in real maps; transfers abroad are documented more often.
        abroad = not locs[dst] <= locs[src]
        if rng.random() < (0.5 if abroad else 0.2):
            f.purpose = rng.choice(PURPOSES)
        if rng.random() < (0.2 if abroad else 0.05):
            f.retention = rng.choice(RETENTIONS)
        if rng.random() < (0.15 if abroad else 0.04):
            f.method = rng.choice(METHODS)
        if rng.random() < 0.08:
            f.volume = int(round(10 ** rng.uniform(2.0, 6.8), -2)) or 100
        if rng.random() < (0.06 if abroad else 0.005):
            j = _jurisdiction_of(fmap.processors[src].locations)
            f.safeguards = [_safeguard(rng, pick_mechanism()[0], j)]
            if rng.random() < 0.15:
                f.safeguards.append(_safeguard(rng, "consent", j))
        flows.append(f)

    # Written order: by sending processor, then in the order the flows were made.
    order = sorted(range(len(flows)), key=lambda k: flows[k].source)
    fmap.flows = [flows[k] for k in order]
    width = max(5, len(str(len(flows))))
    for n, f in enumerate(fmap.flows, 1):
        f.id = f"f{n:0{width}d}"
    return fmap


# --------------------------------------------------------------------------------------------
# Writing (YAML text is built directly: block style, flow style for short lists)
# --------------------------------------------------------------------------------------------


def _write_safeguards(out: list[str], safeguards: list[dict[str, object]]) -> None:
    out.append("  safeguards:\n")
    for s in safeguards:
        out.append(f"  - mechanism: {s['mechanism']}\n")
        out.append(f"    jurisdictions: {flow_list(s['jurisdictions'])}\n")  # type: ignore[arg-type]
        out.append(f"    reference: {scalar(str(s['reference']))}\n")
        if "expires" in s:
            out.append(f"    expires: {s['expires']}\n")


def _write_processor(out: list[str], p: Processor) -> None:
    out.append(f"- id: {scalar(p.id)}\n")
    out.append(f"  name: {scalar(p.name)}\n")
    out.append(f"  entity: {scalar(p.entity)}\n")
    out.append(f"  role: {p.role}\n")
    out.append(f"  locations: {country_list(p.locations)}\n")
    if p.description is not None:
        out.append(f"  description: {scalar(p.description)}\n")
    if p.contact is not None:
        out.append(f"  contact: {scalar(p.contact)}\n")
    if p.certifications is not None:
        out.append(f"  certifications: {flow_list(p.certifications)}\n")
    if p.safeguards:
        _write_safeguards(out, p.safeguards)
    if p.collects:
        out.append("  collects:\n")
        for cats, subs, origin in p.collects:
            out.append(f"  - categories: {flow_list(cats)}\n")
            out.append(f"    subjects: {flow_list(subs)}\n")
            if origin is not None:
                out.append(f"    from: {country_list(origin)}\n")


def _write_flow(out: list[str], f: Flow, ids: list[str]) -> None:
    out.append(f"- id: {f.id}\n")
    out.append(f"  from: {scalar(ids[f.source])}\n")
    out.append(f"  to: {scalar(ids[f.target])}\n")
    out.append(f"  categories: {flow_list(f.categories)}\n")
    out.append(f"  subjects: {flow_list(f.subjects)}\n")
    if f.purpose:
        out.append(f"  purpose: {scalar(f.purpose)}\n")
    if f.retention:
        out.append(f"  retention: {scalar(f.retention)}\n")
    if f.method:
        out.append(f"  method: {scalar(f.method)}\n")
    if f.volume is not None:
        out.append(f"  volume: {f.volume}\n")
    if f.safeguards:
        _write_safeguards(out, f.safeguards)


def _header(fmap: Map) -> list[str]:
    return [
        "dataflow: 1\n",
        f"name: {scalar(fmap.name)}\n",
        f"home: {HOME}\n",
        f"as_of: {AS_OF}\n",
    ]


def _categories_and_subjects(fmap: Map) -> list[str]:
    out = ["categories:\n"]
    for cid, name, sensitive, parent in fmap.categories:
        item = f"- {{id: {scalar(cid, True)}, name: {scalar(name, True)}"
        if sensitive:
            item += ", sensitive: true"
        if parent is not None:
            item += f", parent: {scalar(parent, True)}"
        out.append(item + "}\n")
    out.append("subjects:\n")
    for sid, name in fmap.subjects:
        out.append(f"- {{id: {scalar(sid, True)}, name: {scalar(name, True)}}}\n")
    return out


def _body(fmap: Map, processors: Iterable[int], flows: list[Flow]) -> list[str]:
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
    """The map as ``n_files`` files: ``map.yaml`` (which includes the others) and parts.

    Processors are cut into contiguous chunks; each processor's outgoing flows go in its file.
    Every file has ``dataflow: 1``, so the directory itself can be loaded as the same map.
    """
    n = len(fmap.processors)
    n_files = max(1, min(n_files, n))
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
                out.extend(f"- {scalar(other)}\n" for other in names[1:])
            out += _categories_and_subjects(fmap)
        else:
            out = ["dataflow: 1\n"]
        out += _body(fmap, chunk, flows)
        files[fname] = "".join(out)
    return files


# --------------------------------------------------------------------------------------------
# Verification (independent of the library: PyYAML with every scalar read as a string)
# --------------------------------------------------------------------------------------------

ID_RE = re.compile(r"[A-Za-z0-9][A-Za-z0-9._:-]*")
DATE_RE = re.compile(r"\d{4}-\d{2}-\d{2}")
KEYS: dict[str, set[str]] = {
    "map": {"dataflow", "name", "home", "as_of", "include", "categories", "subjects"}
    | {"jurisdictions", "processors", "flows", "waivers"},
    "category": {"id", "name", "description", "sensitive", "parent"},
    "subject": {"id", "name"},
    "processor": {"id", "name", "entity", "role", "locations", "collects", "contact"}
    | {"certifications", "safeguards", "description"},
    "collects": {"categories", "subjects", "from"},
    "flow": {"id", "from", "to", "categories", "subjects", "purpose", "retention", "method"}
    | {"volume", "safeguards"},
    "safeguard": {"mechanism", "jurisdictions", "reference", "expires"},
}


def verify(paths: list[Path]) -> list[str]:
    """Problems found in the map made of ``paths`` (empty if it is valid), checked with PyYAML.

    Every file must parse with ``yaml.CSafeLoader``; the structure is then checked on a
    ``CBaseLoader`` reading (all scalars as written), so that ``NO`` is the country, not a
    boolean: only known keys, IDs well formed and unique, every reference resolving, and every
    flow carrying only categories its sender collects or receives.
    """
    problems: list[str] = []
    docs: list[dict] = []
    for path in paths:
        data = path.read_bytes()
        try:
            yaml.load(data, Loader=yaml.CSafeLoader)
            doc = yaml.load(data, Loader=yaml.CBaseLoader)
        except yaml.YAMLError as exc:
            problems.append(f"{path}: not YAML: {exc}")
            continue
        if not isinstance(doc, dict) or doc.get("dataflow") != "1":
            problems.append(f"{path}: no `dataflow: 1`")
            continue
        for name in doc.get("include", []):
            if not (path.parent / name).is_file():
                problems.append(f"{path}: include {name} does not exist")
        docs.append(doc)

    def check_keys(kind: str, item: dict, where: str) -> None:
        unknown = set(item) - KEYS[kind]
        if unknown:
            problems.append(f"{where}: unknown keys {sorted(unknown)}")

    countries = {c for c, _ in COUNTRIES}
    ids: dict[str, set[str]] = {"category": set(), "subject": set(), "processor": set()}
    ids["flow"] = set()
    merged: dict[str, list[dict]] = {"categories": [], "subjects": [], "processors": []}
    merged["flows"] = []
    for doc in docs:
        check_keys("map", doc, "map")
        for key, items in merged.items():
            items.extend(doc.get(key, []))
    for kind, key in (("category", "categories"), ("subject", "subjects")):
        for item in merged[key]:
            check_keys(kind, item, f"{kind} {item.get('id')}")
    for kind, key in (
        ("category", "categories"),
        ("subject", "subjects"),
        ("processor", "processors"),
        ("flow", "flows"),
    ):
        for item in merged[key]:
            ident = item.get("id")
            if ident is None or not ID_RE.fullmatch(ident):
                problems.append(f"{kind} {ident!r}: bad ID")
            elif ident in ids[kind]:
                problems.append(f"{kind} {ident}: duplicate ID")
            ids[kind].add(ident)
    for item in merged["categories"]:
        if item.get("parent") is not None and item["parent"] not in ids["category"]:
            problems.append(f"category {item['id']}: unknown parent {item['parent']}")

    def check_refs(where: str, kind: str, values: list[str]) -> None:
        known = countries if kind == "country" else ids[kind]
        for value in values:
            if value not in known:
                problems.append(f"{where}: unknown {kind} {value!r}")

    def check_safeguards(where: str, safeguards: list[dict]) -> None:
        for sg in safeguards:
            check_keys("safeguard", sg, where)
            if sg.get("mechanism") not in dict(MECHANISMS):
                problems.append(f"{where}: unknown mechanism {sg.get('mechanism')!r}")
            if not set(sg.get("jurisdictions", [])) <= {"EU", "KR", "CN"}:
                problems.append(f"{where}: unexpected jurisdictions {sg.get('jurisdictions')}")
            if "expires" in sg and not DATE_RE.fullmatch(sg["expires"]):
                problems.append(f"{where}: bad date {sg['expires']!r}")

    holds: dict[str, set[str]] = {}
    for p in merged["processors"]:
        where = f"processor {p['id']}"
        check_keys("processor", p, where)
        if p.get("role") not in ("controller", "processor", "third_party"):
            problems.append(f"{where}: bad role {p.get('role')!r}")
        if not 1 <= len(p.get("locations", [])) <= 2:
            problems.append(f"{where}: expected 1 or 2 locations")
        check_refs(where, "country", p.get("locations", []))
        check_safeguards(where, p.get("safeguards", []))
        held = holds.setdefault(p["id"], set())
        for point in p.get("collects", []):
            check_keys("collects", point, where)
            check_refs(where, "category", point["categories"])
            check_refs(where, "subject", point["subjects"])
            check_refs(where, "country", point.get("from", []))
            held.update(point["categories"])
    for f in merged["flows"]:
        where = f"flow {f['id']}"
        check_keys("flow", f, where)
        check_refs(where, "processor", [f["from"], f["to"]])
        check_refs(where, "subject", f["subjects"])
        check_refs(where, "category", f["categories"])
        if not 1 <= len(f["categories"]) <= 4:
            problems.append(f"{where}: expected 1 to 4 categories")
        if "volume" in f and not f["volume"].isdigit():
            problems.append(f"{where}: volume is not an integer")
        check_safeguards(where, f.get("safeguards", []))
        holds.setdefault(f["to"], set()).update(f["categories"])
    for f in merged["flows"]:
        missing = set(f["categories"]) - holds.get(f["from"], set())
        if missing:
            problems.append(f"flow {f['id']}: sender never receives {sorted(missing)}")
    return problems


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
    parser.add_argument(
        "--verify",
        action="store_true",
        help="check the written map with PyYAML: IDs unique, every reference resolves",
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
        for stale in sorted(output.glob("part-*.yaml")):  # from an earlier, larger --split
            stale.unlink()
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
    if args.verify:
        start = time.perf_counter()
        problems = verify(written)
        for problem in problems[:50]:
            print(f"error: {problem}", file=sys.stderr)
        if problems:
            print(f"{len(problems)} problems", file=sys.stderr)
            return 1
        if not args.quiet:
            print(f"verified in {time.perf_counter() - start:.2f} s", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
