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
- [CA-PC] California Penal Code sections used as call types by California PSAPs (240 assault,
  242 battery, 245 assault with a deadly weapon, 211 robbery, 417 brandishing, 187 homicide);
  the Bay Area police radio code list (https://fudo.dev/informis/textfiles/.../hamradio/copcode.txt)
  documents the practice.
- [CAD-ABBR] Police and dispatch abbreviation glossaries: LAPD acronyms as published on
  michaelconnelly.com (ADW, via lawforwriters.blogspot.com 2013/09), police acronyms at
  leelofland.com (A/B assault and battery, ABWIK, B/E), a police CAD call-type list
  (brainscape "Police Cad Codes": BATT simple, ACC unknown injuries).
- [CDPH-OD] California Department of Public Health, opioid overdose signs
  (https://www.cdph.ca.gov/Programs/CCDPHP/opioids/Pages/Prevention.aspx) and CDC Rx Awareness
  (https://www.cdc.gov/rxawareness/): blue or grey lips and nails, pinpoint pupils, gurgling or
  snoring breathing, limp body, naloxone (Narcan, Evzio) given.

Counts per source are in docs/screening-accuracy.md ("Vocabulary sources"); a test holds the
modules to their citations (every ``# [SOURCE]`` tag names a source listed here).
"""

from __future__ import annotations

from service.screening.vocab.crime import CRIME
from service.screening.vocab.injury import INJURY
from service.screening.vocab.intoxication import INTOXICATION
from service.screening.vocab.medical import MEDICAL
from service.screening.vocab.suicidal import SUICIDAL, SUICIDAL_MEANS
from service.screening.vocab.violence import VIOLENCE
from service.screening.vocab.weapon import WEAPON

__all__ = ["DEFAULT_PHRASES", "SOURCES"]

SOURCES = ("NHTSA-EMD", "NEMSIS", "APCO-IT", "APCO-10", "CA-PC", "CAD-ABBR", "CDPH-OD")

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
