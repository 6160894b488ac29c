"""Rebuild the candidate texts of round 3 of the screening evaluation set (stdlib only).

Selection only: reads three public sources from local snapshots (SOURCES.md
says where they came from), applies the selection rules written below, drops
texts equal or nearly equal to a round-1 or round-2 text or to a text already
picked, redacts, and writes the split (dev.jsonl, test.jsonl): an id goes to
test when the first byte of SHA-256(id) is even, the rule of rounds 1 and 2.
It never imports, runs or reads the project's narrative screen or its
vocabulary.

Usage: python3 build.py UCSD_2020_JSON UCSD_2021_CSV UCSD_2025_CSV SCPD_DIR CADPAGE_JSON
  UCSD_2020_JSON  scrape_script/data/pulled_logs_data.json  (malelew/ucsd-police-log-database @ d5de34a)
  UCSD_2021_CSV   src/main.csv                              (415matt/UCSD-Crime-Statistics @ 9976441)
  UCSD_2025_CSV   data/police_logs_parsed_EXACT.csv         (laurenthanhvo/ucsd-police-logs-analysis @ 452e7ac)
  SCPD_DIR        a folder holding rag/siouxcitypolice/*_news_20*.md (jakerains/observesux @ 539918c)
  CADPAGE_JSON    cadpage INFO fields (../screening-eval/cad_extract.py output, cad_all.json)
"""
import csv, hashlib, json, random, re, sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
EARLIER = [HERE.parent / 'screening-eval', HERE.parent / 'screening-eval-2']
MAXLEN = 600


def trim(text):
    """Rounds 1-2 length rule: strip; cut texts over MAXLEN at the last
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
    """Exact (after folding case, punctuation and spacing) and near-exact
    (Jaccard >= 0.8 on word sets of 4+ words, words with digits left out)
    duplicates of round-1 / round-2 texts or of texts already kept are refused."""

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
            out.append(make(r, t))
    return out


# --- 1. UC San Diego Police Department, "Calls for Service and Arrests" daily log: the Summary field ---
SD_WEAPON = re.compile(r'ARMED|WEAPON|BRANDISH|GUN|SHOT|SHOOT|KNIFE|STAB|DEADLY|FIREARM', re.I)
SD_VIOLENCE = re.compile(r'ASSAULT|BATTERY|FIGHT|DOMESTIC|THREAT|ROBBERY|RAPE|SEXUAL|FONDL|HARASS|VIOLEN|KIDNAP'
                         r'|ABUSE|STALK|BRAWL', re.I)
SD_MEDICAL = re.compile(r'MEDICAL|INJUR|OVERDOSE|5150|PSYCH|SUICID|DEATH|DECEASED|ALCOHOL|INTOX|\bILL\b|WELFARE'
                        r'|COLLISION|UNCONSCIOUS|SICK', re.I)
SD_QUOTA = {'weapon': 100, 'violence': 300, 'medical': 220, 'other': 230}


def ucsd(p2020, p2021, p2025, dd):
    rows = []
    for r in json.load(open(p2020, encoding='utf-8')):
        rows.append((r.get('CALL_CATEGORY') or '', r.get('CASE_NUMBER') or '', r.get('SUMMARY') or ''))
    for path, kind in ((p2021, 'Incident'), (p2025, 'Incident type')):
        for r in csv.DictReader(open(path, newline='', encoding='utf-8')):
            rows.append((r[kind] or '', r['Incident/Case#'] or '', r['Summary'] or ''))
    groups = {k: [] for k in SD_QUOTA}
    for kind, case, t in rows:
        if not case.strip() or len(t.strip()) < 20 or words(t) < 4:
            continue
        g = ('weapon' if SD_WEAPON.search(kind) else 'violence' if SD_VIOLENCE.search(kind)
             else 'medical' if SD_MEDICAL.search(kind) else 'other')
        groups[g].append((kind, case, t))
    return take(groups, SD_QUOTA, 2031, lambda r: r[2],
                lambda r, t: dict(id='ucsd-' + re.sub(r'\s+', '-', r[1].strip()), source='ucsd-calls-for-service',
                                  text=t), dd)


# --- 2. Sioux City (Iowa) Police Department press releases: one paragraph per text ---
SC_WEAPON = re.compile(r'SHOOT|SHOOING|SHOT|STAB|GUN|ARMED|FIREARM|WEAPON|HATCHET|HOMICIDE|MURDER|\bOIS\b|BARRICADED'
                       r'|ROBBERY', re.I)
SC_VIOLENCE = re.compile(r'ASSAULT|ATTACK|KIDNAP|THREAT|DOMESTIC|PREDATOR', re.I)
SC_MEDICAL = re.compile(r'FATAL|ACCIDENT|MEDICAL|BODY|DIES|STRUCK|PEDESTRIAN|DEATH|RIVER|INJUR', re.I)
SC_QUOTA = {'weapon': 700, 'violence': 80, 'medical': 120, 'other': 60}
SC_SKIP = re.compile(r'^(#|_categories_|_tags_|Share$|\[|!\[|\\?\*?\\?-?\s*$)')


def sc_paragraphs(md):
    """Body paragraphs of one release page: the front matter, headings, the
    author/date line, share/category/tag lines and image lines are left out;
    markdown is undone (link text kept, ** and backslash escapes removed)."""
    body = md.split('\n---\n', 1)[1]
    out = []
    for i, p in enumerate(re.split(r'\n\s*\n', body)):
        p = p.strip()
        if not p or SC_SKIP.match(p) or p == '###':
            continue
        t = re.sub(r'!\[[^\]]*\]\([^)]*\)', '', p)
        t = re.sub(r'\[([^\]]*)\]\([^)]*\)', r'\1', t)
        t = re.sub(r'\\([-#*_.()\[\]!])', r'\1', t.replace('**', ''))
        out.append((i, t.strip()))
    return out


def sc_id(slug, k):
    """scpd-<release date>-<first 8 hex digits of SHA-256 of the page slug>-p<paragraph number>:
    the slug itself can hold a person's name, so it is not used as it is."""
    date = '-'.join('%02d' % int(p) if i else p for i, p in enumerate(slug.split('_')[:3]))
    return 'scpd-%s-%s-p%d' % (date, hashlib.sha256(slug.encode('utf-8')).hexdigest()[:8], k)


def scpd(folder, dd):
    groups = {k: [] for k in SC_QUOTA}
    for f in sorted(Path(folder).rglob('*_news_20*.md')):
        md = f.read_text(encoding='utf-8')
        title = re.search(r'^title: "(.*)"', md, re.M).group(1)
        slug = f.name.split('_news_', 1)[1][:-3]
        g = ('weapon' if SC_WEAPON.search(title) else 'violence' if SC_VIOLENCE.search(title)
             else 'medical' if SC_MEDICAL.search(title) else 'other')
        for i, t in sc_paragraphs(md):
            if len(t) >= 25 and words(t) >= 4:
                groups[g].append((slug, i, t))
    return take(groups, SC_QUOTA, 2029, lambda r: r[2],
                lambda r, t: dict(id=sc_id(r[0], r[1]),
                                  source='siouxcity-pd-press-releases', text=t, release=r[0]), dd)


# --- 3. cadpage parser tests of agencies (parsers) neither round 1 nor round 2 used ---
CAD_WEAPON = re.compile(r'SHOOT|SHOT|STAB|GSW|GUN|WEAPON|ARMED|FIREARM|KNIFE|PENETRAT|HOLD ?UP|ROBBER')
CAD_VW = re.compile(r'ASSAULT|FIGHT|DOMESTIC|BATTERY|SEXUAL|RAPE|HOSTAGE|THREAT|DISTURB|ABUSE|BRAWL|ATTACK|KIDNAP')
CAD_MED = re.compile(r'OVERDOSE|\bOD\b|POISON|UNCON|CARDIAC|TRAUMA|SEIZ|BREATH|CHEST|BLEED|HEMORR'
                     r'|STROKE|CVA|FALL|SICK|DIABET|SUICID|INJUR|DOA|DECEASED|DEATH|MEDICAL|\bEMS\b|AMBULANCE'
                     r'|\bALS\b|\bBLS\b|RESCUE|UNRESP|ALLERG|HEART|PAIN|ILL')
CAD_JUNK = re.compile(r'Prior Incident|Previous Calls|^Disp:|CAD Times|^Toner Alert|Call Created|Time reported:'
                      r'|CAD Call ID', re.I)
CLOCK = re.compile(r'\d{1,2}:\d\d')
CAD_QUOTA = {'weapon': 100, 'vw': 100, 'med': 190, 'other': 130}
CAD_PER_PARSER = {'weapon': 8, 'vw': 4, 'med': 3, 'other': 3}


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
    return take(groups, CAD_QUOTA, 2028, lambda r: r['info'],
                lambda r, t: dict(id='cad-%s-%s' % (r['cls'], r['test']), source='cadpage-test-messages', text=t),
                dd, key_of=lambda r: r['cls'], per_key=CAD_PER_PARSER)


# --- redaction ---
STREET = re.compile(
    r"(?<![\w-])\d{3,6}(?:-?[A-Z])?[ \t]+(?!block\b)(?:[NSEW]\.?[ \t]+)?(?:[A-Za-z0-9'.]+[ \t]+){0,3}?"
    r"(?:RD|ROAD|ST|STREET|AVE?|AVENUE|DR|DRIVE|LN|LANE|BLVD|CT|COURT|CIR|CIRCLE|PL|PLACE|"
    r"WAY|HWY|HIGHWAY|PKWY|TER|TRL|TRAIL|PIKE|LOOP|ROW|\d+(?:ST|ND|RD|TH))\b\.?", re.I)
COORD = re.compile(r'[-+]?\d{1,3}\.\d{5,}')
PHONE = re.compile(r'(?<!\d)(?:\(?\d{3}\)?[ .-]?)?\d{3}[ .-]\d{4}(?!\d)|(?<![\d-])[2-9]\d{9}(?![\d-])')
# Press releases name suspects, victims and the dead.  A person's name is read
# as 2-5 capitalised tokens (initials and Jr./Sr./II/III allowed) none of
# which is a place, organisation or common word below; it becomes [NAME], and
# so does each later bare surname or given name of a name found in the same release.
CAP = r"(?:[A-Z][a-z]+(?:[-'][A-Z]?[a-z]+)?|[A-Z]\.|Mc[A-Z][a-z]+|O'[A-Z][a-z]+)"
NAME = re.compile(r"\b%s(?:\s+%s){1,4}(?:,?\s+(?:Jr|Sr)\.?|\s+I{2,3}\b)?" % (CAP, CAP))
NOT_NAME = set('''
Sioux City Police Department Officers Officer Sgt Sergeant Lt Lieutenant Captain Chief Detective Detectives Deputy
Iowa Nebraska South North Dakota Minnesota Alabama Missouri River Big Street St Avenue Ave Blvd Boulevard Road Rd Drive Dr
Highway Hwy Memorial Unity Point Health Luke Luke's Mercy Medical Center Hospital Downtown Woodbury County Sheriff
Sheriff's Office Jail Court Attorney Attorney's District State Patrol Federal Bureau Investigation Homeland Security
Investigations HSI FBI DCI Division Criminal Fire Rescue Sergeant Bluff Leeds Morningside Riverside Grandview
January February March April May June July August September October November December Monday Tuesday Wednesday Thursday
Friday Saturday Sunday The A An On At In Upon After Before During When While If This That These Those Anyone Anybody
He She They It We You Our His Her Their There Here Following Original Release Update Updated UPDATE Media Press Crime
Stoppers Tip Tips Line Call Calls Dispatch Communications Center Center's Willful Injury Resulting Serious Assault
Participating Felony Intimidation Dangerous Weapon Carrying Intoxicated Murder First Second Degree Attempted Robbery
Burglary Theft Possession Firearm Felon Domestic Abuse Going Armed Intent Reckless Use Control Controlled Substance
Charges Charged Charge Count Counts Willful Kidnapping Eluding Interference Official Acts Harassment Criminal Mischief
Public Intoxication Operating While Under Influence OWI Department's Sioux City's Siouxland Tri Community Neighborhood
Network Town Hall Museum Public School Schools High Middle East West Central Elementary Quick Corner Casey's Kum Go
Walmart Hy Vee Mavericks Esquire Club Nebraska Court Main Ingleside
Correctionville Stone Park Transit Missouri Alabama Dakota Dunes Le Mars Sergeant Bluff Emerson
National Crime Victims Rights Week Work Group Mental Awareness Autism Drug Take Back Traffic Safety Bureau Governor's
Governor Interstate Hwy75 CALEA Commission Accreditation Law Enforcement Agencies Project Violence Victim Victims
US U.S United States Attorney's Office Northern Western Northwest Iowa's Fatal Accident Shooting Homicide Stabbing
Please Anyone Information Information's Facebook Twitter Instagram Ordinance Code Section ATV UTV
'''.split())


def redact_names(text, found):
    def sub(m):
        toks = [t for t in re.split(r'[\s,]+', m.group(0)) if t]
        core = [t for t in toks if t not in ('Jr', 'Jr.', 'Sr', 'Sr.', 'II', 'III')]
        if any(t.rstrip('.,') in NOT_NAME for t in core) or all(len(t) <= 2 for t in core):
            return m.group(0)
        for t in core:
            if len(t) > 2 and not t.endswith('.'):
                found.add(t)
        return '[NAME]'
    return NAME.sub(sub, text)


def redact(x, red, release_names):
    """Spans listed by hand in redact.json first; then, in press-release
    paragraphs, persons' names (pattern above, and the bare parts of names the
    pattern found anywhere in the same release); then phone numbers; then, in
    cadpage texts and press releases, street addresses (not "2600 block of …")
    and coordinates."""
    text = x['text']
    for start, end, label in sorted(red.get('spans', {}).get(x['id'], []), reverse=True):
        text = text[:start] + label + text[end:]
    if x['source'] == 'siouxcity-pd-press-releases':
        text = redact_names(text, set())
        for part in sorted(release_names.get(x['release'], ()), key=len, reverse=True):
            text = re.sub(r"\b%s\b(?!')" % re.escape(part), '[NAME]', text)
            text = re.sub(r"\b%s's" % re.escape(part), "[NAME]'s", text)
        # given names / initials left just before a redacted surname ("Christopher I. [NAME]")
        text = re.sub(r"\b(?:%s\s+){1,3}\[NAME\]" % CAP,
                      lambda m: m.group(0) if any(t.rstrip('.') in NOT_NAME for t in m.group(0).split()[:-1])
                      else '[NAME]', text)
        text = re.sub(r"\[NAME\][A-Z][a-z]+", '[NAME]', text)  # the rest of a split name ("Mc|Cabe")
    text = PHONE.sub('[PHONE]', text)
    if x['source'] in ('cadpage-test-messages', 'siouxcity-pd-press-releases'):
        text = STREET.sub(lambda m: m.group(0) if 'ALERTED' in m.group(0).upper() else '[ADDRESS]', text)
        text = COORD.sub('[ADDRESS]', text)
    return text


def release_name_parts(folder):
    """Every name part the pattern finds anywhere in a release (all paragraphs,
    selected or not), so that a bare 'Leon was charged' is caught too."""
    parts = {}
    for f in sorted(Path(folder).rglob('*_news_20*.md')):
        found = set()
        for _, t in sc_paragraphs(f.read_text(encoding='utf-8')):
            redact_names(t, found)
        parts[f.name.split('_news_', 1)[1][:-3]] = found
    return parts


def is_test(text_id):
    return hashlib.sha256(text_id.encode('utf-8')).digest()[0] % 2 == 0


def main(sd20, sd21, sd25, sc_dir, cad_json):
    dd = Dedupe()
    items = ucsd(sd20, sd21, sd25, dd) + scpd(sc_dir, dd) + cadpage(cad_json, dd)
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
    names = release_name_parts(sc_dir)
    for x in items:
        x['text'] = redact(x, red, names)
    items.sort(key=lambda x: x['id'])
    for name, rows in (('test', [x for x in items if is_test(x['id'])]),
                       ('dev', [x for x in items if not is_test(x['id'])])):
        with open(HERE / (name + '.jsonl'), 'w', encoding='utf-8') as f:
            for x in rows:
                f.write(json.dumps({'id': x['id'], 'source': x['source'], 'text': x['text']},
                                   ensure_ascii=False) + '\n')
        print(name, len(rows))


if __name__ == '__main__':
    if len(sys.argv) != 6:
        sys.exit(__doc__)
    main(*sys.argv[1:6])
