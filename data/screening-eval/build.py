"""Rebuild the candidate texts of the screening evaluation set (stdlib only).

This is the selection step only: it reads the three public sources from local
snapshots (see SOURCES.md for where they came from), applies the selection
rules written below, and writes the dev/test split (dev.jsonl,
test.jsonl): an id goes to test when the first byte of SHA-256(id) is even.  It never imports or runs the project's narrative screen.

Usage: python3 build.py SAC_JSON SLO_CSV CADPAGE_JSON
  SAC_JSON      incidents.json of jeremiak/sacramento-pd-daily-activity-log
  SLO_CSV       data/csv/SLOPD_report.csv of nagol/SLOPD_data at ae0d1f2
  CADPAGE_JSON  the INFO fields pulled from cadpage parser tests (cad_extract)
"""
import csv, hashlib, json, random, re, sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
MAXLEN = 600


def trim(text):
    """Strip surrounding whitespace; cut texts over MAXLEN at the last sentence
    end (or else the last space) before MAXLEN.  Nothing else is changed."""
    text = text.strip()
    if len(text) <= MAXLEN:
        return text
    cut = text[:MAXLEN]
    i = max(cut.rfind('. '), cut.rfind('.\n'))
    if i > MAXLEN // 2:
        return cut[:i + 1]
    return cut[:cut.rfind(' ')].rstrip()


PHONE = re.compile(r'(?<!\d)(?:\(?\d{3}\)?[ .-]?)?\d{3}[ .-]\d{4}(?!\d)')


def apply_spans(text_id, text, spans):
    """The hand-found redactions of redact.json: [start, end, replacement, check] in the
    text after the length cut, check being the first 2 hex digits of SHA-256 of the
    original span.  Short on purpose: a full hash of a short name can be confirmed by
    guessing names, two digits confirm nothing (1 guess in 256 passes), yet a changed
    or shifted source still stops the build, since each wrong span passes with a
    chance of 1 in 256 and a span past the end of its text never passes."""
    for start, end, label, check in sorted(spans.get(text_id, []), reverse=True):
        if not (0 <= start < end <= len(text) and len(check) == 2
                and hashlib.sha256(text[start:end].encode('utf-8')).hexdigest()[:2] == check):
            sys.exit('redact.json: span %d-%d of %s does not match the source text' % (start, end, text_id))
        text = text[:start] + label + text[end:]
    return text


def redact(text_id, text, red):
    """Private persons' names and the few addresses the pattern misses (found by
    reading every candidate before the split) as the spans of redact.json, then
    phone numbers as [PHONE].  Nothing else is changed."""
    return PHONE.sub('[PHONE]', apply_spans(text_id, text, red.get('spans', {})))


STREET = re.compile(
    r"(?<![\w-])\d{3,6}(?:-?[A-Z])?[ \t]+(?:[NSEW]\.?[ \t]+)?(?:[A-Za-z0-9'.]+[ \t]+){0,3}?"
    r"(?:RD|ROAD|ST|STREET|AVE?|AVENUE|DR|DRIVE|LN|LANE|BLVD|CT|COURT|CIR|CIRCLE|PL|PLACE|"
    r"WAY|HWY|HIGHWAY|PKWY|TER|TRL|TRAIL|PIKE|LOOP|ROW|\d+(?:ST|ND|RD|TH))\b\.?", re.I)
COORD = re.compile(r'[-+]?\d{1,3}\.\d{5,}')


def redact_places(text):
    """cadpage texts only: the project that published them hid them (rot13) to
    protect the callers, so street addresses and coordinates become [ADDRESS]
    (by pattern; the few the pattern misses are spans in redact.json)."""
    text = STREET.sub(lambda m: m.group(0) if 'ALERTED' in m.group(0).upper() else '[ADDRESS]', text)
    return COORD.sub('[ADDRESS]', text)


def words(text):
    return len(re.findall(r'[A-Za-z]{2,}', text))


def sacramento(path):
    rows = json.load(open(path))
    groups = {}
    seen = set()
    for r in rows:
        t = r['text'].strip()
        if len(t) < 40 or t in seen:
            continue
        seen.add(t)
        code = re.sub(r'\s*[-–]\s*', ' - ', r['code'].strip().lower())
        groups.setdefault(code, []).append(r)
    rng = random.Random(1701)
    order = sorted(groups)
    for k in order:
        rng.shuffle(groups[k])
    picked = []
    # round robin over call codes, so that no code dominates
    while len(picked) < 430 and any(groups.values()):
        for k in order:
            if groups[k] and len(picked) < 430:
                picked.append(groups[k].pop())
    return [dict(id='sac-' + r['id'], source='sacramento-pd-daily-log',
                 text=trim(r['text'])) for r in picked]


SLO_HAZARD_TYPES = {
    'Assault', 'Weapon Offense', 'Threatening', 'Domestic Viol',
    'DOMESTIC VIO IP', 'Robbery', 'Medical', 'Medical Arrest',
    'Deceased Subj', 'Suicide Attempt', 'COLL INJ', 'COLL EXTRICATIO',
    'Child Abuse', 'Elder Abuse/Neg', 'MENTAL SUBJ', 'Sex Offense',
}
SLO_ADMIN = re.compile(
    r'^(\d\d:\d\d:\d\d \d\d/\d\d/\d{4} - |Call type |[A-Z][a-z]{2} [A-Z][a-z]{2} \d+ [\d:]+ P[SD]T \d{4}'
    r'|.*reopened by|.*REOPENED)', re.I)


def slo(path):
    rows = list(csv.DictReader(open(path, newline='')))
    seen = set()
    hazard, other = [], []
    for r in rows:
        t = r['call_comments'].strip()
        if len(t) < 20 or words(t) < 3 or SLO_ADMIN.match(t) or t.upper() in seen:
            continue
        seen.add(t.upper())
        (hazard if r['type'] in SLO_HAZARD_TYPES else other).append(r)
    rng = random.Random(805)
    rng.shuffle(other)
    picked = hazard + other[:380]
    return [dict(id='slo-' + r['case_number'], source='slo-pd-call-log',
                 text=trim(r['call_comments'])) for r in picked]


CAD_VW = re.compile(r'ASSAULT|SHOOT|STAB|GSW|GUN|WEAPON|FIGHT|DOMESTIC|ROBBER|HOLD ?UP|SHOTS|ARMED'
                    r'|BATTERY|SEXUAL|RAPE|HOSTAGE|THREAT|DISTURB|PENETRAT|ABUSE|BRAWL')
CAD_MED = re.compile(r'OVERDOSE|\bOD\b|POISON|UNCON|CARDIAC|TRAUMA|SEIZ|BREATH|CHEST|BLEED|HEMORR'
                     r'|STROKE|CVA|FALL|SICK|DIABET|SUICID|INJUR|DOA|DECEASED|DEATH')
CAD_JUNK = re.compile(r'Prior Incident|^Disp:|CAD Times|^Toner Alert|Call Created', re.I)


def cadpage(path):
    rows = json.load(open(path))
    rng = random.Random(911)
    rng.shuffle(rows)
    want = {'vw': 260, 'med': 170, 'other': 150}
    got = {k: [] for k in want}
    per_agency = {}
    for r in rows:
        t = r['info'].strip()
        if len(t) < 25 or words(t) < 4 or CAD_JUNK.search(t):
            continue
        call = r['call'].upper()
        g = 'vw' if CAD_VW.search(call) else 'med' if CAD_MED.search(call) else 'other'
        key = (r['cls'], g)
        if per_agency.get(key, 0) >= 4 or len(got[g]) >= want[g]:
            continue
        per_agency[key] = per_agency.get(key, 0) + 1
        name = r.get('name', '').strip()
        if len(name) > 4 and name.upper() in t.upper():
            t = re.sub(re.escape(name), '[NAME]', t, flags=re.I)
        got[g].append(dict(id='cad-%s-%s' % (r['cls'], r['test']), source='cadpage-test-messages',
                           text=trim(t)))
    return got['vw'] + got['med'] + got['other']


def is_test(text_id):
    return hashlib.sha256(text_id.encode('utf-8')).digest()[0] % 2 == 0


def main(sac, slo_csv, cad):
    items = sacramento(sac) + slo(slo_csv) + cadpage(cad)
    # a case number or test name can repeat inside a source: suffix repeats
    seen = {}
    for x in items:
        n = seen.get(x['id'], 0) + 1
        seen[x['id']] = n
        if n > 1:
            x['id'] += '-%d' % n
    ids = [x['id'] for x in items]
    assert len(ids) == len(set(ids)), 'duplicate ids'
    rpath = HERE / 'redact.json'
    red = json.load(open(rpath)) if rpath.exists() else {}
    items = [x for x in items if x['id'] not in red.get('exclude', {})]
    unknown = set(red.get('spans', {})) - {x['id'] for x in items}
    assert not unknown, 'redact.json spans for texts not built: %s' % sorted(unknown)
    for x in items:
        x['text'] = redact(x['id'], x['text'], red)
        if x['source'] == 'cadpage-test-messages':
            x['text'] = redact_places(x['text'])
    items.sort(key=lambda x: x['id'])
    halves = {'test': [x for x in items if is_test(x['id'])],
              'dev': [x for x in items if not is_test(x['id'])]}
    for name, rows in halves.items():
        with open(HERE / (name + '.jsonl'), 'w', encoding='utf-8') as f:
            for x in rows:
                f.write(json.dumps({'id': x['id'], 'source': x['source'], 'text': x['text']},
                                   ensure_ascii=False) + '\n')
        print(name, len(rows))


if __name__ == '__main__':
    main(*sys.argv[1:4])
