"""Rebuild the candidate texts of round 11 of the screening evaluation set (stdlib only).

Round 11 is the held-out set after round 10.  It holds INCIDENT NARRATIVES only, in a genre
other than round 10's complaint and prosecutor summaries: (1) the Dallas Police Department's
offense narratives ("Modus Operandi (MO)" of its Police Incidents records: the reporting
officer's one-line account of what happened, "UNK SUSP POINTED A HANDGUN AT COMP AND TOOK
PROPERTY"), the shorthand of a report / call-log line; (2) the University of Southern
California Department of Public Safety's crime alerts (the incident description the
department's alert gives for each incident); (3) the Bedford (Massachusetts) Police
Department's dispatch log (the dispatcher's remarks on each call: the CAD / call-log genre).
Selection only: reads the public copies from
local snapshots (SOURCES.md), applies the rules written below, drops texts equal or nearly
equal to a text of rounds 1-10 (every half and part) or to a text already picked, redacts,
and writes the split: an id goes to test when the first byte of SHA-256(id) is even (the rule
of rounds 1-10).  It never imports, runs or reads the project's narrative screen or its
vocabulary, and groups texts only by each source's own category field.

Usage: python3 build.py [--frozen] DALLAS_A_CSV DALLAS_B_CSV USC_JSON BEDFORD_CSV
  --frozen      write both halves exactly as frozen (test.jsonl f70c0ed7..., dev.jsonl 627a3811...):
                the "post_freeze" spans of redact.json are left out; without it they are applied
  DALLAS_A_CSV  Police_Incidents.csv of shuyizhang3/McAfee_Assessment_project at
                51c4a3a29cf6b0d8dcb4f413287e21af8c3b1a8c (598 Dallas Police Incidents rows, 2017)
  DALLAS_B_CSV  police_incidents.csv of Yarema87/patterns_4 at
                06dfd27477e989e2a5c05a65214a970fd83f3eba (750 Dallas Police Incidents rows)
  USC_JSON      reports.json of kayserifserif/dps at 555a44bb0ac82d728a0a3d276c01e4fadfbee643
                (USC DPS crime alerts, 2018-2021, parsed from dps.usc.edu)
  BEDFORD_CSV   Master.csv of jgia/PoliceLogAnalytics at 77ae122cff95543f590e6521d1780f8422754502
                (Bedford, Massachusetts, Police Department daily log, July 2021 - July 2022)
"""
import csv, hashlib, importlib.util, json, random, re, sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
EARLIER = [HERE.parent / d for d in ('screening-eval', 'screening-eval-2', 'screening-eval-3',
                                     'screening-eval-4', 'screening-eval-5', 'screening-eval-6',
                                     'screening-eval-7', 'screening-eval-8', 'screening-eval-9',
                                     'screening-eval-10')]
HALVES = ('dev', 'test', 'dev_b', 'test_b')  # rounds 4 and 9 have a part B

# Round 10's length cut, duplicate rule, redaction patterns and span format are reused as they
# are (data/screening-eval-10/build.py); only the list of earlier rounds grows by round 10.
_spec = importlib.util.spec_from_file_location('round10', HERE.parent / 'screening-eval-10' / 'build.py')
r10 = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(r10)
trim, words, norm, apply_spans = r10.trim, r10.words, r10.norm, r10.apply_spans


def earlier_rows():
    for d in EARLIER:
        for half in HALVES:
            p = d / (half + '.jsonl')
            if p.exists():
                for line in open(p, encoding='utf-8'):
                    yield json.loads(line)


class Dedupe(r10.Dedupe):
    """Round 10's rule (exact after folding, or Jaccard >= 0.8 on word sets of 4+ words),
    loaded with every half and part of rounds 1-10."""

    def __init__(self):
        self.keys, self.sets = set(), []
        for row in earlier_rows():
            self.add(row['text'])


def take(groups, quota, seed, make, dd):
    """Shuffle each group with the seed, keep texts in that order until the group's quota is
    met (texts of 20+ characters and 4+ words that pass the duplicate rule)."""
    rng = random.Random(seed)
    out = []
    for g in quota:
        rows = sorted(groups.get(g, []), key=lambda r: r['id'])
        rng.shuffle(rows)
        n = 0
        for r in rows:
            if n >= quota[g]:
                break
            t = trim(r['text'])
            if len(t) < 20 or words(t) < 4 or not dd.fresh(t):
                continue
            dd.add(t)
            n += 1
            out.append(dict(make(r, t), group=g))
    return out


# --- 1. Dallas Police Department offense narratives ("Modus Operandi (MO)") ---
# Two public extracts of Dallas Open Data's "Police Incidents" table.  Text = the MO field
# only (never a name, address, officer or complainant column).  An incident number present in
# both extracts is taken once (extract A first).  Group = the record's own "Type of Incident"
# (the offense title the department gives the report), sorted into three strata by the sets
# below; the quotas exceed every stratum, so every text that passes the filters is kept.
DAL_VIOLENT = ('ASSAULT', 'ROBBERY', 'MURDER', 'DEADLY', 'KIDNAP', 'SEXUAL', 'TERRORISTIC',
               'WEAPON', 'FIREARM', 'INJURY TO', 'RETALIATION', 'INTERFER W/EMERG')
DAL_MEDICAL = ('ACCIDENT INVOLVING INJURY', 'ACCIDENT INVOLVING DEATH', 'DEATH', 'INJURED',
               'SUICIDE', 'MENTAL', 'OVERDOSE', 'SICK')
DAL_QUOTA = {'violent-or-weapon': 10**6, 'injury-or-death': 10**6, 'other': 10**6}


def dal_group(kind):
    k = kind.upper()
    if any(w in k for w in DAL_VIOLENT):
        return 'violent-or-weapon'
    if any(w in k for w in DAL_MEDICAL):
        return 'injury-or-death'
    return 'other'


def dallas(path_a, path_b, dd):
    seen, groups = set(), {}
    for path in (path_a, path_b):
        with open(path, encoding='utf-8', errors='replace', newline='') as f:
            for row in csv.DictReader(f):
                num = (row.get('Incident Number w/ Year') or row.get('Incident Number w/year') or '').strip()
                text = (row.get('Modus Operandi (MO)') or '').strip()
                if not num or num in seen or not text:
                    continue
                seen.add(num)
                kind = (row.get('Type of Incident') or '').strip()
                groups.setdefault(dal_group(kind), []).append({'id': 'dal-' + num, 'text': text, 'cat': kind})
    return take(groups, DAL_QUOTA, 2111,
                lambda r, t: {'id': r['id'], 'source': 'dallas-pd-offense-mo', 'text': t, 'cat': r['cat']}, dd)


# --- 2. USC Department of Public Safety crime alerts ---
# Each alert (a Clery timely warning or crime alert the department posted) has a title (its
# "summary": "Robbery", "Sexual Battery (Suspect in Custody)", ...) and one or more incidents,
# each with the department's incident description.  Text = one incident's description (never
# the suspect description, location, case number or the outcome paragraph, which names
# arrested people).  Id = usc-<the alert's URL slug>[-<incident number when several>].
# Group = the alert's own title with the custody / arrest / update suffix taken off.
USC_QUOTA = {'all': 10**6}


def usc_kind(summary):
    s = re.sub(r'\s*[-(]\s*(?:suspects? (?:in custody|arrested)|update)\)?\s*$', '', summary, flags=re.I)
    s = re.sub(r'\s+(?:arrest|suspects? (?:in custody|arrested))$', '', s, flags=re.I)
    return s.strip() or summary


def usc(path, dd):
    rows, seen = [], set()
    for alert in json.load(open(path, encoding='utf-8')):
        slug = alert['metadata']['url'].rstrip('/').rsplit('/', 1)[-1]
        if slug in seen:  # the file lists one alert three times; the first copy is taken
            continue
        seen.add(slug)
        incs = alert.get('incidents', [])
        for n, inc in enumerate(incs, 1):
            text = inc.get('incident_description') or ''
            if isinstance(text, list):  # an alert with several paragraphs keeps them in order
                text = ' '.join(text)
            text = text.strip()
            if text:
                rows.append({'id': 'usc-' + slug + ('-%d' % n if len(incs) > 1 else ''), 'text': text,
                             'cat': usc_kind(alert['metadata']['summary'])})
    return take({'all': rows}, USC_QUOTA, 2112,
                lambda r, t: {'id': r['id'], 'source': 'usc-dps-crime-alerts', 'text': t, 'cat': r['cat']}, dd)


# --- 3. Bedford (Massachusetts) Police Department dispatch log ---
# The department's daily log as a table (one row per call: incident number, time, address,
# IncidentType, ActionTaken, Remarks).  Text = the dispatcher's Remarks only ("Received a 911
# call from ... requesting EMS for a medical. Medic-2 ... dispatched. Medic-2 transported 1 to
# Lahey."), never the address column.  Rows whose remark is the log's stock "No dispatcher
# remarks listed." are left out.  Group = the row's own IncidentType, sorted into three strata
# by the sets below; a quota per stratum (seeded draw), because the log holds 8,600 remarks.
BED_MEDICAL = {'Ambulance', 'Overdose - Medical', 'Death', 'Section 12', 'MV Crash - Injury',
               'MV Crash - Cyclist', 'MV Crash - Pedestrian', 'Check Well Being', 'Suicide',
               'Suicide Attempt', 'Mental Health', 'Assist Fire Department'}
BED_VIOLENT = {'Disturbance', 'Threatening', 'Assault & Battery', '209A Service or Attempt',
               '209A Violation', '258E Service or Attempt', '258E Criminal Harassment Issue',
               'Harassment', 'Unwanted Guest', 'Arrest', 'Arrest - Warrant', 'Domestic',
               'Domestic Disturbance', 'Fight', 'Weapon', 'Shots Fired', 'Robbery', 'B&E',
               'Trespassing', 'Missing Person', 'Missing Juvenile', 'Elder Affairs Incident',
               'School Related Incident', 'Suspicious MV or Pers'}
BED_QUOTA = {'medical': 330, 'violence-or-threat': 230, 'other': 290}


def bed_group(kind):
    if kind in BED_MEDICAL:
        return 'medical'
    if kind in BED_VIOLENT or any(w in kind for w in ('Assault', 'Weapon', 'Gun', 'Shot', 'Stab',
                                                        'Domestic', '209A', 'Fight')):
        return 'violence-or-threat'
    return 'other'


def bedford(path, dd):
    groups, seen = {}, set()
    with open(path, encoding='utf-8-sig', errors='replace', newline='') as f:  # the file opens with a BOM
        for row in csv.DictReader(f):
            num, text = row['IncidentNum'].strip(), re.sub(r'\s+', ' ', row['Remarks']).strip()
            if not num or num in seen or not text or text.startswith('No dispatcher remarks'):
                continue
            seen.add(num)
            kind = row['IncidentType'].strip()
            groups.setdefault(bed_group(kind), []).append({'id': 'bed-' + num, 'text': text, 'cat': kind})
    return take(groups, BED_QUOTA, 2113,
                lambda r, t: {'id': r['id'], 'source': 'bedford-ma-pd-dispatch-log', 'text': t, 'cat': r['cat']}, dd)


# --- redaction: round 10's patterns (house-number addresses, phones, dates of birth,
# coordinates, officers named after a title, badge numbers) plus the spans of redact.json
# (names found by reading every text).  Round 10's capitalised-name rule is not used: the
# Dallas texts are ALL CAPS and the USC texts name no private person outside the outcome part,
# which is not used; both were read in full instead.
# Capitalised words of the Bedford remarks that are not ordinary words and not names of
# persons (places, hospitals, agencies, units, acronyms): found, as in round 10, by listing every
# such word that stands in 3 or more Bedford texts; the surnames among them (officers,
# residents) are left out of this list, and so are street names that are also surnames.
BED_KEEP = set("""Bedford Lahey Medic Medic- VA FD Plaza Eng Eng- MA Emerson Concord Lexington
Burlington Great Middlesex T- VAPD Det Billerica Squad Squad- L- Turnpike GOA Pine Cot Hartwell
American DPW Lad Lad- Ashby Lowell Ridge Shawsheen Terrace Trnpk Med MVC S- GRSC Sweetwater Glen
CVS C- JGMS HAFB Wildwood Tavern Northside Doubletree ADT Gulf BHS DOB Meadowbrook Edinburg SRO A-
DMV Mitre America Bldg- Eversource McDonalds Lido FW Railroad Hemlock Dunkin Independence Centra
Legion MSP Liberty CPAC Fawn ECO Simply Carlisle Harvard Avalon Crescent Lifeline Foods P- Mals
SGT Hosptial Amb- NB Simplex Waltham Stagecoach Ma ACO WMS AFC OUI Pond Elm Sqd Sqd- Carleton
Thompson Farm Hanscom Woburn Boston Massachusetts Comcast NEMLEC EMS CPR AED ALS BLS MV RP PD
ER EMT OD Narcan""".split())


# The town log writes one- and two-digit house numbers ("18 Hemlock Lane", "4 The Great Road",
# "6105 Thompson Farm"), which round 10's address rule (3-6 digits) leaves alone.
BED_SUFFIX = (r"(?:Road|Rd|Street|St|Avenue|Ave|Drive|Dr|Lane|Ln|Way|Terrace|Ter|Place|Pl|Circle|"
              r"Cir|Court|Ct|Turnpike|Tpke|Trnpk|Village|Farm|Park|Hill|Square|Sq|Highway|Hwy|Path|"
              r"Row|Ext|Green|Common|Crossing|Parkway|Pkwy)")
BED_ADDRESS = re.compile(r"(?<![\w$.,/-])\d{1,5}(?:-?[A-Z])?(?:-\d+)?\s+(?:(?:[A-Z][\w'.-]*|\d+(?:st|nd|rd|th)|\[NAME\])\s+){0,3}?"
                         r"%s\b\.?" % BED_SUFFIX)
# a house number whose street name the name rule took ("from 6 [NAME] was", "of 43 [NAME] under")
BED_NUMBER_NAME = re.compile(r"((?:\bat|\bfrom|\bof|\bto|\bon|,)\s+)\d{1,5}[A-Z]?\s+\[NAME\]\S*")


def redact(x, red, ordinary=None):
    text = apply_spans(x['id'], x['text'], red.get('spans', {}))
    if x['source'].startswith('bedford'):
        # house-number addresses first, so that a street name taken for a name does not hide
        # the number from the address rule; then names (round 10's rule, Bedford's keep list)
        text = PLATE.sub('[ID]', text)
        if x['id'] not in red.get('no_street', []):
            text = r10.STREET.sub('[ADDRESS]', text)
            text = BED_ADDRESS.sub('[ADDRESS]', text)
        text = r10.redact_names(text, ordinary)
        if x['id'] not in red.get('no_street', []):
            text = BED_ADDRESS.sub('[ADDRESS]', text)
            text = BED_NUMBER_NAME.sub(r'\1[ADDRESS]', text)

    def officer(m):
        w = m.group(3)
        if not w[0].isupper() or w.lower() in r10.COMMON_AFTER_TITLE or w.lower() in r10.TITLE_WORDS \
                or w.lower() in OFFICER_OK:
            return m.group(0)
        return m.group(1) + m.group(2) + '[NAME]'
    text = r10.OFFICER.sub(officer, text)
    text = r10.STAR.sub('#[STAR]', text)
    text = PLATE.sub('[ID]', text)
    text = r10.DOB.sub('[DOB]', text)
    text = r10.PHONE.sub('[PHONE]', text)
    if x['id'] not in red.get('no_street', []):
        text = r10.STREET.sub('[ADDRESS]', text)
    return r10.COORD.sub('[ADDRESS]', text)


# licence plates: one run of 6-8 capital letters and digits holding both ("JLM2768", "4EML758")
PLATE = re.compile(r'(?<![\w/-])(?=[A-Z0-9]*\d)(?=[A-Z0-9]*[A-Z])[A-Z0-9]{6,8}(?![\w/-])')


# words after a title that are not names in these texts ("DPS officers responded", "officer
# arrived", "COMP", ...)
OFFICER_OK = {'responded', 'arrived', 'observed', 'located', 'detained', 'searched', 'found',
              'saw', 'contacted', 'comp', 'compl', 'complainant', 'suspect', 'susp', 'on', 'at',
              'in', 'to', 'of', 'his', 'her', 'their', 'a', 'an', 'by', 'not', 'came', 'went'}


def is_test(text_id):
    return hashlib.sha256(text_id.encode('utf-8')).digest()[0] % 2 == 0


def main(dal_a, dal_b, usc_json, bed_csv, frozen=False):
    dd = Dedupe()
    items = dallas(dal_a, dal_b, dd) + usc(usc_json, dd) + bedford(bed_csv, dd)
    assert len({x['id'] for x in items}) == len(items), 'duplicate ids'
    rpath = HERE / 'redact.json'
    red = json.load(open(rpath)) if rpath.exists() else {}
    items = [x for x in items if x['id'] not in red.get('exclude', {})]
    unknown = set(red.get('spans', {})) - {x['id'] for x in items}
    assert not unknown, 'redact.json spans for texts not built: %s' % sorted(unknown)
    r10.KEEP |= BED_KEEP
    ordinary = r10.ordinary_words([x for x in items if x['source'].startswith('bedford')])
    # post_freeze: leftovers found after the freeze by the blind labellers and the searches
    # that followed (a partial licence plate around a name redaction; house numbers with their
    # street, residents' unit numbers at a named complex; REDACTIONS.md), replaced after the
    # labelling; offsets in the text as frozen, applied last, left out by --frozen.
    post = {} if frozen else red.get('post_freeze', {})
    unknown = set(post) - {x['id'] for x in items}
    assert not unknown, f'redact.json post_freeze spans for texts not built: {sorted(unknown)}'
    for x in items:
        x['text'] = apply_spans(x['id'], redact(x, red, ordinary), post, 'redact.json post_freeze')
    items.sort(key=lambda x: x['id'])
    for name, rows in (('test', [x for x in items if is_test(x['id'])]),
                       ('dev', [x for x in items if not is_test(x['id'])])):
        with open(HERE / (name + '.jsonl'), 'w', encoding='utf-8') as f:
            for x in rows:
                f.write(json.dumps({'id': x['id'], 'source': x['source'], 'text': x['text']},
                                   ensure_ascii=False) + '\n')
        with open(HERE / (name + '.groups.json'), 'w', encoding='utf-8') as f:
            json.dump({x['id']: x['cat'] for x in rows}, f, indent=0, sort_keys=True)
        print(name, len(rows))
        strata = {}
        for x in rows:
            strata.setdefault((x['source'], x['group']), 0)
            strata[(x['source'], x['group'])] += 1
        for k in sorted(strata):
            print('  %-24s %-18s %d' % (k[0], k[1], strata[k]))


if __name__ == '__main__':
    args = [a for a in sys.argv[1:] if a != '--frozen']
    if len(args) != 4:
        sys.exit(__doc__)
    main(*args, frozen=len(args) < len(sys.argv) - 1)
