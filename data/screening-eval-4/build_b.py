"""Rebuild round 4 PART B of the screening evaluation set (stdlib only).

Part B is a weapon- and violence-rich supplement to round 4, frozen separately
from part A (test.jsonl).  It reads two public sources from local snapshots
(SOURCES.md, part B, says where they came from), groups their rows by each
source's OWN weapon column, applies the selection rules below, drops texts
equal or nearly equal to a text of rounds 1-3 or of round 4 part A (or to a
text already picked), redacts, and writes the split (dev_b.jsonl,
test_b.jsonl) with the rule of rounds 1-4: an id goes to test when the first
byte of SHA-256(id) is even.  It never imports, runs or reads the project's
narrative screen or its vocabulary.

Usage: python3 build_b.py [--frozen] MPV_CSV STRIB_CSV
  --frozen   write the files as frozen / first written (test_b.jsonl bcac9c32..., the first dev_b.jsonl):
             without it the "post_freeze" spans of redact_b.json (REDACTIONS.md) are applied last and the
             current files are written (test_b.jsonl cf2014ba..., as test_b.sha256 says)
  MPV_CSV    db/seeds/mpv_data.csv        (mapping-police-violence/mpv-rails-app @ eee26cd)
  STRIB_CSV  src/Fatal Encounters Data-Grid view.csv   (striblab/fatal-encounters @ 1d6f2b7)
"""
import csv, json, re, sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
from build import (Dedupe, PHONE, STREET, apply_spans, group_of, is_test, take,  # noqa: E402  (part A's rules)
                   unused_spans)


class DedupeAB(Dedupe):
    """Part A's rule (rounds 1-3), loaded with round 4 part A's texts as well."""

    def __init__(self):
        super().__init__()
        for half in ('dev', 'test'):
            for line in open(HERE / (half + '.jsonl'), encoding='utf-8'):
                self.add(json.loads(line)['text'])


def unmangle(text):
    """The MPV sheet holds some UTF-8 text that was read as cp1252 once
    ("Sheriffâ€™s"): undo that where it round-trips, else keep the text."""
    if 'â€' not in text and 'Ã' not in text:
        return text
    try:
        return text.encode('cp1252').decode('utf-8')
    except (UnicodeDecodeError, UnicodeEncodeError):
        return text


SEEN = []  # (names, text) of every eligible row of both sources, for the name rule


# --- 1. Mapping Police Violence database (2013-2015 rows): "Incident description", grouped by its "Unarmed" column ---
MPV_RULES = [
    ('armed', re.compile(r'^Allegedly Armed$')),
    ('unarmed', re.compile(r'^Unarmed$')),
    ('vehicle', re.compile(r'^Vehicle$')),
]
MPV_QUOTA = {'armed': 250, 'unarmed': 170, 'vehicle': 50, 'other': 50}


def mpv(path, dd):
    groups = {k: [] for k in MPV_QUOTA}
    for r in csv.DictReader(open(path, newline='', encoding='utf-8-sig')):
        t = unmangle((r['Incident description'] or '').strip())
        if not r['Unique mpv'].strip() or len(t) < 20:
            continue
        names = [r['Victim name']] + (r['Officers involved'] or '').split(';')
        SEEN.append((names, t))
        groups[group_of((r['Unarmed'] or '').strip(), MPV_RULES)].append((r['Unique mpv'].strip(), t, names))
    return take(groups, MPV_QUOTA, 2051, lambda r: r[1],
                lambda r, t: dict(id='mpv-' + r[0], source='mapping-police-violence', text=t, names=r[2]), dd)


# --- 2. Star Tribune Minnesota fatal encounters database: "StribNarrative", grouped by its "WeaponCategory" ---
STRIB_RULES = [('weapon', re.compile(r'^(?:GUN|BLADED WEAPON)$'))]
STRIB_QUOTA = {'weapon': 400, 'other': 400}  # larger than the groups: every eligible row is kept


def strib(path, dd):
    groups = {k: [] for k in STRIB_QUOTA}
    for r in csv.DictReader(open(path, newline='', encoding='utf-8-sig')):
        t = (r['StribNarrative'] or '').strip()
        if not r['index'].strip() or len(t) < 20:
            continue
        names = [' '.join(filter(None, (r['FirstName'], r['MiddleName'], r['LastName'], r['Suffix'])))]
        SEEN.append((names, t))
        groups[group_of((r['WeaponCategory'] or '').strip(), STRIB_RULES)].append((r['index'].strip(), t, names))
    return take(groups, STRIB_QUOTA, 2052, lambda r: r[1],
                lambda r, t: dict(id='strib-' + r[0], source='startribune-fatal-encounters', text=t, names=r[2]), dd)


# --- redaction ---
# The people killed, the people arrested and everyone else who is not an official are private persons here.
# 1. every name token (3+ letters) of the row's own named person(s) (the person killed; MPV also lists the
#    officers involved), and of every person named in ANY row of either source, where it stands capitalised
#    in the text and is not an ordinary word (a token also seen in lower case in the sources' texts);
# 2. "<Capitalised first name> <Capitalised word>" where the first name is a first name of any row: the pair,
#    and the second word where it stands alone later in the text;
# 3. "<Capitalised word>, <age>," ("Hansen, 21,");
# 4. phone numbers; street addresses with a house number (round 3's pattern; "700 block of" kept).
TOKEN = re.compile(r"[A-Z][a-zA-Z'’-]{2,}")
STOP = {'The', 'And', 'Police', 'Officer', 'Officers', 'Deputy', 'Deputies', 'Sheriff', 'Trooper', 'Sgt', 'Lt',
        'County', 'City', 'State', 'Department', 'Office', 'Street', 'Avenue', 'Road', 'North', 'South', 'East',
        'West', 'Saint', 'Jr', 'Sr', 'III', 'Mr', 'Mrs', 'Ms', 'Dr', 'Unknown', 'Name', 'Minnesota', 'Minneapolis',
        'Paul', 'Jackson', 'Washington', 'Lincoln', 'Houston', 'Dallas', 'Austin', 'Columbus', 'Charlotte',
        'Madison', 'Jefferson', 'Franklin', 'Clinton', 'Marion', 'Orange', 'Clay', 'Union', 'Christian', 'Lake',
        'Chief', 'Deputies', 'Troopers', 'Officers', 'Patrol', 'Highway', 'Medical', 'Bureau', 'General', 'Special',
        'Assistant', 'Sheriff’s', "Sheriff's", 'Police’s', 'Said', 'Who', 'When', 'After', 'She', 'His', 'Her'}


# 5. the name after a title or role ("Officer Kate ...", "Nurse ...", "Witness ..."): officials' names are
#    redacted too (harmless for labelling, and the same person is often also named without a title);
TITLED = re.compile(r"\b(?:Officers?|Deputy|Deputies|Troopers?|Sgt|Sergeant|Lt|Lieutenant|Chief|Nurse|Witness|Detective"
                    r"|Sheriff|Agent|Cpl|Corporal|Capt|Captain|Patrolman|Marshal|Ranger|Attorney|Examiner)\.?"
                    r"\s+((?:[A-Z][a-zA-Z'’-]+\s+)?(?:[A-Z]\.\s+)?[A-Z][a-zA-Z'’-]{2,})")
# 6. names the rules above miss, found by a scan of capitalised word pairs in every kept text: redact_b.json
#    "spans", per text id [start, end, "[NAME]", check] over the text as it enters the name rules (check: the
#    first 2 hex digits of SHA-256 of the original span, see build.py: apply_spans), applied before the
#    rules' own tokens are replaced (the rules still look for their tokens in the unredacted text).


# A capitalised token just before "police", "County", "Avenue", ... or just after "St." / "San " is a place
# ("Hutchinson police", "St. Louis County", "San Mateo"), not a person: left as it is.
PLACE_NEXT = (r"(?!\s+(?:[Pp]olice|PD|County|Sheriff|Township|Ave|Avenue|Street|Road|Blvd|Boulevard|Drive|Park|Lake"
              r"|City|Heights)\b)")


class Names:
    def __init__(self, seen):
        lower = {w for _, t in seen for w in re.findall(r"\b[a-z][a-z'’-]{2,}\b", t)}
        self.first, self.all = set(), set()
        for names, _ in seen:
            for n in names:
                toks = TOKEN.findall(n.title() if n.isupper() else n)
                if toks:
                    self.first.add(toks[0])
                self.all.update(toks)
        self.first -= STOP
        self.all = {t for t in self.all - STOP if t.lower() not in lower}

    def redact(self, text, own, text_id, spans):
        found = set()
        for n in own:
            for tok in TOKEN.findall(n.title() if n.isupper() else n):
                if tok not in STOP:
                    found.add(tok)
        for m in re.finditer(r"(?=\b([A-Z][a-z]+)\s+(?:[A-Z]\.\s+)?([A-Z][a-zA-Z'’-]{2,})\b)", text):
            if m.group(1) in self.first and m.group(2) not in STOP:
                found.update((m.group(1), m.group(2)))
        for m in TITLED.finditer(text):
            found.update(t for t in TOKEN.findall(m.group(1)) if t not in STOP)
        for m in re.finditer(r"\b([A-Z][a-zA-Z'’-]{2,}),\s+\d{1,2},", text):
            if m.group(1) not in STOP:
                found.add(m.group(1))
        found |= {t for t in TOKEN.findall(text) if t in self.all}
        text = apply_spans(text_id, text, spans, 'redact_b.json spans')
        for tok in sorted(found, key=len, reverse=True):
            text = re.sub(r"(?<![\w\[])(?<!St\. )(?<!San )%s(?:'s|’s)?(?![\w\]])%s" % (re.escape(tok), PLACE_NEXT),
                          lambda m: '[NAME]' + m.group(0)[len(tok):], text)
        # "[NAME] A. [NAME]" / "[NAME] [NAME]" -> one [NAME]
        text = re.sub(r"\[NAME\](?:\s+(?:[A-Z]\.\s*)?\[NAME\])+", '[NAME]', text)
        return text


def redact(x, names, spans):
    text = names.redact(x['text'], x['names'], x['id'], spans)
    text = PHONE.sub('[PHONE]', text)
    return STREET.sub('[ADDRESS]', text)


def main(mpv_csv, strib_csv, frozen=False):
    dd = DedupeAB()
    items = mpv(mpv_csv, dd) + strib(strib_csv, dd)
    assert len({x['id'] for x in items}) == len(items), 'duplicate ids'
    names = Names(SEEN)
    red = json.load(open(HERE / 'redact_b.json', encoding='utf-8'))
    post = {} if frozen else red.get('post_freeze', {})
    unused_spans(red['spans'], items, 'redact_b.json spans')
    unused_spans(red.get('post_freeze', {}), items, 'redact_b.json post_freeze')
    for x in items:
        # post_freeze: the replacements made in the files after the freeze (REDACTIONS.md), last of all
        x['text'] = apply_spans(x['id'], redact(x, names, red['spans']), post, 'redact_b.json post_freeze')
    items.sort(key=lambda x: x['id'])
    for name, rows in (('test_b', [x for x in items if is_test(x['id'])]),
                       ('dev_b', [x for x in items if not is_test(x['id'])])):
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
    if len(args) != 2:
        sys.exit(__doc__)
    main(*args, frozen=len(args) < len(sys.argv) - 1)
