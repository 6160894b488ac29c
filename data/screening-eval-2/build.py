"""Rebuild the candidate texts of round 2 of the screening evaluation set (stdlib only).

Selection only: reads three public sources from local snapshots (SOURCES.md
says where they came from), applies the selection rules written below, drops
texts equal or nearly equal to a round-1 text or to a text already picked,
redacts, and writes the split (dev.jsonl, test.jsonl): an id goes to test when
the first byte of SHA-256(id) is even, the rule of round 1.  It never imports,
runs or reads the project's narrative screen or its vocabulary.

Usage: python3 build.py UCPD_INCIDENTS_CSV UCPD_FIELD_INTERVIEWS_CSV CADPAGE_JSON
  UCPD_INCIDENTS_CSV        ucpd_incident_data_scraped_2019-12-02.csv  (tonofshell/ucpd-incident-data @ a97abf8)
  UCPD_FIELD_INTERVIEWS_CSV ucpd_field_interview_data_scraped_2019-12-02.csv (same commit)
  CADPAGE_JSON              cadpage INFO fields (../screening-eval/cad_extract.py output, cad_all.json)
"""
import csv, hashlib, json, random, re, sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROUND1 = HERE.parent / 'screening-eval'
MAXLEN = 600


def trim(text):
    """Round 1's length rule: strip; cut texts over MAXLEN at the last sentence
    end (or else the last space) before MAXLEN.  Nothing else is changed."""
    text = text.strip()
    if len(text) <= MAXLEN:
        return text
    cut = text[:MAXLEN]
    i = max(cut.rfind('. '), cut.rfind('.\n'))
    if i > MAXLEN // 2:
        return cut[:i + 1]
    return cut[:cut.rfind(' ')].rstrip()


def words(text):
    return len(re.findall(r'[A-Za-z]{2,}', text))


def norm(text):
    return ' '.join(re.findall(r'[a-z0-9]+', text.lower()))


class Dedupe:
    """Exact (after folding case, punctuation and spacing) and near-exact
    (Jaccard >= 0.8 on word sets of 4+ words, words with digits such as case
    numbers left out) duplicates of round-1 texts or of texts already kept are
    refused."""

    def __init__(self):
        self.keys, self.sets = set(), []
        for half in ('dev', 'test'):
            for line in open(ROUND1 / (half + '.jsonl'), encoding='utf-8'):
                self.add(json.loads(line)['text'])

    @staticmethod
    def wordset(text):
        return frozenset(w for w in norm(text).split() if not any(c.isdigit() for c in w))

    def add(self, text):
        self.keys.add(norm(text))
        ws = self.wordset(text)
        if len(ws) >= 4:
            self.sets.append(ws)

    def fresh(self, text):
        if norm(text) in self.keys:
            return False
        ws = self.wordset(text)
        if len(ws) >= 4:
            for s in self.sets:
                if 0.8 * len(s) <= len(ws) <= 1.25 * len(s) and len(ws & s) >= 0.8 * len(ws | s):
                    return False
        return True


# --- 1. University of Chicago Police Department incident reports (prose) ---
UC_WEAPON = re.compile(r'ARMED|AGGRAVATED|SHOT|SHOOT|WEAPON|HOMICIDE|MURDER|HIJACK|GUN|HOME INVASION|KIDNAP', re.I)
UC_VIOLENCE = re.compile(r'ROBBERY|BATTERY|ASSAULT|DOMESTIC|FIGHT|THREAT|INTIMIDAT|SEXUAL|ABUSE|STRONG ?ARM', re.I)
UC_MEDICAL = re.compile(r'INJUR|MEDICAL|SICK|DEATH|DECEASED|OVERDOSE|UNRESPONSIVE|SUICID|ILL PERSON|UNCONSCIOUS', re.I)
UC_SKIP = re.compile(r'^(VOID|No (Incident )?Reports? this date|:)?$', re.I)
UC_QUOTA = {'weapon': 360, 'violence': 40, 'medical': 140, 'other': 420}


def ucpd(path, dd):
    rows = list(csv.DictReader(open(path, newline='', encoding='utf-8')))
    groups = {k: [] for k in UC_QUOTA}
    for r in rows:
        kind, t = r['Incident'].strip(), r['Comments / Nature of Fire'].strip()
        if (UC_SKIP.match(kind) or not r['UCPDI#'].strip() or r['UCPDI#'].upper().startswith('NO ')
                or len(t) < 25 or words(t) < 4):
            continue
        g = ('weapon' if UC_WEAPON.search(kind) else 'violence' if UC_VIOLENCE.search(kind)
             else 'medical' if UC_MEDICAL.search(kind) else 'other')
        groups[g].append(r)
    rng = random.Random(2026)
    out = []
    for g in UC_QUOTA:
        rng.shuffle(groups[g])
        if g == 'weapon':  # round robin over the headings, so armed robbery does not crowd out the rest
            by = {}
            for r in groups[g]:
                by.setdefault(re.sub(r'\s+', ' ', r['Incident'].strip().lower()), []).append(r)
            queue = [by[k] for k in sorted(by)]
            groups[g] = []
            while any(queue):
                groups[g] += [q.pop() for q in queue if q]
        n = 0
        for r in groups[g]:
            t = trim(r['Comments / Nature of Fire'])
            if n >= UC_QUOTA[g] or not dd.fresh(t):
                continue
            dd.add(t)
            n += 1
            out.append(dict(id='ucpd-' + re.sub(r'\s+', '-', r['UCPDI#'].strip()), source='ucpd-incident-reports', text=t))
    return out


# --- 2. UCPD field interviews: the officer's reason for the stop (FIO-style) ---
FI_QUOTA = 300  # more than there are: all that pass the rules


def ucpd_fi(path, dd):
    rows = [r for r in csv.DictReader(open(path, newline='', encoding='utf-8'))
            if re.match(r'\d+/\d+/\d{4} \d+:\d\d [AP]M$', r['Date/Time'].strip())]
    rng = random.Random(617)
    rng.shuffle(rows)
    out = []
    for r in rows:
        t = trim(r['Reason for Stop'])
        if len(out) >= FI_QUOTA or len(t) < 20 or words(t) < 4 or not dd.fresh(t):
            continue
        dd.add(t)
        mo, d, y, h, mi, ap = re.match(r'(\d+)/(\d+)/(\d{4}) (\d+):(\d\d) ([AP]M)', r['Date/Time'].strip()).groups()
        stamp = '%s%02d%02d-%02d%s%s' % (y, int(mo), int(d), int(h), mi, ap)  # as published (some read 18:24 PM)
        out.append(dict(id='ucfi-' + stamp, source='ucpd-field-interviews', text=t))
    return out


# --- 3. cadpage parser tests of agencies (parsers) round 1 did not use ---
CAD_WEAPON = re.compile(r'SHOOT|SHOT|STAB|GSW|GUN|WEAPON|ARMED|FIREARM|KNIFE|PENETRAT|HOLD ?UP|ROBBER')
CAD_VW = re.compile(r'ASSAULT|FIGHT|DOMESTIC|BATTERY|SEXUAL|RAPE|HOSTAGE|THREAT|DISTURB|ABUSE|BRAWL|ATTACK|KIDNAP')
CAD_MED = re.compile(r'OVERDOSE|\bOD\b|POISON|UNCON|CARDIAC|TRAUMA|SEIZ|BREATH|CHEST|BLEED|HEMORR'
                     r'|STROKE|CVA|FALL|SICK|DIABET|SUICID|INJUR|DOA|DECEASED|DEATH|MEDICAL|\bEMS\b|AMBULANCE'
                     r'|\bALS\b|\bBLS\b|RESCUE|UNRESP|ALLERG|HEART|PAIN|ILL')
CAD_JUNK = re.compile(r'Prior Incident|Previous Calls|^Disp:|CAD Times|^Toner Alert|Call Created|Time reported:'
                      r'|CAD Call ID', re.I)
CLOCK = re.compile(r'\d{1,2}:\d\d')


def unit_log(text):
    """A page that is mostly a unit status / time-stamp log (3+ clock times and
    fewer than 6 words on the lines without one): not a narrative."""
    if len(CLOCK.findall(text)) < 3:
        return False
    rest = ' '.join(l for l in re.split(r'\n| \| ', text) if not CLOCK.search(l))
    return words(rest) < 6
CAD_QUOTA = {'weapon': 100, 'vw': 70, 'med': 110, 'other': 110}
CAD_PER_PARSER = {'weapon': 8, 'vw': 4, 'med': 4, 'other': 4}
STREET = re.compile(
    r"(?<![\w-])\d{3,6}(?:-?[A-Z])?[ \t]+(?:[NSEW]\.?[ \t]+)?(?:[A-Za-z0-9'.]+[ \t]+){0,3}?"
    r"(?:RD|ROAD|ST|STREET|AVE?|AVENUE|DR|DRIVE|LN|LANE|BLVD|CT|COURT|CIR|CIRCLE|PL|PLACE|"
    r"WAY|HWY|HIGHWAY|PKWY|TER|TRL|TRAIL|PIKE|LOOP|ROW|\d+(?:ST|ND|RD|TH))\b\.?", re.I)
COORD = re.compile(r'[-+]?\d{1,3}\.\d{5,}')
PHONE = re.compile(r'(?<!\d)(?:\(?\d{3}\)?[ .-]?)?\d{3}[ .-]\d{4}(?!\d)|(?<![\d-])[2-9]\d{9}(?![\d-])')


def round1_parsers():
    """Parser classes any round-1 cadpage text came from: excluded entirely."""
    ids = [json.loads(l)['id'] for h in ('dev', 'test') for l in open(ROUND1 / (h + '.jsonl'))]
    return {i[4:] for i in ids if i.startswith('cad-')}


def cadpage(path, dd):
    rows = json.load(open(path))
    r1 = round1_parsers()
    used = lambda cls: any(i.startswith(cls + '-') for i in r1)
    excluded = {c for c in {r['cls'] for r in rows} if used(c)}
    rows = [r for r in rows if r['cls'] not in excluded]
    rng = random.Random(2027)
    rng.shuffle(rows)
    got = {k: [] for k in CAD_QUOTA}
    per_parser = {}
    for r in rows:
        t = r['info'].strip()
        if len(t) < 25 or words(t) < 4 or CAD_JUNK.search(t) or unit_log(t) or r['cls'].startswith('ZSE'):
            continue  # ZSE: the Swedish parsers (not English)
        call = r['call'].upper()
        g = ('weapon' if CAD_WEAPON.search(call) else 'vw' if CAD_VW.search(call)
             else 'med' if CAD_MED.search(call) else 'other')
        key = (r['cls'], g)
        if per_parser.get(key, 0) >= CAD_PER_PARSER[g] or len(got[g]) >= CAD_QUOTA[g]:
            continue
        name = r.get('name', '').strip()
        if len(name) > 4 and name.upper() in t.upper():
            t = re.sub(re.escape(name), '[NAME]', t, flags=re.I)
        t = trim(t)
        if not dd.fresh(t):
            continue
        dd.add(t)
        per_parser[key] = per_parser.get(key, 0) + 1
        got[g].append(dict(id='cad-%s-%s' % (r['cls'], r['test']), source='cadpage-test-messages', text=t))
    return [x for g in CAD_QUOTA for x in got[g]]


def redact(x, red):
    """Replace the spans listed by hand in redact.json (private persons' names
    and street addresses the patterns miss, found by reading every candidate
    before the split) with [NAME] / [ADDRESS]; then phone numbers with [PHONE]
    and, in cadpage texts, street addresses and coordinates with [ADDRESS]."""
    text = x['text']
    for start, end, label in sorted(red.get('spans', {}).get(x['id'], []), reverse=True):
        text = text[:start] + label + text[end:]
    text = PHONE.sub('[PHONE]', text)
    if x['source'] == 'cadpage-test-messages':
        text = STREET.sub(lambda m: m.group(0) if 'ALERTED' in m.group(0).upper() else '[ADDRESS]', text)
        text = COORD.sub('[ADDRESS]', text)
    return text


def is_test(text_id):
    return hashlib.sha256(text_id.encode('utf-8')).digest()[0] % 2 == 0


def main(uc_csv, fi_csv, cad_json):
    dd = Dedupe()
    items = ucpd(uc_csv, dd) + ucpd_fi(fi_csv, dd) + cadpage(cad_json, dd)
    seen = {}
    for x in items:  # an id can repeat inside a source: suffix repeats
        n = seen.get(x['id'], 0) + 1
        seen[x['id']] = n
        if n > 1:
            x['id'] += '-%d' % n
    assert len({x['id'] for x in items}) == len(items), 'duplicate ids'
    rpath = HERE / 'redact.json'
    red = json.load(open(rpath)) if rpath.exists() else {}
    items = [x for x in items if x['id'] not in red.get('exclude', {})]
    for x in items:
        x['text'] = redact(x, red)
    items.sort(key=lambda x: x['id'])
    for name, rows in (('test', [x for x in items if is_test(x['id'])]),
                       ('dev', [x for x in items if not is_test(x['id'])])):
        with open(HERE / (name + '.jsonl'), 'w', encoding='utf-8') as f:
            for x in rows:
                f.write(json.dumps({'id': x['id'], 'source': x['source'], 'text': x['text']},
                                   ensure_ascii=False) + '\n')
        print(name, len(rows))


if __name__ == '__main__':
    main(*sys.argv[1:4])
