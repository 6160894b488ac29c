"""Rebuild the candidate texts of round 10 of the screening evaluation set (stdlib only).

Round 10 is the next held-out set (rounds 8 and 9 are being tuned on).  It holds INCIDENT
NARRATIVES only: texts that tell what happened at one incident as an agency wrote them.  Its
main aim is what rounds 8 and 9 lacked: at least 100 weapon and 100 violence mentions in the
test half.  Selection only: reads public sources from local snapshots (SOURCES.md says where
they came from), applies the selection rules written below, drops texts equal or nearly equal
to a text of rounds 1-9 (every half and part) or to a text already picked, redacts, and writes
the split (dev.jsonl, test.jsonl): an id goes to test when the first byte of SHA-256(id) is
even, the rule of rounds 1-9.  It never imports, runs or reads the project's narrative screen
or its vocabulary, and groups texts only by each source's own category field.

Usage: python3 build.py [--frozen] NW_REPO_DIR DA_REPO_DIR
  --frozen     write both halves exactly as frozen (test.jsonl 7a4bd681..., frozen at af9299c;
               dev.jsonl 5e9e800a..., frozen at 213840e): test leaves out the "post_freeze" spans
               of redact.json, dev keeps them (they were in the dev file when it was frozen) and
               leaves out the "post_freeze_dev" spans; without it both kinds of spans are applied
               last of all and the current files are written (REDACTIONS.md)
  NW_REPO_DIR  a checkout of
               Northwestern-Data-Sci-Seminar/Invisible-Institute-Chicago-Reporter-Collaboration-Public
               at 70bf124944125cb04e046b19ed6cb4c6ff599812 (Chicago police complaint summaries
               from the Citizens Police Data Project: summary text + the complaint's category);
               only the files named in NW_FILES_CAT and NW_FILES_CR are read
  DA_REPO_DIR  a checkout of natmrubin/prosecutor-press-releases at
               492f02ee2ac1bc5d33f45a239253e18e2443a379 (press releases of county prosecutors'
               offices as text, one file per release under text/<county>/, and
               classifications_local.csv)
"""
import csv, hashlib, json, random, re, sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
EARLIER = [HERE.parent / d for d in ('screening-eval', 'screening-eval-2', 'screening-eval-3',
                                     'screening-eval-4', 'screening-eval-5', 'screening-eval-6',
                                     'screening-eval-7', 'screening-eval-8', 'screening-eval-9')]
HALVES = ('dev', 'test', 'dev_b', 'test_b')  # rounds 4 and 9 have a part B
MAXLEN = 1200  # round 10's brief: at most about 1,200 characters, one paragraph


def trim(text):
    """Length rule: fold whitespace (one paragraph); cut texts over MAXLEN at the last
    sentence end (or else the last space) before MAXLEN."""
    text = re.sub(r'\s+', ' ', text).strip()
    if len(text) <= MAXLEN:
        return text
    cut = text[:MAXLEN]
    i = max(cut.rfind('. '), cut.rfind('; '))
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
    """Rounds 3-9's rule, loaded with every half and part of rounds 1-9: exact (after
    folding case, punctuation and spacing) and near-exact (Jaccard >= 0.8 on word sets of 4+
    words, words with digits left out) duplicates of an earlier round's text or of a text
    already kept are refused."""

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
    """Shuffle each group with the seed, then keep texts in that order until the group's
    quota is met (texts of 20+ characters and 4+ words that pass the duplicate rule)."""
    rng = random.Random(seed)
    out = []
    for g in quota:
        rows = sorted(groups.get(g, []), key=lambda r: r['id'])  # a fixed order before the shuffle
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


# --- 1. Chicago police complaint summaries (Citizens Police Data Project) ---
# The summaries are the investigating agency's own abstracts of a complaint against Chicago
# police officers (IPRA / COPA / the department's Bureau of Internal Affairs): "The reporting
# party alleges that the accused ...", "On <date>, a complaint was registered with IPRA ...
# It was alleged that Officer A ...".  The copy pairs each summary with the complaint's
# category (CPDB's own allegation category: Use Of Force, Domestic, Lockup Procedures, ...)
# and, in other files of the same repository, with its complaint (CR) number.
#
# Text rules: (a) many summaries are stored twice over ("X. X."): a text whose second half
# repeats its first half keeps one copy; (b) the incident part only: the text is cut before
# the first sentence that reports the investigation's findings or discipline (it opens with
# "Based on" / "Based upon", or names IPRA / COPA / BIA / OPS together with "recommend",
# "finding", "sustain" or "unfounded", or opens with "The investigation" / "Further"); at least
# the first sentence is kept; (c) then the length rule.
NW_FILES_CAT = ['The Enchanted Badgers/checkpoint-5/src/complaint_classification/data/complaints/%s_prepped.tsv' % s
                for s in ('train', 'valid', 'test')]
NW_FILES_CR = [('The Storm Panthers/checkpoint-5/src/data/unlabeled_narratives.csv', 'cr_id'),
               ('The Storm Panthers/checkpoint-5/src/data/labeled_narratives.csv', 'crid'),
               ('The Clever Wombats/Checkpoint 5/data/nlp.csv', 'allegation_id')]
# A summary carries one category or (rarely) several; its group is the first of this fixed
# order that it carries (the order puts the categories whose complaints are about force,
# domestic incidents, off-duty conduct and custody first).
CPDB_ORDER = ['Use Of Force', 'Excessive Force', 'Domestic', 'Conduct Unbecoming (Off-Duty)',
              'Lockup Procedures', 'Verbal Abuse', 'Drug / Alcohol Abuse', 'Criminal Misconduct',
              'Traffic', 'False Arrest', 'Illegal Search', 'Supervisory Responsibilities',
              'Bribery / Official Corruption', 'First Amendment', 'Operation/Personnel Violations',
              'other_category']
CPDB_GROUP = {'Use Of Force': 'force', 'Excessive Force': 'force', 'Domestic': 'domestic',
              'Conduct Unbecoming (Off-Duty)': 'offduty', 'Lockup Procedures': 'lockup',
              'Verbal Abuse': 'verbal', 'Drug / Alcohol Abuse': 'drugalc',
              'Criminal Misconduct': 'other', 'Traffic': 'traffic', 'False Arrest': 'arrest',
              'Illegal Search': 'search', 'Supervisory Responsibilities': 'other',
              'Bribery / Official Corruption': 'other', 'First Amendment': 'other',
              'Operation/Personnel Violations': 'operations', 'other_category': 'other'}
CPDB_QUOTA = {'force': 440, 'domestic': 240, 'offduty': 200, 'lockup': 170, 'verbal': 30,
              'drugalc': 30, 'traffic': 30, 'arrest': 40, 'search': 50, 'operations': 110,
              'other': 30}
FINDINGS = re.compile(r'^(?:Based (?:up)?on|The investigation|Further|In (?:its|the) investigation)'
                      r'|\b(?:IPRA|COPA|BIA|OPS)\b.*\b(?:recommend|finding|sustain|unfounded|exonerat)',
                      re.I)


def undouble(text):
    """A text stored twice over ("X. X.", the copy sometimes with small changes) keeps the
    first copy: the text is cut before the first recurrence of its first 50 characters."""
    head = text[:50]
    i = text.find(head, 1) if len(text) >= 100 else -1
    return text[:i].strip() if i > 0 else text


def incident_part(text):
    sents = re.split(r'(?<=[.!?])\s+(?=[A-Z"(])', text)
    keep = [sents[0]]
    for s in sents[1:]:
        if FINDINGS.search(s):
            break
        keep.append(s)
    return ' '.join(keep)


def cpdb(repo, dd):
    repo = Path(repo)
    csv.field_size_limit(10 ** 9)
    cats = {}
    for f in NW_FILES_CAT:
        for line in open(repo / f, encoding='utf-8'):
            line = line.rstrip('\n')
            if '\t' not in line:
                continue
            t, c = line.rsplit('\t', 1)
            cats.setdefault(t.strip(), set()).add(c.strip())
    crs = {}
    for f, key in NW_FILES_CR:
        for r in csv.DictReader(open(repo / f, encoding='utf-8', newline='')):
            cr = (r.get(key) or '').strip()
            if cr.isdigit():
                crs.setdefault(r['summary'].strip(), set()).add(cr)
    groups, seen = {}, set()
    for t in sorted(cats):
        cr = crs.get(t, set())
        if len(cr) != 1:  # no complaint number, or one text for several complaints: left out
            continue
        cr = cr.pop()
        if cr in seen:  # a complaint with two different summaries: the first (text order) kept
            continue
        seen.add(cr)
        cat = next(c for c in CPDB_ORDER + sorted(cats[t]) if c in cats[t])
        g = CPDB_GROUP.get(cat, 'other')
        text = incident_part(undouble(re.sub(r'\s+', ' ', t).strip()))
        groups.setdefault(g, []).append(dict(id=cr, text=text, cat=cat))
    return take(groups, CPDB_QUOTA, 2101,
                lambda r, t: dict(id='cpdb-' + r['id'], source='chicago-cpdp-complaint-summaries',
                                  text=t, cat=r['cat']), dd)


# --- 2. County prosecutors' press releases (the offices' own press releases) ---
# Each file is the text of one release as the office published it (page furniture included:
# navigation lines, "[TWEET THIS]").  Only releases that announce a case event are used: the
# repository's classifications_local.csv gives each release an announcement type and a crime
# type (assigned by the repository's author with a local language model, NOT by the offices:
# the only category column this source has); kept: announcement types Sentencing, Conviction,
# Charges Filed, Indictment, Arraignment, Arrest (policy statements, awards, advisories and
# the like are not incident texts); grouped by crime type, with a quota per group.  The
# release's incident part is taken as its first three prose paragraphs: lines of 25+ words
# (navigation, dates and sign-offs are shorter; a line with "TWEET" is skipped, and so is a
# headline: a line whose words are mostly capitalised, and a paragraph in another
# language), joined with a space, then the length
# rule.  Dallas is left out: its files are text extracted from PDFs, mostly with a line break
# in every line, some of it OCR noise.  Ids are "dapr-<county>-" and the first 10 hex digits
# of SHA-256 of the file name (file names carry defendants' names).
DA_CASE = {'Sentencing', 'Conviction', 'Charges Filed', 'Indictment', 'Arraignment', 'Arrest'}
DA_QUOTA = {'Violent (murder / assault / robbery / weapons)': 130, 'Sex crimes': 20,
            'Child crimes (CSAM / child abuse)': 15, 'Human trafficking': 10, 'Drug crimes': 15,
            'Property crimes': 15,
            'White collar / Financial (fraud / embezzlement / tax evasion / deed theft)': 15,
            'Public corruption': 5, 'Other': 10, '': 5}
DA_SKIP_COUNTIES = {'dallas_tx'}


def headline(line):
    """A title line (the release's headline with the office's name): most of its words
    are capitalised."""
    ws = [w for w in line.split() if w[:1].isalpha()]
    return bool(ws) and sum(w[0].isupper() for w in ws) >= 0.6 * len(ws)


def foreign(line):
    """A paragraph in another language (Orange County appends a Vietnamese notice): more
    than 5 of its letters are not ASCII (typographic quotes and dashes are not letters)."""
    return sum(1 for c in line if c.isalpha() and ord(c) > 127) > 5


def da_releases(repo, dd):
    repo = Path(repo)
    groups = {}
    rows = csv.DictReader(open(repo / 'classifications_local.csv', encoding='utf-8', newline=''))
    for r in sorted(rows, key=lambda r: (r['county'], r['filename'])):
        if r['announcement_type'] not in DA_CASE or r['county'] in DA_SKIP_COUNTIES:
            continue
        f = repo / 'text' / r['county'] / r['filename']
        if not f.is_file():
            continue
        paras = [ln.strip() for ln in open(f, encoding='utf-8', errors='replace')
                 if len(ln.split()) >= 25 and 'TWEET' not in ln and not headline(ln)
                 and not foreign(ln)]
        if not paras:
            continue
        rid = hashlib.sha256(f.name.encode('utf-8')).hexdigest()[:10]
        ct = r['crime_type'] if r['crime_type'] in DA_QUOTA else 'Other'
        groups.setdefault(ct, []).append(dict(id=rid, text=' '.join(paras[:3]), cat=ct,
                                              county=r['county']))
    return take(groups, DA_QUOTA, 2102,
                lambda r, t: dict(id='dapr-%s-%s' % (r['county'].replace('_', '-'), r['id']),
                                  source='county-prosecutor-press-releases', text=t,
                                  cat='%s: %s' % (r['county'], r['cat'] or 'none')), dd)


# Names (both sources).  Releases name defendants, victims, witnesses, judges and
# prosecutors in full.  Rule (per text): a capitalised token (or an initial "L.") is a name
# token when it is not an ordinary word (never seen in lower case in any kept text of either
# source) and not one of the title / institution / calendar words below; inside a run of
# capitalised tokens (nothing but spaces between them) that holds a name token, every token
# that is not a title / institution word is a name token too (so "Jovan Battle" loses
# "Battle" and "Summer Smith" loses "Summer", ordinary words); a word after "a.k.a." is a name
# token; every name token of the text is then replaced, in one pass, wherever it stands
# capitalised in that text.  Places that are not ordinary words are replaced too
# ([NAME]): over-redaction, accepted.  The complaint summaries are mostly anonymised
# ("Officer A", "Victim 1") but the later ones, read from scanned forms, name officers,
# complainants and victims ("the complainant, Given SURNAME, alleges"): the same rule applies
# to them, with CPDB_KEEP.  Hand-found leftovers go to redact.json as spans.
DA_KEEP = set("""A An The In On At Of For By From To And Or But As After Before During When While
Where If According Following Under With Without Into Upon Since This That These Those He She It
They We His Her Its Their Our I You Today Yesterday Monday Tuesday Wednesday Thursday Friday
Saturday Sunday January February March April May June July August September October November
December Jan Feb Mar Apr Jun Jul Aug Sep Sept Oct Nov Dec District Attorney Attorney's Attorneys
DA DA's County County's State State's States United Police Department Officer Officers Court
Courts Superior Supreme Justice Judge Deputy Deputies Assistant Sheriff Sheriff's Office Division
Unit Bureau Chief Detective Detectives Sergeant Sgt Lieutenant Lt Capt Captain Jury Grand Criminal
Court's Prosecutor Prosecutors Prosecution Special Senior Trial Homicide Gang Narcotics Violent
Crimes Crime Domestic Violence Sexual Assault Child Abuse Family Victim Victims Services Street
Avenue Ave Road Boulevard Blvd Drive Highway Freeway North South East West Northern Southern
Eastern Western Central Department's Corrections Correctional Correction Prison Jail Hospital
Medical Center Examiner Examiner's Coroner University High School Park City Town Village Borough
Mr Mrs Ms Dr Jr Sr II III Penal Code Section Count Counts Case People Defendant Defendants
Probation Parole Board Honorable Hon Public Defender Defender's Federal FBI ATF DEA U.S N.Y CA
Calif Texas California Illinois Florida Arizona New York Los Angeles San Diego Orange Riverside
Harris Kings Cook Maricopa Miami Dade Miami-Dade Brooklyn Chicago Houston Phoenix Santa Ana
Superintendent Commissioner Patrol Highway Transit Authority Agency Task Force Fire Rescue
Emergency Services Unit's Enforcement Law Investigations Investigation Investigative Investigator
Investigators Major Squad Team Program Act Ring Scheme Task Grand-Jury Felony Misdemeanor
Murder First-Degree Second-Degree Manslaughter Robbery Burglary Kidnapping Rape Attempted
""".split())
NAME_TOKEN = re.compile(r"[A-Z][A-Za-z'’.-]*")


# Capitalised words of the complaint summaries that are not ordinary words and not names
# (acronyms, OCR debris of the scanned forms, places named in many texts): found by listing
# every such word that stands in 3 or more summaries; the one surname among them is left out
# of this list.
CPDB_KEEP = set("""CPD IPRA IPRAs COPA IL TRR RD OEMC PO P.O U.S.C CTA Indiana ANOV OC Facebook SUV
Halsted DUI I'm Itis ITIS Xit Oak CR Battery-Bodily RL QFFICER Branch Michigan FOID Kedzie BAC
Tennessee P.M BWC Cicero BIA DCFS Lake A.M CFD EMS ID OPS USC HRS
Complainant Complainants Subject Subjects Victim Victims Civilian Civilians Witness Witnesses
Accused Arrestee Member Members Aide Aides Juvenile Minor Reporting Party Sergeant Sergeants
Lieutenant Officers Detective Detectives Bystander Relative Location Address Plaintiff""".split())
# Capitalised words that name a weapon, a drug or what was done, not a person: kept, so that the
# rule never removes what the labellers must see ("Tased", "Sig Sauer", "Xanax").
THING_KEEP = set("""Tased Tasered Taser Tasers Sig Sauer SauerP Wesson Glock Ruger Beretta Remington
Colt Mossberg Xanax Suboxone Vicodin Narcan Percocet Oxycontin OxyContin Intoxicated""".split())
KEEP = DA_KEEP | CPDB_KEEP | THING_KEEP


def redact_names(text, ordinary):
    """Names of private persons and officials (see the rule above DA_KEEP), for both sources.
    In a text written mostly in capitals only the not-ordinary words themselves are names
    (a run there can be a whole sentence)."""
    letters = [c for c in text if c.isalpha()]
    shouting = bool(letters) and sum(c.isupper() for c in letters) > 0.6 * len(letters)
    toks = [m for m in re.finditer(r"[A-Za-z][A-Za-z'’.-]*", text)]
    runs, run, prev_end = [], [], -1
    for m in toks:  # runs of capitalised tokens with nothing but spaces between them
        gap = text[prev_end:m.start()] if prev_end >= 0 else '.'
        if not m.group(0)[:1].isupper() or gap.strip(' '):
            if run:
                runs.append(run)
            run = []
        if m.group(0)[:1].isupper():
            run.append(m.group(0))
        prev_end = m.end()
    if run:
        runs.append(run)

    def base(w):
        w = w.rstrip('.')
        return w[:-2] if w.endswith(("'s", "’s")) else w

    def plain(b):  # an ordinary word, also with an ending ("Tasered": "taser" + "ed")
        low = b.lower()
        return low in ordinary or any(low.endswith(e) and low[:-len(e)] in ordinary
                                      for e in ('ed', 'd', 'ing', 's', 'es', 'er', 'ers'))

    def name_like(b):  # "Bs" is "B's" (Officer Bs vehicle), not a name
        return (len(b) >= 2 and not plain(b) and b not in KEEP
                and not re.fullmatch(r'[A-Z]s', b))
    names = set()
    for run in runs:
        bases = [base(w) for w in run]
        if shouting:
            names.update(b for b in bases if name_like(b))
        elif any(name_like(b) for b in bases):
            names.update(b for b in bases if b and b not in KEEP and not (len(b) == 1 and b.isupper())
                         and not re.fullmatch(r'[A-Z]s', b))
    if re.search(r"\bSmith\s*(?:and|&)\s*Wesson", text):  # the gun maker, not a person
        names.discard('Smith')
    for m in re.finditer(r"\ba\.?k\.?a\.?,?\s+([A-Z][A-Za-z'’-]+)", text):  # an alias
        names.add(m.group(1))
    if not shouting:  # "WHITE, Gregory": a capitalised surname before a comma and a name
        for m in re.finditer(r"\b([A-Z][A-Z'’-]{2,}),\s+([A-Z][a-z'’-]+)", text):
            if base(m.group(2)) in names:
                names.add(m.group(1))
    if names:
        alt = '|'.join(re.escape(w) for w in sorted(names, key=len, reverse=True))
        text = re.sub(r"(?<![A-Za-z\[])(?:%s)(?![a-z])" % alt, '[NAME]', text)
    return re.sub(r"\[NAME\](?:[ .,]*\[NAME\])+", '[NAME]', text)


# --- redaction (rounds 3-9's patterns; hand-found redactions as spans in redact.json) ---
STREET = re.compile(
    r"(?<![\w-])(?!(?:19|20)\d\d\b)\d{3,6}(?:-?[A-Z])?[ \t]+(?!block\b|blk\b)(?:[NSEW]\.?[ \t]+)?(?:[A-Za-z0-9'.]+[ \t]+){0,3}?"
    r"(?:RD|ROAD|ST|STREET|AVE?|AVENUE|DR|DRIVE|LN|LANE|BLVD|CT|COURT|CIR|CIRCLE|PL|PLACE|"
    r"WAY|HWY|HIGHWAY|PKWY|TER|TRL|TRAIL|PIKE|LOOP|ROW|\d+(?:ST|ND|RD|TH))\b\.?", re.I)
COORD = re.compile(r'[-+]?\d{1,3}\.\d{5,}')
PHONE = re.compile(r'(?<!\d)(?:\(?\d{3}\)?[ .-]?)?\d{3}[ .-]\d{4}(?!\d)|(?<![\d-])[2-9]\d{9}(?![\d-])')
DOB = re.compile(r'\b(?:DOB|D\.O\.B\.?)[: ]*\d[\d/-]{4,9}\b', re.I)
# An officer named after a title ("Sgt. Skol #1378", "P.O. SMITH", "Officer Jones"): the name
# word becomes [NAME].  Letters of the summaries' own anonymisation ("Officer A", "Sergeant
# B") are one letter and stay.  In ALL CAPS texts a word after the title is a name only when
# it is not an ordinary word (one seen in lower case anywhere in the source's texts).
TITLE = (r"(?:P\.\s?O\.?|Police Officer|Officer|Ofc\.?|Sgt\.?|Sergeant|Lt\.?|Lieutenant|Det\.?|"
         r"Detective|Cmdr\.?|Commander|Capt\.?|Captain|Inv\.?|Investigator|Agent|Chief|Deputy)")
OFFICER = re.compile(r"\b(%s)(\s+)([A-Z][A-Za-z'-]{2,})" % TITLE, re.I)
STAR = re.compile(r"(?:#|\bstar\s*(?:no\.?|number|#)?\s*)\d{3,6}\b", re.I)


def apply_spans(text_id, text, spans, what='redact.json spans'):
    """The hand-found redactions of redact.json: [start, end, replacement, check] in the
    text after the length cut ("spans") or in the text as frozen ("post_freeze", and for dev
    "post_freeze_dev" after it), check
    being the first 2 hex digits of SHA-256 of the original span (round 7's format: two
    digits confirm no guessed name, yet a changed or shifted source still stops the build;
    so does a span past its text or overlapping the next one)."""
    limit = len(text)
    for start, end, label, check in sorted(spans.get(text_id, []), reverse=True):
        if not (0 <= start < end <= limit and len(check) == 2
                and hashlib.sha256(text[start:end].encode('utf-8')).hexdigest()[:2] == check):
            sys.exit('%s: span %d-%d of %s does not match the source text' % (what, start, end, text_id))
        text = text[:start] + label + text[end:]
        limit = start
    return text


def redact(x, red, ordinary):
    """The spans listed in redact.json first (names found by a scan and a reading); then
    officers named after a title, star (badge) numbers, dates of birth, phone numbers,
    house-number street addresses (not "1100 block ...") and coordinates."""
    text = apply_spans(x['id'], x['text'], red.get('spans', {}))
    text = redact_names(text, ordinary)

    def officer(m):
        w = m.group(3)
        if (not w[0].isupper() or w.lower() in COMMON_AFTER_TITLE or w.lower() in TITLE_WORDS
                or w in KEEP):
            return m.group(0)
        if w.isupper() and w.lower() in ordinary:  # ALL CAPS text: an ordinary word, no name
            return m.group(0)
        return m.group(1) + m.group(2) + '[NAME]'
    text = OFFICER.sub(officer, text)
    text = STAR.sub('#[STAR]', text)
    text = DOB.sub('[DOB]', text)
    text = PHONE.sub('[PHONE]', text)
    if x['id'] not in red.get('no_street', []):
        text = STREET.sub('[ADDRESS]', text)
    text = COORD.sub('[ADDRESS]', text)
    return text


TITLE_WORDS = {'officer', 'officers', 'sergeant', 'lieutenant', 'detective', 'commander',
               'captain', 'investigator', 'agent', 'chief', 'deputy', 'police'}
# Title-case words that follow a title in these summaries without being a name.
COMMON_AFTER_TITLE = {'and', 'the', 'was', 'who', 'had', 'did', 'has', 'were', 'also', 'then',
                      'with', 'for', 'from', 'that', 'when', 'while', 'after', 'during', 'stated',
                      'alleged', 'allegedly', 'failed', 'struck', 'pushed', 'grabbed'}


def ordinary_words(items):
    """Words seen in lower case in a kept text of this round, or in at least two texts of
    rounds 1-9 (every half and part; one text is not enough: a first name written in lower
    case in one CAD page must not count as an ordinary word)."""
    out = set()
    for x in items:
        out.update(re.findall(r"(?<![A-Za-z])[a-z][a-z'-]+", x['text']))
    seen = {}
    for r in earlier_rows():
        for w in set(re.findall(r"(?<![A-Za-z])[a-z][a-z'-]+", r['text'])):
            seen[w] = seen.get(w, 0) + 1
    out.update(w for w, n in seen.items() if n >= 2)
    return out


def is_test(text_id):
    return hashlib.sha256(text_id.encode('utf-8')).digest()[0] % 2 == 0


def main(nw_repo, da_repo, frozen=False):
    dd = Dedupe()
    items = cpdb(nw_repo, dd) + da_releases(da_repo, dd)
    assert len({x['id'] for x in items}) == len(items), 'duplicate ids'
    rpath = HERE / 'redact.json'
    red = json.load(open(rpath)) if rpath.exists() else {}
    items = [x for x in items if x['id'] not in red.get('exclude', {})]
    for key in ('spans', 'post_freeze', 'post_freeze_dev'):
        unknown = set(red.get(key, {})) - {x['id'] for x in items}
        assert not unknown, 'redact.json %s for texts not built: %s' % (key, sorted(unknown))
    # post_freeze: star numbers, house numbers and serial numbers the blind labellers (test)
    # and the privacy pass after the test labelling (both halves) found left (REDACTIONS.md);
    # they are applied to the text as first written, last of all.  The dev half was frozen
    # (213840e) after them, so they are part of the dev text as frozen; post_freeze_dev holds
    # what the dev labellers found after that freeze (names, a username), offsets into the dev
    # text as frozen, applied after post_freeze.  --frozen writes both halves as frozen.
    post = red.get('post_freeze', {})
    post_dev = {} if frozen else red.get('post_freeze_dev', {})
    assert all(not is_test(i) for i in post_dev), 'post_freeze_dev spans for a test text'
    ordinary = ordinary_words(items)
    for x in items:
        text = redact(x, red, ordinary)
        if not (frozen and is_test(x['id'])):
            text = apply_spans(x['id'], text, post, 'redact.json post_freeze')
        x['text'] = apply_spans(x['id'], text, post_dev, 'redact.json post_freeze_dev')
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
        groups = {}
        for x in rows:
            groups.setdefault(x['source'], {}).setdefault(x['cat'], 0)
            groups[x['source']][x['cat']] += 1
        for src in sorted(groups):
            print('  %-34s %s' % (src, ', '.join('%s %d' % kv for kv in sorted(groups[src].items()))))


if __name__ == '__main__':
    args = [a for a in sys.argv[1:] if a != '--frozen']
    if len(args) != 2:
        sys.exit(__doc__)
    main(*args, frozen=len(args) < len(sys.argv) - 1)
