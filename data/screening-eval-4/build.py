"""Rebuild the candidate texts of round 4 of the screening evaluation set (stdlib only).

Selection only: reads four public sources from local snapshots (SOURCES.md
says where they came from), applies the selection rules written below, drops
texts equal or nearly equal to a round-1, round-2 or round-3 text or to a text
already picked, redacts, and writes the split (dev.jsonl, test.jsonl): an id
goes to test when the first byte of SHA-256(id) is even, the rule of rounds
1-3.  It never imports, runs or reads the project's narrative screen or its
vocabulary, and groups texts only by each source's own category field.

Usage: python3 build.py [--frozen] MIT_CSV ZONE6_DIR CORNELL_CSV CADPAGE_JSON
  --frozen     write the files as frozen / first written (test.jsonl ca40494b..., the first dev.jsonl):
               without it the "post_freeze" spans of redact.json (REDACTIONS.md) are applied last and the
               current files are written (test.jsonl a4e55348..., as test.sha256 says)
  MIT_CSV      full_logs.csv                       (davidasilva/police-logs @ 452903f)
  ZONE6_DIR    a folder holding old_posts/*-CrimeReport.md (mhowe0422/mhowe0422.github.io @ 3004351)
  CORNELL_CSV  data/crimelogs.csv                  (bzjin/Cornell-Crime-Logs @ 56a2c46)
  CADPAGE_JSON cadpage INFO fields (../screening-eval/cad_extract.py output, cad_all.json)
"""
import csv, hashlib, json, random, re, sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
EARLIER = [HERE.parent / 'screening-eval', HERE.parent / 'screening-eval-2', HERE.parent / 'screening-eval-3']
MAXLEN = 600


def trim(text):
    """Rounds 1-3 length rule: strip; cut texts over MAXLEN at the last
    sentence end (or else the last space) before MAXLEN."""
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


def earlier_ids():
    return [json.loads(l)['id'] for d in EARLIER for h in ('dev', 'test') for l in open(d / (h + '.jsonl'))]


class Dedupe:
    """Round 3's rule, loaded with rounds 1, 2 and 3: exact (after folding case,
    punctuation and spacing) and near-exact (Jaccard >= 0.8 on word sets of 4+
    words, words with digits left out) duplicates of an earlier round's text or
    of a text already kept are refused."""

    def __init__(self):
        self.keys, self.sets = set(), []
        for d in EARLIER:
            for half in ('dev', 'test'):
                for line in open(d / (half + '.jsonl'), encoding='utf-8'):
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


def take(groups, quota, seed, text_of, make, dd, key_of=None, per_key=None):
    """Shuffle each group with the seed, then keep texts in that order until
    the group's quota is met (at most per_key[g] per key_of(row))."""
    rng = random.Random(seed)
    out = []
    for g in quota:
        rng.shuffle(groups[g])
        n, per = 0, {}
        for r in groups[g]:
            if n >= quota[g]:
                break
            if per_key and per.get(key_of(r), 0) >= per_key[g]:
                continue
            t = trim(text_of(r))
            if len(t) < 20 or words(t) < 4 or not dd.fresh(t):
                continue
            dd.add(t)
            n += 1
            if per_key:
                per[key_of(r)] = per.get(key_of(r), 0) + 1
            out.append(dict(make(r, t), group=g))
    return out


def group_of(kind, rules):
    for name, rx in rules:
        if rx.search(kind):
            return name
    return 'other'


# --- 1. MIT Police "Fire and Police Log": the Comments field, grouped by the log's own Code ---
MIT_RULES = [
    ('weapon', re.compile(r'WEAPON|ARMED|FIREARM|GUN|KNIFE|ROBB|UNARMROB|HOME INVASION')),
    ('violence', re.compile(r'ASSAULT|A&B|FIGHT|DOMESTIC|DOM DIST|DATING VIOLENCE|THREAT|BMBTHRET|HARASS|STALK|RAPE'
                            r'|FONDL|INDECENT|INTIMID|DISTURB|EXTORTION')),
    ('medical', re.compile(r'ACCIDENT|AC/MV|MED/|PSYCH|WELL ?BEING|ALCOHOL|MISSING|UNKTROUB|ACTUAL FIRE|FIRE - +ACTUAL'
                           r'|CHEM|HZD|SAFETHAZ|STUDENT PROBLEM|STUDPROB|UNK ODOR|REP SMOK')),
]
MIT_QUOTA = {'weapon': 50, 'violence': 300, 'medical': 300, 'other': 420}
# Arrest and summons entries name the person with age and home address ("SMITH, JOHN (34), 12 MAIN
# ST., TOWN, MA", "John Smith, Age 30, 12 Main Street, Town, Ma. is arrested", "ARREST: SMITH, JOHN OF
# BOSTON", "Summons: John Smith will be summoned"): such entries are left out rather than redacted.
MIT_PERSON = re.compile(r'\(\s*\d{2}\s*\)|\bage,?\s*\d{2}\b|,\s*\d{2},|\b(?:arrest|summons)\s*:'
                        r'|\bperson [A-Z]{3,} [A-Z]{3,} of\b|\bSCRIMA\b', re.I)
MIT_LEADING_NAME = re.compile(r"^(?:[A-Z][a-z]+ [A-Z][a-z]+|[A-Z]{3,} [A-Z]{3,}),")


def mit(path, dd):
    groups = {k: [] for k in MIT_QUOTA}
    for r in csv.DictReader(open(path, newline='', encoding='utf-8')):
        t = (r['Comments'] or '').strip()
        stamp = re.sub(r'\D', '', r['DateTimeReported'] or '')
        if (len(stamp) < 12 or len(t) < 20 or words(t) < 4 or MIT_PERSON.search(t)
                or MIT_LEADING_NAME.match(t)):
            continue
        groups[group_of((r['Code'] or '').upper(), MIT_RULES)].append((stamp, t))
    return take(groups, MIT_QUOTA, 2041, lambda r: r[1],
                lambda r, t: dict(id='mit-' + r[0], source='mit-police-log', text=t), dd)


# --- 2. Pittsburgh Bureau of Police Zone 6 weekly community crime reports: one entry per text ---
Z6_RULES = [
    ('weapon', re.compile(r'AGGRAVATED|ROBBERY|SHOOT|SHOTS|HOMICIDE|WEAPON|GUN|FIREARM', re.I)),
    ('violence', re.compile(r'ASSAULT|RAPE|SEX|DOMESTIC|KIDNAP|THREAT|HARASS|ABUSE', re.I)),
    ('medical', re.compile(r'DEATH|OVERDOSE|INJUR|MEDICAL|SUICID|CRASH|ACCIDENT|FATAL', re.I)),
]
Z6_QUOTA = {'weapon': 400, 'violence': 200, 'medical': 100, 'other': 400}


def zone6_entries(folder):
    """(report date, heading, entry number, text) for every '### ' entry of
    every weekly report; the text is the entry line without the '### ' marker
    (census tract, neighbourhood and block address as published are kept)."""
    out = []
    for f in sorted(Path(folder).glob('*-CrimeReport.md')):
        heading, k = '', 0
        for line in f.read_text(encoding='utf-8').splitlines():
            if line.startswith('## '):
                heading = line[3:].strip()
            elif line.startswith('### '):
                k += 1
                out.append((f.name[:10], heading, k, re.sub(r'\s+', ' ', line[4:]).strip()))
    return out


def zone6(folder, dd):
    groups = {k: [] for k in Z6_QUOTA}
    for e in zone6_entries(folder):
        groups[group_of(e[1], Z6_RULES)].append(e)
    return take(groups, Z6_QUOTA, 2042, lambda r: r[3],
                lambda r, t: dict(id='pgh6-%s-e%d' % (r[0], r[2]), source='pittsburgh-zone6-crime-report',
                                  text=t), dd)


# --- 3. Cornell University Police daily crime log: the Narrative field ---
CU_RULES = [
    ('weapon', re.compile(r'WEAPON|ROBBERY|MENACING', re.I)),
    ('violence', re.compile(r'ASSAULT|HARASS|SEX|RAPE|THREAT|IMPRISON|LEWD|EXPOSURE|DISORDERLY', re.I)),
    ('medical', re.compile(r'ALCOHOL|DRUG|INTOXICATED', re.I)),
]
CU_QUOTA = {'weapon': 20, 'violence': 40, 'medical': 40, 'other': 120}
# Referral entries open with the referred person's name and town ("Surname, Given I., Town, NY was
# referred to ..."): left out rather than redacted.
CU_PERSON = re.compile(r"[A-Z][A-Za-z'-]+, [A-Z]")


def cornell(path, dd):
    groups = {k: [] for k in CU_QUOTA}
    for r in csv.DictReader(open(path, newline='', encoding='utf-8')):
        t = (r['Narrative'] or '').strip()
        if not r['Report_Number'].strip() or len(t) < 20 or words(t) < 4 or CU_PERSON.match(t):
            continue
        groups[group_of(r['Incident_Type'], CU_RULES)].append((r['Report_Number'].strip(), t))
    return take(groups, CU_QUOTA, 2043, lambda r: r[1],
                lambda r, t: dict(id='cu-' + r[0], source='cornell-police-crime-log', text=t), dd)


# --- 4. cadpage parser tests of agencies (parsers) no earlier round used ---
CAD_WEAPON = re.compile(r'SHOOT|SHOT|STAB|GSW|GUN|WEAPON|ARMED|FIREARM|KNIFE|PENETRAT|HOLD ?UP|ROBBER')
CAD_VW = re.compile(r'ASSAULT|FIGHT|DOMESTIC|BATTERY|SEXUAL|RAPE|HOSTAGE|THREAT|DISTURB|ABUSE|BRAWL|ATTACK|KIDNAP')
CAD_MED = re.compile(r'OVERDOSE|\bOD\b|POISON|UNCON|CARDIAC|TRAUMA|SEIZ|BREATH|CHEST|BLEED|HEMORR'
                     r'|STROKE|CVA|FALL|SICK|DIABET|SUICID|INJUR|DOA|DECEASED|DEATH|MEDICAL|\bEMS\b|AMBULANCE'
                     r'|\bALS\b|\bBLS\b|RESCUE|UNRESP|ALLERG|HEART|PAIN|ILL')
CAD_JUNK = re.compile(r'Prior Incident|Previous Calls|^Disp:|CAD Times|^Toner Alert|Call Created|Time reported:'
                      r'|CAD Call ID', re.I)
CLOCK = re.compile(r'\d{1,2}:\d\d')
CAD_QUOTA = {'weapon': 100, 'vw': 100, 'med': 300, 'other': 120}
CAD_PER_PARSER = {'weapon': 8, 'vw': 6, 'med': 5, 'other': 3}


def unit_log(text):
    """A page that is mostly a unit status / time-stamp log (3+ clock times and
    fewer than 6 words on the lines without one): not a narrative."""
    if len(CLOCK.findall(text)) < 3:
        return False
    rest = ' '.join(l for l in re.split(r'\n| \| ', text) if not CLOCK.search(l))
    return words(rest) < 6


def cadpage(path, dd):
    rows = json.load(open(path))
    used_ids = {i[4:] for i in earlier_ids() if i.startswith('cad-')}
    classes = {r['cls'] for r in rows}
    excluded = {c for c in classes if any(i.startswith(c + '-') for i in used_ids)}
    groups = {k: [] for k in CAD_QUOTA}
    for r in rows:
        t = r['info'].strip()
        if (r['cls'] in excluded or r['cls'].startswith('ZSE') or len(t) < 25 or words(t) < 4
                or CAD_JUNK.search(t) or unit_log(t)):
            continue  # ZSE: the Swedish parsers (not English)
        call = r['call'].upper()
        g = ('weapon' if CAD_WEAPON.search(call) else 'vw' if CAD_VW.search(call)
             else 'med' if CAD_MED.search(call) else 'other')
        name = r.get('name', '').strip()
        if len(name) > 4 and name.upper() in t.upper():
            t = re.sub(re.escape(name), '[NAME]', t, flags=re.I)
        groups[g].append(dict(r, info=t))
    return take(groups, CAD_QUOTA, 2044, lambda r: r['info'],
                lambda r, t: dict(id='cad-%s-%s' % (r['cls'], r['test']), source='cadpage-test-messages', text=t),
                dd, key_of=lambda r: r['cls'], per_key=CAD_PER_PARSER)


# --- redaction (round 3's patterns) ---
STREET = re.compile(
    r"(?<![\w-])\d{3,6}(?:-?[A-Z])?[ \t]+(?!block\b)(?:[NSEW]\.?[ \t]+)?(?:[A-Za-z0-9'.]+[ \t]+){0,3}?"
    r"(?:RD|ROAD|ST|STREET|AVE?|AVENUE|DR|DRIVE|LN|LANE|BLVD|CT|COURT|CIR|CIRCLE|PL|PLACE|"
    r"WAY|HWY|HIGHWAY|PKWY|TER|TRL|TRAIL|PIKE|LOOP|ROW|\d+(?:ST|ND|RD|TH))\b\.?", re.I)
COORD = re.compile(r'[-+]?\d{1,3}\.\d{5,}')
PHONE = re.compile(r'(?<!\d)(?:\(?\d{3}\)?[ .-]?)?\d{3}[ .-]\d{4}(?!\d)|(?<![\d-])[2-9]\d{9}(?![\d-])')


# Zone 6 entries name arrested adults: "Lawrence Smith(W/38) of Pittsburgh was arrested",
# "David Smith was arrested".  Such a name (2-3 capitalised words, Mc/III allowed) becomes [NAME],
# and so does its surname where it stands alone later in the same entry ("Smith was also charged").
Z6_NAME = re.compile(r"\b((?:[A-Z][a-z]+|Mc[A-Z][a-z]+)(?:\s+(?:[A-Z]\.|[A-Z][a-z]+|Mc[A-Z][a-z]+)){1,2}(?:\s+I{2,3})?)"
                     r"(?=\s*\((?:[BWHA]/)?(?:[MF]/)?\d|\s*\([BWHA]/|\s+(?:of\s+[A-Z][a-z]+\s+)?(?:was|were)\s+arrested|\s+and\s+[A-Z][a-z]+\s+[A-Z][a-z]+\s*\()")
Z6_NOT = {'Pittsburgh', 'Police', 'Officers', 'Officer', 'Detective', 'Detectives', 'The', 'On', 'Census', 'Zone', 'Crafton',
          'Heights', 'Chartiers', 'City', 'Brookline', 'Beechview', 'Sheraden', 'Elliott', 'Westwood', 'Banksville', 'Esplen',
          'Fairywood', 'Oakwood', 'Windgap', 'Ave', 'St', 'Blvd', 'Rd', 'Aggravated', 'Assault', 'Domestic', 'Actor', 'Victim'}


def redact_zone6(text):
    found = set()

    def sub(m):
        toks = m.group(1).split()
        if any(t in Z6_NOT for t in toks):
            return m.group(0)
        found.add(toks[-1] if toks[-1] not in ('II', 'III') else toks[-2])
        return '[NAME]'
    text = Z6_NAME.sub(sub, text)
    for part in found:
        text = re.sub(r"\b%s\b" % re.escape(part), '[NAME]', text)
    return text


def apply_spans(text_id, text, spans, where):
    """Replace [start, end, replacement, check] spans of one text (offsets into the text as
    it stands at that step), check being the first 2 hex digits of SHA-256 of the original
    span.  Short on purpose: a full hash of a short name can be confirmed by guessing names,
    two digits confirm nothing (1 guess in 256 passes), yet a changed or shifted source
    still stops the build (a wrong span passes with a chance of 1 in 256, a span past the
    end of its text or overlapping another never passes)."""
    limit = len(text)
    for start, end, label, check in sorted(spans.get(text_id, []), reverse=True):
        if not (0 <= start < end <= limit and len(check) == 2
                and hashlib.sha256(text[start:end].encode('utf-8')).hexdigest()[:2] == check):
            sys.exit('%s: span %d-%d of %s does not match the text' % (where, start, end, text_id))
        text, limit = text[:start] + label + text[end:], start
    return text


def unused_spans(spans, items, where):
    """Spans of a text the build does not emit are an error, not silently ignored."""
    stray = set(spans) - {x['id'] for x in items}
    if stray:
        sys.exit('%s: spans for texts the build does not emit: %s' % (where, ', '.join(sorted(stray))))


def redact(x, red):
    """Spans listed by hand in redact.json first; then phone numbers; then, in
    cadpage texts, street addresses (not "2600 block of ...") and coordinates.
    The MIT log's building / street addresses are institute buildings and the
    Zone 6 reports publish block addresses ("700 Lorenz Ave" = the 700 block):
    both kept as published."""
    text = apply_spans(x['id'], x['text'], red.get('spans', {}), 'redact.json spans')
    if x['source'] == 'pittsburgh-zone6-crime-report':
        text = redact_zone6(text)
    text = PHONE.sub('[PHONE]', text)
    if x['source'] == 'cadpage-test-messages':
        text = STREET.sub(lambda m: m.group(0) if 'ALERTED' in m.group(0).upper() else '[ADDRESS]', text)
        text = COORD.sub('[ADDRESS]', text)
    return text


def is_test(text_id):
    return hashlib.sha256(text_id.encode('utf-8')).digest()[0] % 2 == 0


def main(mit_csv, zone6_dir, cornell_csv, cad_json, frozen=False):
    dd = Dedupe()
    items = zone6(zone6_dir, dd) + mit(mit_csv, dd) + cornell(cornell_csv, dd) + cadpage(cad_json, dd)
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
    post = {} if frozen else red.get('post_freeze', {})
    unused_spans(red.get('spans', {}), items, 'redact.json spans')
    unused_spans(red.get('post_freeze', {}), items, 'redact.json post_freeze')
    for x in items:
        # post_freeze: the replacements made in the files after the freeze (REDACTIONS.md), last of all
        x['text'] = apply_spans(x['id'], redact(x, red), post, 'redact.json post_freeze')
    items.sort(key=lambda x: x['id'])
    for name, rows in (('test', [x for x in items if is_test(x['id'])]),
                       ('dev', [x for x in items if not is_test(x['id'])])):
        with open(HERE / (name + '.jsonl'), 'w', encoding='utf-8') as f:
            for x in rows:
                f.write(json.dumps({'id': x['id'], 'source': x['source'], 'text': x['text']},
                                   ensure_ascii=False) + '\n')
        print(name, len(rows))
        groups = {}
        for x in rows:
            groups.setdefault(x['source'], {}).setdefault(x['group'], 0)
            groups[x['source']][x['group']] += 1
        for src in sorted(groups):
            print('  %-30s %s' % (src, ', '.join('%s %d' % kv for kv in sorted(groups[src].items()))))


if __name__ == '__main__':
    args = [a for a in sys.argv[1:] if a != '--frozen']
    if len(args) != 4:
        sys.exit(__doc__)
    main(*args, frozen=len(args) < len(sys.argv) - 1)
