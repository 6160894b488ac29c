"""Rebuild the candidate texts of round 12 of the screening evaluation set (stdlib only).

Round 12 is the held-out set after round 11; BOTH halves are held out (the test half is
measured first, the dev half later, after tuning on the test half), so both were frozen before
any labelling.  It holds INCIDENT NARRATIVES only: the Philadelphia Police Department's
summaries of civilian complaints against its officers ("Complaints Against Police", CAP,
published by the City of Philadelphia on OpenDataPhilly): the department's own abstract of
what the complainant says happened ("The complainant, XX, 21/B/F, states that she was
physically abused by Officers XX and YY. According to the complainant, ...").  No agency of
rounds 1-11 is used (round 10's complaint summaries are Chicago's).

Selection only: reads the public copy from a local snapshot (SOURCES.md), applies the rules
written below, drops texts equal or nearly equal to a text of rounds 1-11 (every half and
part) or to a text already picked, redacts, and writes the split: an id goes to test when the
first byte of SHA-256(id) is even (the rule of rounds 1-11).  It never imports, runs or reads
the project's narrative screen or its vocabulary, and groups texts only by the source's own
category field (general_cap_classification).

Usage: python3 build.py [--frozen] PPD_COMPLAINTS_CSV
  --frozen            write both halves exactly as frozen (test.jsonl bd1ddd55..., dev.jsonl
                      c2295c84...): the "post_freeze" spans of redact.json are left out; without
                      it they are applied last (REDACTIONS.md)
  PPD_COMPLAINTS_CSV  raw_data/ppd_complaints.csv of sdl60660/philly_police_complaints at
                      715a16de7926bba332ae404013fee23334b26954 (5,296 complaints 2013-2018,
                      SHA-256 d32ac8357887bd6db524bc0ccd16587ceb8eb2f553b284c553222f1bbe530854)
"""
import csv, hashlib, importlib.util, json, random, re, sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
EARLIER = [HERE.parent / d for d in ('screening-eval', 'screening-eval-2', 'screening-eval-3',
                                     'screening-eval-4', 'screening-eval-5', 'screening-eval-6',
                                     'screening-eval-7', 'screening-eval-8', 'screening-eval-9',
                                     'screening-eval-10', 'screening-eval-11')]
HALVES = ('dev', 'test', 'dev_b', 'test_b')  # rounds 4 and 9 have a part B

# Round 10's length cut (one paragraph, at most 1,200 characters, cut at the last sentence
# end), duplicate rule, redaction patterns and span format are reused as they are.
_spec = importlib.util.spec_from_file_location('round10', HERE.parent / 'screening-eval-10' / 'build.py')
r10 = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(r10)
trim, words, apply_spans = r10.trim, r10.words, r10.apply_spans


def earlier_rows():
    for d in EARLIER:
        for half in HALVES:
            p = d / (half + '.jsonl')
            if p.exists():
                for line in open(p, encoding='utf-8'):
                    yield json.loads(line)


class Dedupe(r10.Dedupe):
    """Round 10's rule (exact after folding, or Jaccard >= 0.8 on word sets of 4+ words),
    loaded with every half and part of rounds 1-11."""

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


# --- Philadelphia Police Department, Complaints Against Police: complaint summaries ---
# Text = the `summary` field only (never district or date), whitespace folded, then the length
# rule.  Group = the complaint's own `general_cap_classification` (leading spaces stripped).
# Quotas: every complaint classed as physical abuse, domestic, criminal allegation, sexual
# crime / misconduct, non-investigatory incident, civil rights, falsification or drugs; a
# seeded sample of the others, so that about 1,700 texts are drawn (seed 2121).
PPD_QUOTA = {'PHYSICAL ABUSE': 10**6, 'DOMESTIC': 10**6, 'CRIMINAL ALLEGATION': 10**6,
             'SEXUAL CRIME/MISCONDUCT': 10**6, 'NON-INVESTIGATORY INCIDENT': 10**6,
             'CIVIL RIGHTS COMPLAINT': 10**6, 'FALSIFICATION': 10**6, 'DRUGS': 10**6,
             'HARASSMENT': 130, 'VERBAL ABUSE': 130, 'DEPARTMENTAL VIOLATIONS': 120,
             'LACK OF SERVICE': 120, 'UNPROFESSIONAL CONDUCT': 80}


def ppd(path, dd):
    groups = {}
    for r in csv.DictReader(open(path, encoding='utf-8', newline='')):
        cid = (r.get('complaint_id') or '').strip()
        text = re.sub(r'\s+', ' ', r.get('summary') or '').strip()
        cat = (r.get('general_cap_classification') or '').strip()
        if not cid or not text:
            continue
        groups.setdefault(cat, []).append(dict(id=cid, text=text, cat=cat))
    unknown = set(groups) - set(PPD_QUOTA)
    assert not unknown, 'classes without a quota: %s' % sorted(unknown)
    return take(groups, PPD_QUOTA, 2121,
                lambda r, t: dict(id='ppd-' + r['id'], source='philadelphia-pd-complaint-summaries',
                                  text=t, cat=r['cat']), dd)


# Capitalised words of these summaries that are no one's name (places, units, things).
PPD_KEEP = set("""Philadelphia Philly Internal Affairs Division IAD PPD SEPTA Temple Septa
District Districts Detective Detectives Division Headquarters Center City Hall Police
Department Officer Officers Sergeant Lieutenant Captain Corporal Inspector Highway Patrol
SWAT Narcotics Strike Force Bureau Unit Task Court Courts Municipal Common Pleas DA DAO
District Attorney Attorney's Office Family Pennsylvania PA NJ New Jersey Delaware Delco
Hospital Einstein Jefferson Hahnemann Penn Presbyterian Episcopal Aria Frankford Nazareth
Children's CHOP Temple University Drexel Roxborough Germantown Kensington Fishtown
Northeast Northwest Southwest South North West East Broad Market Street Avenue Boulevard
Roosevelt Lehigh Allegheny Erie Girard Spring Garden Chestnut Walnut Race Vine Arch
Facebook Instagram Twitter YouTube Google Uber Lyft SUV Jeep Honda Toyota Ford Chevy Dodge
Nissan BMW Mercedes Chrysler Acura Buick Lexus Hyundai Kia Wawa McDonald's ShopRite
Walmart Target Rite Aid CVS Walgreens Dunkin Sunoco Septa's Muslim Christian African
American Black White Hispanic Latino Asian Spanish English Caucasian Mr Mrs Ms Miss Dr
PFA PFAs DHS CYS DUI Taser Tasered TASER Glock Narcan Xanax Percocet Mace OC I II III
January February March April May June July August September October November December
Monday Tuesday Wednesday Thursday Friday Saturday Sunday Christmas Thanksgiving Easter
Tazed Tased VUFA OD ODs ER EMT EMTs EMS ICU CPR RN MD ADA AIDS HIV Ebola Tourettes Withdrawal
Taurus ASP ASPs Band-Aid CCTV Canine K-9 Miranda Supervisor Superviosr Commander Cpl Det Sgt Lt
Civ Civillian Dispatcher Dispatchers Liaison Street Streets St Avenue Avenues Road Roads Rd Lane
Pike Parkway Drives Drive Township Once Furthermore Instead Maybe Remember Several Other No Oh
Wow One Two Three First Does Search Phone Store Security Service Health Community
Communications Recreation Shopping Restaurant Week Day I'll I've I'ma She'll We're National
Homeland External Old Red Sun Lower Elementary Stadium Museum Academy Quality Unity Bank Medal
Valor Fund Compensation Assurance Airways Pad Channel Tube Box LITTLE XXXX Chinese German
Jamaican Ethiopians Muslims Americans African-American Moorish Gestapo Amendment Governor
Complaint Probationary NAACP PECO SPCA SVU FOP TV VA PARS E.R AI ECW ECD CEW CFCF DVIC NEDD
NWDD SWDD CWDD SDD EDD PCIC PDU PCD BMV VIN VINs RPC ATM
""".split())


def redact(x, red, ordinary):
    """Round 10's redaction (spans of redact.json, the capitalised-name rule with this
    source's keep list, officers named after a title, star numbers, dates of birth, phones,
    house-number addresses, coordinates).  The city's single-letter initials ("Officer B") are
    kept.  Two-letter initials ("Officer KF", "the complainant, BH, 21/B/F") are taken by the
    name rule only when their lower-case form is no "ordinary" word and not on a keep list;
    most are ("rd" of "3rd", "mm" of "9mm", "ER", "OD", "MD"), so the frozen texts kept them:
    they are replaced by the post_freeze spans of redact.json (REDACTIONS.md)."""
    # the spans of redact.json first (offsets in the text after the length cut); then "911",
    # the emergency number, is hidden from the address rule ("called 911 and the 3rd District"
    # is no address)
    text = apply_spans(x['id'], x['text'], red.get('spans', {}))
    # likewise "IV's" (intravenous lines) is kept from the name rule, which would take it
    # for initials
    text = re.sub(r"\bIV's\b", 'ivlinesword', text)
    x = dict(x, text=re.sub(r'(?<![\d-])911(?![\d-])', 'nineoneonecall', text))
    text = r10.redact(x, {}, ordinary).replace('nineoneonecall', '911').replace('ivlinesword', "IV's")
    # a house number whose street name the name rule took ("at 1301 [NAME] Street"), and
    # house-number addresses round 10's rule does not know ("9940 Roosevelt Boulevard",
    # "34 S. 11th Street", "3200 Red [NAME] Road")
    text = HOUSE_NAME.sub('[ADDRESS]', text)
    return HOUSE_STREET.sub('[ADDRESS]', text)


HOUSE_NAME = re.compile(r"(?<![\w/:.-])\d{2,6}(?:-?[A-Z])?\s+(?:[NSEW]\.?\s+)?\[NAME\]"
                        r"(?:\s+(?:Street|St|Avenue|Ave|Road|Rd|Boulevard|Blvd|Drive|Dr|Lane|Ln|"
                        r"Place|Pl|Pike|Way|Court|Ct|Parkway|Terrace|Streets|Avenues)\b\.?)?")
HOUSE_STREET = re.compile(r"(?<![\w/:.$,-])(?!(?:19|20)\d\d\b)\d{2,6}(?:-?[A-Z])?\s+(?:[NSEW]\.?\s+)?"
                          r"(?:(?:\d+(?:st|nd|rd|th)|[A-Z][a-z']+|\[NAME\])\s+){1,3}"
                          r"(?:Street|St|Avenue|Ave|Boulevard|Blvd|Road|Rd|Drive|Dr|Lane|Ln|Pike|"
                          r"Parkway|Pkwy|Place|Pl|Way|Court|Ct|Terrace|Streets|Avenues)\b\.?")


def is_test(text_id):
    return hashlib.sha256(text_id.encode('utf-8')).digest()[0] % 2 == 0


def main(ppd_csv, frozen=False):
    dd = Dedupe()
    items = ppd(ppd_csv, dd)
    assert len({x['id'] for x in items}) == len(items), 'duplicate ids'
    rpath = HERE / 'redact.json'
    red = json.load(open(rpath)) if rpath.exists() else {}
    items = [x for x in items if x['id'] not in red.get('exclude', {})]
    unknown = set(red.get('spans', {})) - {x['id'] for x in items}
    assert not unknown, 'redact.json spans for texts not built: %s' % sorted(unknown)
    r10.KEEP |= PPD_KEEP
    ordinary = r10.ordinary_words(items)
    # post_freeze: leftovers found after the freeze by the test half's blind labellers and the
    # searches that followed (two-letter initials the name rule took for ordinary words, a
    # house-number address, stray numbers after age / race / sex; REDACTIONS.md), replaced after
    # the test labelling; offsets in the text as frozen, applied last, left out by --frozen.
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
            strata[x['cat']] = strata.get(x['cat'], 0) + 1
        for k in sorted(strata):
            print('  %-28s %d' % (k, strata[k]))


if __name__ == '__main__':
    args = [a for a in sys.argv[1:] if a != '--frozen']
    if len(args) != 1:
        sys.exit(__doc__)
    main(args[0], frozen=len(args) < len(sys.argv) - 1)
