#!/usr/bin/env python3
"""Writes a synthetic directory of community services in the format of
docs/directory.md: Open Referral HSDS 3.0 objects (organization, service,
location, service_at_location, phone, address, schedule, language,
attribute and taxonomy_term) inside the program's signed-document envelope.

Everything is invented here: names are put together from word lists in
English, Spanish, Portuguese and Haitian Creole, phone numbers are in the
555-01xx range kept for fiction, streets and coordinates are random around
a few city centres. No outside data file is read.

Deterministic: the same --seed and --services give the same bytes.

    make_directory.py --out DIR [--services 5000] [--seed 17] [--revision 1]
    make_directory.py --broken DIR      # one small broken variant per file,
                                        # and DIR/expected.json naming the
                                        # object and field each must be
                                        # refused for

The cities span four zones with and without DST (Phoenix keeps standard
time all year); schedules include weekday hours, overnight shelters (which
cross the DST change at 2:00), a monthly distribution on the second
Tuesday, valid_from/valid_to seasons and 24-hour lines.
"""

import argparse
import copy
import json
import random
import uuid
from pathlib import Path

CITIES = [
    # name, state, IANA zone (our extension "time_zone" on each location), lat, lon, weight
    ("Miami", "FL", "America/New_York", 25.7617, -80.1918, 5),
    ("Newark", "NJ", "America/New_York", 40.7357, -74.1724, 3),
    ("Boston", "MA", "America/New_York", 42.3601, -71.0589, 3),
    ("Chicago", "IL", "America/Chicago", 41.8781, -87.6298, 4),
    ("Houston", "TX", "America/Chicago", 29.7604, -95.3698, 4),
    ("Denver", "CO", "America/Denver", 39.7392, -104.9903, 2),
    ("Phoenix", "AZ", "America/Phoenix", 33.4484, -112.0740, 2),
    ("Los Angeles", "CA", "America/Los_Angeles", 34.0522, -118.2437, 4),
]

# Top-level categories and their sub-terms: (key, English, Spanish,
# Portuguese, Haitian Creole, French).
CATEGORIES = [
    ("shelter", "Shelter", "Albergue", "Abrigo", "Abri", "Hébergement",
     [("emergency-shelter", "Emergency shelter", "Albergue de emergencia", "Abrigo de emergência", "Abri ijans", "Hébergement d'urgence"),
      ("family-housing", "Family housing", "Vivienda familiar", "Moradia para famílias", "Lojman pou fanmi", "Logement familial")]),
    ("food", "Food", "Comida", "Alimentação", "Manje", "Alimentation",
     [("food-pantry", "Food pantry", "Despensa de alimentos", "Banco de alimentos", "Depo manje", "Banque alimentaire"),
      ("meals", "Hot meals", "Comidas calientes", "Refeições quentes", "Manje cho", "Repas chauds")]),
    ("legal", "Legal aid", "Ayuda legal", "Assistência jurídica", "Èd legal", "Aide juridique",
     [("immigration-legal", "Immigration legal help", "Ayuda legal de inmigración", "Ajuda jurídica de imigração", "Èd legal pou imigrasyon", "Aide juridique en immigration"),
      ("court-help", "Help with court", "Ayuda con la corte", "Ajuda com o tribunal", "Èd pou tribinal", "Aide pour le tribunal")]),
    ("health", "Health clinic", "Clínica médica", "Clínica de saúde", "Klinik sante", "Clinique",
     [("primary-care", "Primary care", "Atención médica primaria", "Atendimento básico", "Swen debaz", "Soins de base"),
      ("dental", "Dental care", "Atención dental", "Atendimento odontológico", "Swen dan", "Soins dentaires")]),
    ("jobs", "Jobs", "Empleo", "Emprego", "Travay", "Emploi",
     [("job-training", "Job training", "Capacitación laboral", "Capacitação profissional", "Fòmasyon pou travay", "Formation professionnelle")]),
    ("counselling", "Counselling", "Consejería", "Aconselhamento", "Konsèy", "Soutien psychologique",
     [("mental-health", "Mental health", "Salud mental", "Saúde mental", "Sante mantal", "Santé mentale"),
      ("recovery", "Recovery support", "Apoyo para la recuperación", "Apoio à recuperação", "Sipò pou rekiperasyon", "Soutien au rétablissement")]),
    ("transport", "Transportation", "Transporte", "Transporte", "Transpò", "Transport", []),
    ("education", "English classes", "Clases de inglés", "Aulas de inglês", "Kou angle", "Cours d'anglais", []),
]

LANGS = ["en", "es", "pt", "ht", "fr"]
LANGUAGE_NAMES = {"en": "English", "es": "Spanish", "pt": "Portuguese", "ht": "Haitian Creole", "fr": "French"}

# Words that name a place or a person, shared by every language.
PLACE_WORDS = ["Harbor", "Riverside", "Little Havana", "Pilsen", "Ironbound", "Allapattah", "East End",
               "Westside", "Northgate", "Southfield", "Maplewood", "Cedar Park", "Lakeview", "Hillcrest",
               "Brookside", "Fairview", "Sunset", "Oak Grove", "Bayview", "Pinecrest", "La Esperanza",
               "San José", "Santa Rosa", "Nova Esperança", "São Paulo", "Lakay", "Bon Nouvèl", "Solidarite",
               "Kreyòl", "Nuestra Señora", "Belvedere", "Magnolia", "Willow", "Jefferson", "Lincoln"]
STREETS = ["Main", "Oak", "Pine", "Maple", "Cedar", "Elm", "Washington", "Lake", "Hill", "Park",
           "Sunset", "Flagler", "Ashland", "Halsted", "Broad", "Ferry", "Market", "Mission", "Alameda",
           "Colfax", "Federal", "Van Buren", "Roosevelt", "Bay", "Harbor"]

# Service names by category and language: {place} is filled in.
NAMES = {
    "shelter": {
        "en": ["{place} Family Shelter", "{place} Emergency Shelter", "Safe Night {place}", "Welcome House {place}"],
        "es": ["Albergue {place}", "Casa de Acogida {place}", "Refugio Familiar {place}"],
        "pt": ["Abrigo {place}", "Casa de Acolhida {place}"],
        "ht": ["Kay Akèy {place}", "Abri pou Fanmi {place}"],
    },
    "food": {
        "en": ["{place} Community Food Pantry", "{place} Hot Meals", "Neighbors Feeding Neighbors {place}"],
        "es": ["Despensa Comunitaria {place}", "Comedor Popular {place}", "Banco de Comida {place}"],
        "pt": ["Banco de Alimentos {place}", "Cozinha Solidária {place}"],
        "ht": ["Depo Manje Kominote {place}", "Manje pou Fanmi {place}"],
    },
    "legal": {
        "en": ["Legal Aid Society of {city}", "{place} Immigrant Legal Center", "Court Help Desk {place}"],
        "es": ["Centro Legal para Inmigrantes {place}", "Ayuda Legal Gratuita {place}", "Defensoría Comunitaria {place}"],
        "pt": ["Assistência Jurídica {place}", "Centro de Apoio ao Imigrante {place}"],
        "ht": ["Èd Legal pou Imigran {place}", "Biwo Dwa Moun {place}"],
    },
    "health": {
        "en": ["{place} Community Health Center", "{place} Free Clinic", "{place} Dental Clinic"],
        "es": ["Centro Médico {place}", "Clínica Médica Comunitaria {place}", "Clínica Dental {place}"],
        "pt": ["Clínica de Saúde da Família {place}", "Centro de Saúde {place}"],
        "ht": ["Klinik Sante Kominote {place}", "Sant Medikal {place}"],
    },
    "jobs": {
        "en": ["{place} Job Center", "{place} Workforce Training", "Day Labor Center {place}"],
        "es": ["Centro de Empleo {place}", "Capacitación Laboral {place}"],
        "pt": ["Centro de Emprego {place}", "Capacitação Profissional {place}"],
        "ht": ["Sant Travay {place}", "Fòmasyon pou Travay {place}"],
    },
    "counselling": {
        "en": ["{place} Counseling Center", "{place} Recovery Support", "Family Counseling {place}"],
        "es": ["Centro de Consejería {place}", "Salud Mental Comunitaria {place}"],
        "pt": ["Centro de Aconselhamento {place}", "Apoio Psicológico {place}"],
        "ht": ["Sant Konsèy {place}", "Sante Mantal Kominote {place}"],
    },
    "transport": {
        "en": ["{place} Ride Program", "Bus Pass Help {place}"],
        "es": ["Transporte Comunitario {place}"],
        "pt": ["Transporte Solidário {place}"],
        "ht": ["Transpò Kominote {place}"],
    },
    "education": {
        "en": ["{place} English Classes", "{place} Adult Learning Center"],
        "es": ["Clases de Inglés {place}", "Escuela para Adultos {place}"],
        "pt": ["Aulas de Inglês {place}"],
        "ht": ["Kou Angle {place}", "Lekòl pou Granmoun {place}"],
    },
}

# One description per category and language (a sentence or two).
DESCRIPTIONS = {
    "shelter": {
        "en": "Beds for the night, showers and a safe place to store belongings. Families with children are welcome.",
        "es": "Camas para la noche, duchas y un lugar seguro para guardar sus cosas. Se aceptan familias con niños.",
        "pt": "Camas para a noite, chuveiros e um lugar seguro para guardar seus pertences. Famílias com crianças são bem-vindas.",
        "ht": "Kabann pou lannwit, douch ak yon kote ki an sekirite pou sere afè w. Fanmi ak timoun byenveni.",
        "fr": "Des lits pour la nuit, des douches et un endroit sûr pour ranger vos affaires. Les familles avec enfants sont les bienvenues.",
    },
    "food": {
        "en": "Free groceries and fresh produce. No documents needed; bring a bag if you can.",
        "es": "Alimentos gratuitos y productos frescos. No se necesitan documentos; traiga una bolsa si puede.",
        "pt": "Alimentos gratuitos e produtos frescos. Não precisa de documentos; traga uma sacola se puder.",
        "ht": "Manje gratis ak legim fre. Ou pa bezwen papye; pote yon sak si w kapab.",
        "fr": "Épicerie gratuite et produits frais. Aucun papier n'est demandé ; apportez un sac si vous le pouvez.",
    },
    "legal": {
        "en": "Free legal help with immigration cases, court dates and asylum applications, by appointment.",
        "es": "Ayuda legal gratuita con casos de inmigración, fechas de corte y solicitudes de asilo, con cita previa.",
        "pt": "Ajuda jurídica gratuita com casos de imigração, audiências e pedidos de asilo, com hora marcada.",
        "ht": "Èd legal gratis pou ka imigrasyon, dat tribinal ak demann azil, sou randevou.",
        "fr": "Aide juridique gratuite pour les dossiers d'immigration, les audiences et les demandes d'asile, sur rendez-vous.",
    },
    "health": {
        "en": "Medical visits, vaccines and prescriptions on a sliding scale. Médico and interpreters on site.",
        "es": "Consultas médicas, vacunas y recetas con tarifa según ingresos. Médico e intérpretes en el lugar.",
        "pt": "Consultas médicas, vacinas e receitas com preço de acordo com a renda. Médico e intérpretes no local.",
        "ht": "Konsiltasyon doktè, vaksen ak preskripsyon selon revni w. Doktè ak entèprèt sou plas.",
        "fr": "Consultations médicales, vaccins et ordonnances selon vos revenus. Médecin et interprètes sur place.",
    },
    "jobs": {
        "en": "Help finding work: résumés, interview practice, job listings and training certificates.",
        "es": "Ayuda para encontrar trabajo: currículum, práctica de entrevistas, ofertas de empleo y certificados.",
        "pt": "Ajuda para encontrar trabalho: currículo, treino para entrevistas, vagas e certificados.",
        "ht": "Èd pou jwenn travay: CV, pratik entèvyou, lis travay ak sètifika fòmasyon.",
        "fr": "Aide pour trouver un emploi : CV, entraînement aux entretiens, offres et certificats de formation.",
    },
    "counselling": {
        "en": "Confidential counseling for stress, grief and recovery, one to one or in groups.",
        "es": "Consejería confidencial para el estrés, el duelo y la recuperación, individual o en grupo.",
        "pt": "Aconselhamento confidencial para estresse, luto e recuperação, individual ou em grupo.",
        "ht": "Konsèy konfidansyèl pou estrès, lapenn ak rekiperasyon, youn pa youn oswa an gwoup.",
        "fr": "Soutien confidentiel pour le stress, le deuil et le rétablissement, seul ou en groupe.",
    },
    "transport": {
        "en": "Rides to medical visits and court dates, and help getting a reduced-fare bus pass.",
        "es": "Transporte a citas médicas y fechas de corte, y ayuda para obtener un pase de autobús con descuento.",
        "pt": "Transporte para consultas médicas e audiências, e ajuda para conseguir passe de ônibus com desconto.",
        "ht": "Transpò pou randevou doktè ak dat tribinal, ak èd pou jwenn yon kat bis ak rabè.",
        "fr": "Transport vers les rendez-vous médicaux et les audiences, et aide pour un abonnement de bus à tarif réduit.",
    },
    "education": {
        "en": "Free English classes for adults, mornings and evenings, all levels.",
        "es": "Clases de inglés gratuitas para adultos, mañana y noche, todos los niveles.",
        "pt": "Aulas de inglês gratuitas para adultos, de manhã e à noite, todos os níveis.",
        "ht": "Kou angle gratis pou granmoun, maten ak aswè, tout nivo.",
        "fr": "Cours d'anglais gratuits pour adultes, le matin et le soir, tous niveaux.",
    },
}

ORG_KINDS = {
    "en": ["{place} Community Services", "{place} Neighborhood Alliance", "Friends of {place}", "{city} Relief Network"],
    "es": ["Asociación Comunitaria {place}", "Fundación {place}", "Red Solidaria {place}"],
    "pt": ["Associação Comunitária {place}", "Instituto {place}"],
    "ht": ["Asosyasyon Kominote {place}", "Fondasyon {place}"],
}

# Syllables for invented words (program names, neighbourhood nicknames), so
# the directory has the thousands of distinct words a real one has.
SYLLABLES = ["ka", "lo", "mi", "ra", "te", "su", "vi", "no", "ba", "ze", "ri", "po", "la", "du",
             "fe", "go", "ni", "sa", "to", "we", "yo", "qui", "bri", "sol", "mar", "ven", "ta", "ko"]
PROGRAM_WORDS = ["Center", "Project", "Outreach", "Hub", "Collective", "Network", "Place", "House"]
FIRST_NAMES = ["Marisol", "Jean", "Ana", "Wilner", "Rosa", "Thiago", "Nadège", "Luis", "Fabiola",
               "Joseph", "Carmen", "Mackenson", "Beatriz", "Samuel", "Guerline", "Pedro", "Yolanda"]
ASK_FOR = {
    "en": "Ask for {name} at the front desk.",
    "es": "Pregunte por {name} en la recepción.",
    "pt": "Pergunte por {name} na recepção.",
    "ht": "Mande pou {name} nan resepsyon an.",
}


def invented(rng):
    word = "".join(rng.choice(SYLLABLES) for _ in range(rng.randrange(2, 4)))
    return word.capitalize()


FEES = {
    "en": "Free.", "es": "Gratis.", "pt": "Gratuito.", "ht": "Gratis.", "fr": "Gratuit.",
}


class Gen:
    def __init__(self, seed):
        self.rng = random.Random(seed)

    def uid(self):
        return str(uuid.UUID(int=self.rng.getrandbits(128), version=4))

    def pick(self, seq):
        return seq[self.rng.randrange(len(seq))]

    def phone(self, city_index):
        area = ["305", "973", "617", "312", "713", "720", "602", "213"][city_index]
        return f"+1 {area} 555 01{self.rng.randrange(100):02d}"


def name_language(rng):
    # Most services carry an English name; many carry the name their
    # community knows them by.
    return rng.choices(["en", "es", "pt", "ht"], weights=[50, 25, 12, 13])[0]


def taxonomy(gen):
    terms, by_key = [], {}
    for key, en, es, pt, ht, fr, subs in CATEGORIES:
        root = {"id": gen.uid(), "code": key, "name": en, "description": en, "taxonomy": "checkin-demo", "parent_id": None}
        terms.append(root)
        by_key[key] = {"root": root, "subs": [], "names": {"es": es, "pt": pt, "ht": ht, "fr": fr}}
        for skey, sen, ses, spt, sht, sfr in subs:
            sub = {"id": gen.uid(), "code": skey, "name": sen, "taxonomy": "checkin-demo", "parent_id": root["id"]}
            terms.append(sub)
            by_key[key]["subs"].append((sub, {"es": ses, "pt": spt, "ht": sht, "fr": sfr}))
    return terms, by_key


def schedule(gen, category, kind=None):
    """One HSDS schedule for a service or location."""
    rng = gen.rng
    kind = kind or rng.choices(
        ["weekdays", "weekdays_sat", "overnight", "always", "monthly", "season", "evenings"],
        weights=[40, 15, 10 if category == "shelter" else 2, 5, 6 if category == "food" else 1, 3, 6],
    )[0]
    s = {"id": gen.uid(), "freq": "WEEKLY", "wkst": "MO"}
    if kind == "weekdays":
        s.update(byday="MO,TU,WE,TH,FR", opens_at=rng.choice(["08:00", "08:30", "09:00"]), closes_at=rng.choice(["16:00", "17:00", "17:30"]))
    elif kind == "weekdays_sat":
        s.update(byday="MO,TU,WE,TH,FR,SA", opens_at="10:00", closes_at="14:00")
    elif kind == "overnight":
        # Overnight: closes the next morning, across the 2:00 DST change.
        s.update(byday="MO,TU,WE,TH,FR,SA,SU", opens_at="19:00", closes_at="07:00")
    elif kind == "always":
        s.update(byday="MO,TU,WE,TH,FR,SA,SU", opens_at="00:00", closes_at="00:00", description="Open 24 hours.")
    elif kind == "monthly":
        s.update(freq="MONTHLY", byday="2TU", opens_at="09:00:00", closes_at="12:00:00", dtstart="2026-01-13",
                 description="Food distribution on the second Tuesday of the month.")
    elif kind == "season":
        s.update(byday="SA", opens_at="09:00", closes_at="13:00", valid_from="2026-11-01", valid_to="2027-03-31")
    else:
        s.update(byday="TU,TH", opens_at="18:00", closes_at="20:30")
    return s


def address(gen, city):
    name, state, _zone, *_ = city
    return {
        "id": gen.uid(),
        "address_1": f"{gen.rng.randrange(10, 9900)} {gen.pick(STREETS)} {gen.pick(['St', 'Ave', 'Blvd', 'Rd'])}",
        "city": name,
        "state_province": state,
        "postal_code": f"{gen.rng.randrange(10000, 99999)}",
        "country": "US",
        "address_type": "physical",
    }


def language(gen, code):
    return {"id": gen.uid(), "name": LANGUAGE_NAMES[code], "code": code}


def build(services_wanted, seed, revision):
    gen = Gen(seed)
    rng = gen.rng
    terms, by_key = taxonomy(gen)
    organizations, locations, services = [], [], []
    translations = {lang: {} for lang in ["es", "pt", "ht", "fr"]}
    weights = [c[5] for c in CITIES]
    cat_keys = [c[0] for c in CATEGORIES]

    # Organizations, each with one to three locations in its city.
    n_orgs = max(1, services_wanted // 4)
    org_sites = []
    for _ in range(n_orgs):
        ci = rng.choices(range(len(CITIES)), weights=weights)[0]
        city = CITIES[ci]
        lang = name_language(rng)
        place = gen.pick(PLACE_WORDS)
        org_name = gen.pick(ORG_KINDS[lang]).format(place=place, city=city[0])
        if rng.random() < 0.5:
            org_name = f"{invented(rng)} {org_name}"
        org = {
            "id": gen.uid(),
            "name": org_name,
            "description": "A community organization.",
            "website": f"https://example.org/{rng.randrange(10**6)}",
        }
        organizations.append(org)
        sites = []
        for _ in range(rng.choice([1, 1, 1, 2, 3])):
            lat = round(city[3] + rng.uniform(-0.12, 0.12), 6)
            lon = round(city[4] + rng.uniform(-0.15, 0.15), 6)
            loc = {
                "id": gen.uid(),
                "location_type": "physical",
                "name": f"{org['name']} — {gen.pick(PLACE_WORDS)}",
                "latitude": lat,
                "longitude": lon,
                "time_zone": city[2],
                "addresses": [address(gen, city)],
                "languages": [language(gen, "en")] + [language(gen, c) for c in rng.sample(["es", "pt", "ht", "fr"], rng.randrange(0, 3))],
            }
            if rng.random() < 0.5:
                loc["schedules"] = [schedule(gen, "any", "weekdays")]
            locations.append(loc)
            sites.append(loc)
        org_sites.append((org, sites, ci))

    for i in range(services_wanted):
        org, sites, ci = org_sites[i % len(org_sites)]
        city = CITIES[ci]
        category = cat_keys[rng.choices(range(len(cat_keys)), weights=[14, 18, 14, 16, 10, 12, 6, 10])[0]]
        lang = name_language(rng)
        place = gen.pick(PLACE_WORDS)
        name = gen.pick(NAMES[category].get(lang) or NAMES[category]["en"]).format(place=place, city=city[0])
        service = {
            "id": gen.uid(),
            "organization_id": org["id"],
            "name": name,
            "description": DESCRIPTIONS[category]["en" if lang == "en" else lang] + " "
            + ASK_FOR[lang].format(name=gen.pick(FIRST_NAMES)),
            "status": rng.choices(["active", "active", "active", "active", "temporarily closed"], k=1)[0],
            "fees_description": FEES["en"],
            "phones": [{"id": gen.uid(), "number": gen.phone(ci), "type": "voice",
                        "languages": [language(gen, "en")]}],
            "languages": [language(gen, "en")] + ([language(gen, lang)] if lang != "en" else []),
            "attributes": [],
            "service_at_locations": [],
        }
        if rng.random() < 0.4:
            service["alternate_name"] = f"{invented(rng)} {gen.pick(PROGRAM_WORDS)}"
        if rng.random() < 0.3:
            service["email"] = f"help{rng.randrange(1000)}@example.org"
        if category in ("legal", "health") and rng.random() < 0.6:
            service["required_documents"] = [{"id": gen.uid(), "document": "Any photo ID, if you have one."}]
        if rng.random() < 0.05:
            service["alert"] = "Hours may change on holidays."
        root = by_key[category]["root"]
        term = root
        if by_key[category]["subs"] and rng.random() < 0.7:
            term = gen.pick(by_key[category]["subs"])[0]
        service["attributes"].append({"id": gen.uid(), "taxonomy_term_id": term["id"], "link_type": "service"})
        # Service-level hours for some, site-level for others.
        if rng.random() < 0.7:
            service["schedules"] = [schedule(gen, category)]
        for site in rng.sample(sites, rng.randrange(1, len(sites) + 1)):
            sal = {"id": gen.uid(), "location_id": site["id"]}
            if rng.random() < 0.2:
                sal["schedules"] = [schedule(gen, category)]
            service["service_at_locations"].append(sal)
        if rng.random() < 0.1:
            # The nested form of HSDS's API: the organization inside the service.
            service["organization"] = copy.deepcopy(org)
            del service["organization_id"]
        services.append(service)
        # Translations of the name and description for many services.
        for tl in ["es", "pt", "ht", "fr"]:
            if tl == lang:
                continue
            if rng.random() < {"es": 0.6, "pt": 0.3, "ht": 0.35, "fr": 0.15}[tl]:
                translations[tl][service["id"]] = {"description": DESCRIPTIONS[category][tl], "fees_description": FEES[tl]}
    for key, entry in by_key.items():
        for tl in ["es", "pt", "ht", "fr"]:
            translations[tl][entry["root"]["id"]] = {"name": entry["names"][tl]}
            for sub, names in entry["subs"]:
                translations[tl][sub["id"]] = {"name": names[tl]}

    return {
        "format": 1,
        "revision": revision,
        "published_at": "2026-12-01T00:00:00Z",
        "hsds_version": "3.0",
        "language": "en",
        "zone": "America/New_York",
        "organizations": organizations,
        "locations": locations,
        "taxonomy_terms": terms,
        "services": services,
        "translations": translations,
    }


def broken_variants(base):
    """(file name, object, field, the mutated directory or raw text)."""
    out = []

    def variant(name, obj, field, mutate):
        d = copy.deepcopy(base)
        mutate(d)
        out.append((name, obj, field, d))

    def svc(d):
        return d["services"][0]

    variant("wrong_format", "directory", "format", lambda d: d.update(format=2))
    variant("unknown_field", "directory", "extras", lambda d: d.update(extras=True))
    variant("service_without_name", "service", "name", lambda d: svc(d).pop("name"))
    variant("service_name_not_text", "service", "name", lambda d: svc(d).update(name=42))
    variant("service_name_too_long", "service", "name", lambda d: svc(d).update(name="x" * 5000))
    variant("bad_status", "service", "status", lambda d: svc(d).update(status="open-ish"))
    variant("duplicate_service_id", "service", "id", lambda d: d["services"][1].update(id=svc(d)["id"]))
    variant("unknown_organization", "service", "organization_id", lambda d: svc(d).update(organization_id="no-such-org"))
    variant("unknown_location", "service_at_location", "location_id",
            lambda d: svc(d)["service_at_locations"][0].update(location_id="no-such-location"))
    variant("latitude_out_of_range", "location", "latitude", lambda d: d["locations"][0].update(latitude=95.5))
    variant("unknown_zone", "location", "time_zone", lambda d: d["locations"][0].update(time_zone="Mars/Olympus_Mons"))
    variant("bad_opens_at", "schedule", "opens_at",
            lambda d: svc(d).update(schedules=[{"id": "s-bad", "freq": "WEEKLY", "byday": "MO", "opens_at": "25:00", "closes_at": "26:00"}]))
    variant("bad_byday", "schedule", "byday",
            lambda d: svc(d).update(schedules=[{"id": "s-bad", "freq": "WEEKLY", "byday": "MO,XX", "opens_at": "09:00", "closes_at": "17:00"}]))
    variant("phone_without_number", "phone", "number", lambda d: svc(d)["phones"][0].pop("number"))
    variant("language_without_code_or_name", "language", "code",
            lambda d: svc(d).update(languages=[{"id": "l-bad"}]))
    variant("unknown_taxonomy_term", "attribute", "taxonomy_term_id",
            lambda d: svc(d)["attributes"][0].update(taxonomy_term_id="no-such-term"))
    variant("translation_of_nothing", "translations", "es",
            lambda d: d["translations"]["es"].update({"no-such-object": {"name": "Nada"}}))
    variant("address_without_city", "address", "city", lambda d: d["locations"][0]["addresses"][0].pop("city"))
    out.append(("not_json", "directory", "services", '{"format": 1, "revision": 2, "services": [{"id": '))
    return out


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--out", type=Path)
    ap.add_argument("--broken", type=Path)
    ap.add_argument("--services", type=int, default=5000)
    ap.add_argument("--seed", type=int, default=17)
    ap.add_argument("--revision", type=int, default=1)
    args = ap.parse_args()
    if not args.out and not args.broken:
        ap.error("give --out or --broken")
    if args.out:
        args.out.mkdir(parents=True, exist_ok=True)
        directory = build(args.services, args.seed, args.revision)
        (args.out / "directory.json").write_text(json.dumps(directory, ensure_ascii=False, indent=None, separators=(",", ":")) + "\n", encoding="utf-8")
    if args.broken:
        args.broken.mkdir(parents=True, exist_ok=True)
        base = build(30, args.seed, args.revision)
        expected = []
        for name, obj, field, content in broken_variants(base):
            text = content if isinstance(content, str) else json.dumps(content, ensure_ascii=False)
            (args.broken / f"{name}.json").write_text(text, encoding="utf-8")
            expected.append({"file": f"{name}.json", "object": obj, "field": field})
        (args.broken / "expected.json").write_text(json.dumps(expected, indent=1) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
