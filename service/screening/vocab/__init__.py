"""The default screening vocabulary: one module per flag, in the term language of
service.screening.terms, each citing the published sources its additions come from.

The sources, cited by these short names in the modules:

- [NHTSA-EMD] NHTSA Emergency Medical Dispatch National Standard Curriculum: its 32 chief-complaint
  protocol names (as reproduced at http://www.911dispatch.com/info/emd/emd-prs.html).
- [NEMSIS] NEMSIS v3.5.0 data dictionary, eDispatch.01 "Dispatch Reason" values
  (https://nemsis.org/media/nemsis_v3/release-3.5.0/DataDictionary/APIs/EMSDataSetAPI/eDispatch_v3_xsd.html).
- [APCO-IT] APCO ANS 2.103.1-2012 Public Safety Communications Common Incident Types for Data
  Exchange, as carried in NIEM's apco code list
  (https://webb.github.io/NIEM.github.io/reference/content/codes/apco_event.html).
- [APCO-10] The APCO ten-code list (10-10 fight in progress, 10-32 person with gun, 10-34 riot,
  10-52 request ambulance), as listed at http://www.ac7kh.com/2015/05/apco-10-codes.html.
- [MPDS] MPDS determinant codes (protocol number, level letter, number: "17A03", "09E01"), as the
  MPDS v13.0 update guide's code conversion tables print them (Austin-Travis County EMS,
  coa.austinmedcomm.net/wp-content/uploads/2016/06/MPDS-v13.pdf); protocols 1-33 are medical.
- [CA-PC] California Penal Code sections used as call types by California PSAPs (240 assault,
  242 battery, 245 assault with a deadly weapon, 211 robbery, 417 brandishing, 187 homicide; the
  statutes as summarised at quizwizapp.com/study/bpa-199-all-codes-to-know); the Bay Area police
  radio code list (fudo.dev/informis/textfiles/blame/commit/278a90f7ce219e36e5de0a80b540e469a9bce912/
  hamradio/copcode.txt) documents their use as radio codes.
- [CAD-ABBR] Police and dispatch abbreviation glossaries: LAPD acronyms as published on
  michaelconnelly.com (ADW, via lawforwriters.blogspot.com 2013/09), police acronyms at
  leelofland.com (A/B assault and battery, ABWIK, B/E), a police CAD call-type list
  (brainscape "Police Cad Codes": BATT simple, ACC unknown injuries).
- [CDPH-OD] California Department of Public Health, opioid overdose signs
  (https://www.cdph.ca.gov/Programs/CCDPHP/opioids/Pages/Prevention.aspx) and CDC Rx Awareness
  (https://www.cdc.gov/rxawareness/): blue or grey lips and nails, pinpoint pupils, gurgling or
  snoring breathing, limp body, naloxone (Narcan, Evzio) given.

- [EVAL-DEV] Kinds of wording read in the dev half of the real-text evaluation set
  (data/screening-eval/dev.jsonl: public police logs and CAD pages), added after
  reading its misses. Never the test half. Figures on dev are therefore tuned on, and say so.

Counts per source are in docs/screening-accuracy.md ("Vocabulary sources"); a test holds every
module's ADDED keys to this list.
"""

from __future__ import annotations

from service.screening.vocab import crime, injury, intoxication, medical, violence, weapon
from service.screening.vocab.crime import CRIME
from service.screening.vocab.injury import INJURY
from service.screening.vocab.intoxication import INTOXICATION
from service.screening.vocab.medical import MEDICAL
from service.screening.vocab.suicidal import SUICIDAL, SUICIDAL_MEANS
from service.screening.vocab.violence import VIOLENCE
from service.screening.vocab.weapon import WEAPON

__all__ = ["ADDED", "DEFAULT_PHRASES", "SOURCES"]

SOURCES = ("NHTSA-EMD", "NEMSIS", "MPDS", "APCO-IT", "APCO-10", "CA-PC", "CAD-ABBR", "CDPH-OD", "EVAL-DEV")

# What issue #17 added, per flag and source (the same phrases as in DEFAULT_PHRASES).
ADDED: dict[str, dict[str, tuple[str, ...]]] = {
    "weapon": weapon.ADDED, "violence": violence.ADDED, "crime_in_progress": crime.ADDED,
    "medical": medical.ADDED, "injury": injury.ADDED, "intoxication": intoxication.ADDED,
}

DEFAULT_PHRASES: dict[str, tuple[str, ...]] = {
    "weapon": WEAPON,
    "violence": VIOLENCE,
    "crime_in_progress": CRIME,
    "medical": MEDICAL,
    "injury": INJURY,
    "suicidal": SUICIDAL,
    "suicidal_means": SUICIDAL_MEANS,
    "intoxication": INTOXICATION,
}
