"""Rebuild the candidate texts of round 9 of the screening evaluation set (stdlib only).

Round 9 is the next held-out set (round 8 is being tuned on; round 9 is measured in a later
session).  It holds INCIDENT NARRATIVES only: police call notes and blotter entries that tell
what happened at one call, as the officer or the department wrote them (no researcher notes,
no headline fields).  Selection only: reads two public sources from local snapshots
(SOURCES.md says where they came from), applies the selection rules written below, drops
texts equal or nearly equal to a text of rounds 1-8 (every half and part) or to a text
already picked, redacts, and writes the split (dev.jsonl, test.jsonl): an id goes to test
when the first byte of SHA-256(id) is even, the rule of rounds 1-8.  It never imports, runs
or reads the project's narrative screen or its vocabulary, and groups texts only by each
source's own category field.

Usage: python3 build.py MENLO_JS LOGAN_DB
  MENLO_JS  menlo.js of kentbrew/profiling-atherton @ 2e1f777 (Menlo Park, CA police daily
            activity log, Jun-Aug 2013: event type, narrative, arrested subjects)
  LOGAN_DB  logan_blotter.db of mgallagher/logan-police-blotter @ b26692e (Logan, UT police
            blotter, 15-23 Aug 2015, SQLite table "report": nature, narrative)
"""
import hashlib, html, json, random, re, sqlite3, sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
EARLIER = [HERE.parent / d for d in ('screening-eval', 'screening-eval-2', 'screening-eval-3',
                                     'screening-eval-4', 'screening-eval-5', 'screening-eval-6',
                                     'screening-eval-7', 'screening-eval-8')]
HALVES = ('dev', 'test', 'dev_b', 'test_b')  # round 4 has a part B
MAXLEN = 600


def trim(text):
    """Rounds 1-8 length rule: strip; cut texts over MAXLEN at the last
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


def earlier_rows():
    for d in EARLIER:
        for half in HALVES:
            p = d / (half + '.jsonl')
            if p.exists():
                for line in open(p, encoding='utf-8'):
                    yield json.loads(line)


class Dedupe:
    """Rounds 3-8's rule, loaded with every half and part of rounds 1-8: exact
    (after folding case, punctuation and spacing) and near-exact (Jaccard >= 0.8
    on word sets of 4+ words, words with digits left out) duplicates of an
    earlier round's text or of a text already kept are refused."""

    def __init__(self):
        self.keys, self.sets = set(), []
        for row in earlier_rows():
            self.add(row['text'])

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


def take(groups, quota, seed, make, dd):
    """Shuffle each group with the seed, then keep texts in that order until
    the group's quota is met."""
    rng = random.Random(seed)
    out = []
    for g in quota:
        rows = sorted(groups[g], key=lambda r: r['id'])  # a fixed order before the shuffle
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


NAME_SKIP = {'Unknown', 'Jr', 'Sr', 'III', 'Not', 'None', 'The'}


def name_tokens(names):
    """Words of 3+ letters of the given person names, capitalised, for redaction."""
    out = set()
    for name in names:
        for w in re.split(r"[\s,;/()]+", name):
            w = w.strip(".'\"")
            if len(w) >= 3 and w[0].isupper() and all(c.isalpha() or c in "'’-" for c in w) and w not in NAME_SKIP:
                out.add(w)
    return out


# --- 1. Menlo Park (CA) police daily activity log, grouped by its own event type ---
# menlo.js is a hand-edited JavaScript file ("var menloData = [ {...}, ... ];") that is not
# valid JSON: some objects end with a comma before "}".  It is read tolerantly: the text from
# the first "[" to the end, the trailing ";" dropped, every comma that stands right before a
# closing "}" or "]" (outside the strings: no string value of the file holds ",}" or ",]")
# removed, then parsed with json.loads; the build stops if it still does not parse.
# The text of an entry is its "narrative" (the officer's note on the call) followed by the
# "narrative" of each arrested "subject" (the note that follows the person's name in the log:
# "was booked CJ on the following warrants ..."); the subject's name, date of birth, home town
# and the entry's location and officer are never kept, and the subject's name words are
# redacted wherever they occur in the text.
MENLO_MED = {'Mental Evaluation', '72 Hour Hold', 'Medical call', 'Drunk in Public',
             'Under Influence of Controlled Substance', 'Drunk Driving', 'Drunk Driver'}
MENLO_VW = {'Threats', 'Domestic Disturbance', 'Verbal Disturbance', 'Battery', 'Assault',
            'Robbery', 'Brandishing', 'Domestic Violence', 'Disturbance', 'Fight'}
MENLO_QUOTA = {'med': 400, 'vw': 400, 'other': 400}  # > group sizes: all kept


def menlo_group(ev):
    ev = re.sub(r'\s+\d{2}-\d{4}/\d+$', '', ev)  # a case number pasted into the event field
    low = ev.lower()
    if ev in MENLO_MED or ('accident' in low and 'injury' in low.replace('inury', 'injury')
                           and 'no injury' not in low and 'non injury' not in low
                           and 'non-injury' not in low):
        return 'med'
    if ev in MENLO_VW or 'assault' in low or 'battery' in low or 'weapon' in low:
        return 'vw'
    return 'other'


def menlo(path, dd):
    s = open(path, encoding='utf-8').read()
    s = s[s.index('['):].rstrip().rstrip(';')
    s = re.sub(r',(\s*[}\]])', r'\1', s)
    groups = {k: [] for k in MENLO_QUOTA}
    for i, r in enumerate(json.loads(s)):
        parts = [r.get('narrative') or '']
        names = []
        for sub in r.get('subject') or []:
            parts.append(sub.get('narrative') or '')
            names.append(sub.get('name') or '')
        t = html.unescape(' '.join(p.strip() for p in parts if p.strip()))
        rid = '%04d' % i  # position in the file: one id is missing, one is given twice
        groups[menlo_group((r.get('event') or '').strip())].append(
            dict(id=rid, text=t, names=name_tokens(names)))
    return take(groups, MENLO_QUOTA, 2091,
                lambda r, t: dict(id='mpk-' + r['id'], source='menlo-park-pd-log', text=t,
                                  names=r['names']), dd)


# --- 2. Logan (UT) police blotter, grouped by its own "nature" ---
# Each "narrative" is the department's account of one call ("Police responded to the report
# of a suspicious incident near ...").  Whitespace runs are folded to one space.
LOGAN_MED = {'Welfare Check', 'Accident,PI', 'Intoxication', 'DUI', 'Medical', 'Fire,Alarm',
             'Fire,Grass', 'Fire,Other', 'Fire,CO Alarm', 'Alcohol Offense', 'C/S Drugs'}
LOGAN_VW = {'Dispute,Citizen', 'Dispute,Domesti', 'Dispute,Family', 'Assault,Simple', 'Rape',
            'Child Abuse', 'Child Sex Abuse', 'Sex Offense', 'Disorderly', 'Keep the Peace',
            'Alarm,Holdup', 'Telephone Offen', 'Child Neglect'}
LOGAN_QUOTA = {'med': 500, 'vw': 500, 'other': 500}  # > group sizes: all kept


def logan(path, dd):
    groups = {k: [] for k in LOGAN_QUOTA}
    con = sqlite3.connect('file:%s?mode=ro' % path, uri=True)
    for num, nature, text in con.execute('SELECT incident_num, nature, narrative FROM report'):
        nature = (nature or '').strip()
        g = ('med' if nature in LOGAN_MED or nature.startswith('Med,') else
             'vw' if nature in LOGAN_VW else 'other')
        groups[g].append(dict(id=num.strip(), text=re.sub(r'\s+', ' ', text or '').strip(),
                              names=set()))
    con.close()
    return take(groups, LOGAN_QUOTA, 2092,
                lambda r, t: dict(id='lgn-' + r['id'], source='logan-pd-blotter', text=t,
                                  names=r['names']), dd)


NAME_SKIP = {'Unknown', 'Jr', 'Sr', 'III', 'Not', 'None', 'The'}


def name_tokens(names):
    """Words of 3+ letters of the given person names, capitalised, for redaction."""
    out = set()
    for name in names:
        for w in re.split(r"[\s,;/()]+", name):
            w = w.strip(".'\"")
            if len(w) >= 3 and w[0].isupper() and all(c.isalpha() or c in "'’-" for c in w) and w not in NAME_SKIP:
                out.add(w)
    return out


# --- redaction (rounds 3-8's patterns; hand-found redactions as spans in redact.json) ---
STREET = re.compile(
    r"(?<![\w-])\d{3,6}(?:-?[A-Z])?[ \t]+(?!block\b|blk\b)(?:[NSEW]\.?[ \t]+)?(?:[A-Za-z0-9'.]+[ \t]+){0,3}?"
    r"(?:RD|ROAD|ST|STREET|AVE?|AVENUE|DR|DRIVE|LN|LANE|BLVD|CT|COURT|CIR|CIRCLE|PL|PLACE|"
    r"WAY|HWY|HIGHWAY|PKWY|TER|TRL|TRAIL|PIKE|LOOP|ROW|\d+(?:ST|ND|RD|TH))\b\.?", re.I)
COORD = re.compile(r'[-+]?\d{1,3}\.\d{5,}')
PHONE = re.compile(r'(?<!\d)(?:\(?\d{3}\)?[ .-]?)?\d{3}[ .-]\d{4}(?!\d)|(?<![\d-])[2-9]\d{9}(?![\d-])')
# Logan's grid addresses ("near 1200 S Main", "400 W 800 S"): a number that is a whole hundred
# is a block, kept; any other number before a grid direction is a house number: [ADDRESS].
GRID = re.compile(r"(?<![\w$.-])(\d{2,5})[ \t]+(?=(?:N|S|E|W|North|South|East|West)\b)")
OFFICER = re.compile(r"\b(Ofc\.?|Officer|Sgt\.?|Det\.?|Detective|CSO)\s+[A-Z][a-z'-]+")
DOB = re.compile(r'\b(?:DOB|D\.O\.B\.?)[: ]*\d[\d/-]{4,9}\b', re.I)


def apply_spans(text_id, text, spans):
    """The hand-found redactions of redact.json: [start, end, replacement, check] in the
    text after the length cut, check being the first 2 hex digits of SHA-256 of the
    original span (round 7's format: two digits confirm no guessed name, yet a changed
    or shifted source still stops the build)."""
    for start, end, label, check in sorted(spans.get(text_id, []), reverse=True):
        if not (0 <= start < end <= len(text) and len(check) == 2
                and hashlib.sha256(text[start:end].encode('utf-8')).hexdigest()[:2] == check):
            sys.exit('redact.json: span %d-%d of %s does not match the source text' % (start, end, text_id))
        text = text[:start] + label + text[end:]
    return text


def redact(x, red):
    """The spans listed in redact.json (private persons found by reading every test
    text) first; then the source's own name list (Menlo Park's arrested subjects): each
    word of it, capitalised, becomes [NAME], and in Menlo Park's notes a capitalised word
    after an officer's title ("Ofc", "Officer", "Sgt", "Det", "CSO"); then dates of birth, phone numbers, house-number
    street addresses (not "1100 blk ...", not for the ids listed under no_street), Logan's
    grid house numbers and coordinates."""
    text = apply_spans(x['id'], x['text'], red.get('spans', {}))
    for w in sorted(x['names'], key=len, reverse=True):
        text = re.sub(r"\b%s\b" % re.escape(w), '[NAME]', text)
    if x['source'] == 'menlo-park-pd-log':  # officers named in the note ("taken by Ofc Smith")
        text = OFFICER.sub(lambda m: m.group(1) + ' [NAME]', text)
    text = re.sub(r"\[NAME\](?:[ .,]+\[NAME\])+", '[NAME]', text)
    text = DOB.sub('[DOB]', text)
    text = PHONE.sub('[PHONE]', text)
    if x['id'] not in red.get('no_street', []):
        text = STREET.sub('[ADDRESS]', text)
        text = GRID.sub(lambda m: m.group(0) if m.group(1).endswith('00') else '[ADDRESS] ', text)
    text = COORD.sub('[ADDRESS]', text)
    return text


def is_test(text_id):
    return hashlib.sha256(text_id.encode('utf-8')).digest()[0] % 2 == 0


def main(menlo_js, logan_db):
    dd = Dedupe()
    items = menlo(menlo_js, dd) + logan(logan_db, dd)
    assert len({x['id'] for x in items}) == len(items), 'duplicate ids'
    rpath = HERE / 'redact.json'
    red = json.load(open(rpath)) if rpath.exists() else {}
    items = [x for x in items if x['id'] not in red.get('exclude', {})]
    unknown = set(red.get('spans', {})) - {x['id'] for x in items}
    assert not unknown, 'redact.json spans for texts not built: %s' % sorted(unknown)
    for x in items:
        x['text'] = redact(x, red)
    items.sort(key=lambda x: x['id'])
    for name, rows in (('test', [x for x in items if is_test(x['id'])]),
                       ('dev', [x for x in items if not is_test(x['id'])])):
        with open(HERE / (name + '.jsonl'), 'w', encoding='utf-8') as f:
            for x in rows:
                f.write(json.dumps({'id': x['id'], 'source': x['source'], 'text': x['text']},
                                   ensure_ascii=False) + '\n')
        with open(HERE / (name + '.groups.json'), 'w', encoding='utf-8') as f:
            json.dump({x['id']: x['group'] for x in rows}, f, indent=0, sort_keys=True)
        print(name, len(rows))
        groups = {}
        for x in rows:
            groups.setdefault(x['source'], {}).setdefault(x['group'], 0)
            groups[x['source']][x['group']] += 1
        for src in sorted(groups):
            print('  %-30s %s' % (src, ', '.join('%s %d' % kv for kv in sorted(groups[src].items()))))


if __name__ == '__main__':
    if len(sys.argv) != 3:
        sys.exit(__doc__)
    main(*sys.argv[1:3])
