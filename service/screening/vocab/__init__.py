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
- [NIBRS] FBI National Incident-Based Reporting System user manual: data element 13 "Type
  Weapon/Force Involved" (firearm, knife/cutting instrument, blunt object, motor vehicle, personal
  weapons, explosives) and the crimes against persons it names (intimidation, kidnapping/abduction,
  fondling) (FBI Uniform Crime Reporting Program, NIBRS User Manual).
- [LEOKA] The FBI's Law Enforcement Officers Killed and Assaulted activity categories as NIEM's NDEx
  code list carries them ("Domestic Disturbance", "Responding to disturbance call", "Mentally
  deranged assailant") (datypic.com/sc/niem41/t-ndex_LEOKAActivityCategoryNDExCodeType.html).
- [CA-PC-2] More California Penal Code sections used as CAD call types: 148 resisting an officer,
  207 kidnapping, 220 assault to commit rape, 236 false imprisonment, 261 rape, 273d corporal
  injury to a child, 288 lewd act with a child, 368 elder abuse, 415 disturbing the peace
  (California Legislative Information, leginfo.legislature.ca.gov, Penal Code).
- [CAD-PERMIT] Concealed-carry licence abbreviations in CAD text: CCW (carry concealed weapon,
  California), CCDW (carry concealed deadly weapon, Kentucky State Police), CHL (concealed handgun
  licence, Texas and Oregon).
- [RESP-CODE] Emergency-vehicle response codes: Code 1 routine, Code 2 urgent without siren, Code 3
  lights and siren (Wikipedia, "Emergency service response codes", as mirrored at
  en.academic.ru/dic.nsf/enwiki/11558149), written C2/C3 in CAD comment fields.
- [EMS-ABBR] EMS abbreviation glossaries: ALOC altered level of consciousness, ALS/BLS (and "Medic"
  for an ALS unit) in the Polk, Hickory, Cedar & St Clair EMS protocols' definitions
  (emsprotocols.online/cmhems/9-050.php); A&Ox4 alert and oriented, AMS, BLS/ALS (Lafayette College
  EMS, sites.lafayette.edu/lafems/ems-acronyms); A/O, Pt patient, "medic"/"bus" for an ambulance
  (fire-consultant.com/?p=1595); MCI mass-casualty incident.
- [ICD-10-CM] Symptoms as NEMSIS v3.5 records them (eSituation.09 primary and eSituation.10 other
  symptoms take ICD-10-CM codes): weakness R53.1, numbness R20.0, hyperhidrosis R61, hypotension
  I95, hallucinations R44, difficulty walking R26.2, abdominal pain R10, chest pain R07, venomous
  stings T63, sepsis A41, infections; stoma (Z93) and dialysis (Z99.2) care.
- [NIBRS-ROB] FBI NIBRS User Manual, offense 120 Robbery ("the taking or attempting to take
  anything of value from the care, custody, or control of a person ... by force or threat of force
  or violence and/or by putting the victim in fear"), 13A/13B aggravated and simple assault, and
  data element 13's "personal weapons" (hands, fists, feet) and blunt objects thrown: forcible
  takings, weapons implied or claimed in a demand, property taken from a person, persons bound,
  blows thrown, shootings named by their result.
- [CA-PC-3] California Penal Code, more sections behind CAD call types (leginfo.legislature.ca.gov):
  215 carjacking, 246.3 discharge of a firearm in a grossly negligent manner, 417 drawing or
  exhibiting a weapon ("displayed a handgun"), 17240 and 22810(g) tear gas and pepper spray used on
  a person as a weapon.
- [NEMSIS-DISP] NEMSIS v3.5.0 data dictionary, the eDisposition section: unit, patient
  evaluation/care, crew and transport dispositions ("Patient Evaluated and Care Provided",
  "Transport by This EMS Unit", "Patient Treated, Released"), the words in which narratives say
  what EMS did for a person; a call passed to an ambulance service; a patient check requested.

Round 2 of the real-text set: the NIBRS-ROB, CA-PC-3 and NEMSIS-DISP families, and the additions
to NHTSA-EMD (falls by who fell, cannot get up, a person lying down), ICD-10-CM (homicidal ideation
R45.850 misspelt, scratches and wounds by body part, "no physical injuries"), CAD-ABBR ("ems
notfy") were chosen after reading the misses of round 2's dev half
(data/screening-eval-2/dev.jsonl), never its test half: figures on round 2's dev half are tuned on.

- [R3-GUIDE] The round-3 labelling guide's rulings (data/screening-eval-3/GUIDE.md): fire and
  rescue units at a crash (10), the next-of-kin phrase that reports a death (11), a crash or accident
  victim (7).

Round 3 of the real-text set: medical_calls.py (a fall alarm, a sick person, traffic incidents by
who was struck under NHTSA-EMD; symptoms under ICD-10-CM; no transport, transport requested, deaths
under NEMSIS-DISP; murder and manslaughter under NIBRS; and R3-GUIDE) was chosen after reading
the misses of round 3's dev half (data/screening-eval-3/dev.jsonl), never its test half: figures
on round 3's dev half are tuned on.

- [STATE-PC] Offence names and definitions in state penal codes and case law beyond California's:
  Iowa Code 708.4 willful injury, 708.8 going armed with intent, 719.1 interference with official
  acts causing bodily injury (legis.iowa.gov); Pennsylvania 18 Pa.C.S. 2706 terroristic threats
  (legis.state.pa.us); criminal threatening (New Hampshire RSA 631:4); battery as offensive contact
  (Texas Penal Code 22.01(a)(3)), spitting on a person as battery (Commonwealth v. Cohen, 55 Mass.
  App. Ct. 358 (2002); State v. Lachney, 621 So. 2d 846 (La. App. 1993)); California Penal Code
  243.4 sexual battery and 22210 (billy, blackjack and other clubs as weapons).
- [EVAL-R1-3] Round 5 (weapon and violence): kinds read in the misses and false alarms of rounds 1-2
  (all) and round 3's dev half, then, in a last pass, round 3's test half too (all of rounds 1-3
  are now tuned on), decided by the labelling guides' rules and rulings (a threat to shoot or cut
  is a hedged weapon; an object shown is hedged; violence against property, crashes, falls,
  accidents and talk about violence in general are not violence).
- [R4-GUIDE] Round 4's labelling rulings (part B R2: police force to control a subject, a stun
  device or restraint, is hedged violence; R5: police gunfire with no stated target is hedged
  violence, a person shot by police present, round 3 ruling 6): read with round 4's dev halves
  (encounters.py: police gunfire as narratives phrase it, "opened fire", "returned fire", a shootout).
- [MMUCC] NHTSA's Model Minimum Uniform Crash Criteria, 5th edition, element C17 "first harmful
  event" (fixed objects struck: tree, utility pole, guardrail, fence, curb, ditch, mailbox, ...):
  a crash into an object is not violence; with it, the look-alikes read in round 4's campus and
  city logs (a report taken from someone; a date written M/D that spells a ten-code; parked
  property struck, NIBRS 290 destruction/damage of property).
- [NPDS] America's Poison Centers, National Poison Data System annual reports (41st annual report,
  2023: household cleaning substances the second most frequent class of human exposures, 7.12 %,
  after analgesics): drinking or swallowing a household product is a poisoning.

Round 5 (issue 17 item 1, medical): medical.py's later families moved, unchanged and in the same
order, to medical_codes.py (size limit); medical_signs.py adds symptom families under ICD-10-CM
(dizziness, fever, tremor, abnormal breathing, vomiting, disorientation, speech disturbances,
one-sided weakness, panic attacks, dementia), falls and persons down under NHTSA-EMD, EMS
transports, treatment and deaths under NEMSIS-DISP, and household poisons under NPDS, chosen after
reading the misses of rounds 1-2 and round 3's dev half, never round 3's test half.
Phase 2 (medical): medical_calls.py's ENCOUNTERS adds deaths (NIBRS, NEMSIS-DISP), police force
on a person and conditions named as the call (ICD-10-CM, Y35 legal intervention), people struck by a
vehicle (NHTSA-EMD), chosen after reading the misses of round 4's dev halves, never its test halves.
Phase 3 (medical): medical_scenes.py (folded into medical_calls.py's ADDED) adds police gunfire told by
who fired (ICD-10-CM Y35.0), people struck by a police vehicle and crashes that killed (NHTSA-EMD,
V03/V19) and chief complaints on CAD pages (MPDS), read from round 4's test halves after their one
measurement; round 5 was never read.

- [EVAL-DEV] Kinds of wording read in the dev half of the real-text evaluation set
  (data/screening-eval/dev.jsonl: public police logs and CAD pages), added after
  reading its misses. Never the test half. Figures on dev are therefore tuned on, and say so.
- [EVAL-R1] Kinds of wording read in the misses of all of round 1 of the real-text set (dev and
  test halves, after its test half was retired from testing): figures on round 1 are now all tuned
  on; only a fresh round, labelled blind, measures these. Each is a kind, not a copied string
  (a refused EMS response, a person shot, a weapon pointed or held at a person, threats cut off by a
  field limit), and the labelling guide's rules decide hedged or not.
- [GVA] Gun Violence Archive (gunviolencearchive.org, Methodology: every listed incident is a firearm
  injury, death or discharge; incident characteristics "Shot - Wounded/Injured", "Shot - Dead") with
  round 5's guide (R12: a person shot, wounded or killed): its incident notes' headline style, a person
  noun and a bare past participle with the wound's place ("man shot, leg, stable"), for weapon and
  violence (headlines.py) and medical (medical_codes.py); read in round 5's test half after its
  measurement (tuned on); round 6 was never read.
- [NEISS-DX] U.S. Consumer Product Safety Commission, NEISS Coding Manual (July 2020): the diagnosis
  categories an emergency department's injury record is coded with (burns thermal, chemical,
  electrical, scald; amputation; avulsion; concussion; contusion and abrasion; crushing; dislocation;
  foreign body; fracture; laceration; puncture; strain or sprain; dermatitis and conjunctivitis) and
  its body-part codes: injuries named by diagnosis and part ("burn hand", "FX R hand", "FB eye"),
  for injury (injury_dx.py); read in round 6's test half after its measurement (tuned on).

- [CPSC-FW] The U.S. Consumer Product Safety Commission's Fireworks Annual Reports (Division of Hazard
  Analysis; NEISS firework-related injuries; kinds of fireworks: firecrackers, sparklers, bottle
  rockets, Roman candles, reloadable mortars and aerial shells, smoke devices, M-80s, cherry bombs),
  with round 6's ruling R11: a firework set off, exploding or striking someone is neither a gunshot nor
  an attack; fired or thrown at a person it is (gunfire.py, weapon and violence).
- [NVDRS-UF] Unintentional firearm injuries as the CDC's National Violent Death Reporting System
  codes their circumstances ("Unintentional firearm deaths in the United States 2005-2015", Injury
  Epidemiology 6, article 42, 2019: playing with a gun, thought unloaded, hunting, loading or
  cleaning, a dropped gun): a discharge stated as an accident is not violence (gunfire.py).
- [K12-SSDB] The CHDS K-12 School Shooting Database's methodology (k12ssdb.org: every time a gun is
  fired or brandished, or a bullet hits school property) and narrative style, with round 6's rulings
  R1-R5: persons shot named by age-and-sex code or school role, shots with no target, BBs and airsoft
  fired at people, persons struck by a bullet (gunfire.py). Read in round 6's test half after its
  measurement (tuned on); round 7 was never read.
- [MW-SHOT] The everyday senses of "shot" and "shoot" in Merriam-Webster's dictionary (a stroke or
  throw in a game, a drink of liquor, a photograph; to shoot hoops, pool or pictures) and toy guns
  that fire water or foam: look-alikes for weapon and violence (gunfire.py).
- [MASS-SHOOT] The Stanford Mass Shootings in America data dictionary and Mother Jones' "Guide to
  Mass Shootings in America" (their summary wording: "fired upon", "opened fire", "when the firing
  began", arms retrieved for an attack), with round 7's rulings R4 (fire opened on a place is hedged
  violence) and R5 (wanting, planning or deciding to kill is hedged violence): mass_harm.py, weapon
  and violence; killings and woundings of persons under NIBRS 09A and 13A are filed under [NIBRS].
  Read in round 7's test half after its measurement (tuned on); round 8 was never read.
- [R7-GUIDE] Round 7's rulings R6 and R8: a disposition toward violence ("abusive") and a
  confrontation are hedged violence, as an altercation is already; a verbal one is not (mass_harm.py).
- [R8-GUIDE] Round 8's ruling R5: any object thrown at or used to strike a person is a weapon, however
  soft; sounds heard that may be shots ("popping sounds") are a hedged weapon and violence (road.py,
  which also files phase 7's road-crash look-alikes under MMUCC and vehicles used on purpose under NIBRS).
- [CA-VC] California Vehicle Code sections as police logs cite them (leginfo.legislature.ca.gov,
  VEH): 20001 hit and run where a person was injured or killed, 23153 driving under the influence
  causing bodily injury (medical_scenes.py).
- [CPD-UOF] The Chicago Police Department's complaint categories ("Use of Force": excessive force,
  handcuffs too tight; "Verbal Abuse" apart from force) as the Citizens Police Data Project publishes
  them, and CPD General Order G03-02 (use of force): complaints.py.
- [CPD-DIRECTIVES] The Chicago Police Department's directive "Processing Persons Under Department
  Control" (G06-01), which makes obtaining medical care for a person in custody a duty: care denied or
  not given is a hedged medical mention (medical_complaints.py), as is first aid not rendered
  (medical_force.py).
- [TX-PC] Texas Penal Code 22.01, 22.05(b), 29.02, 31.03, 42.12 and Transportation Code 550.022-550.024
  (statutes.capitol.texas.gov): offence elements as Dallas offence reports write them (offense_reports.py).
- [CA-PC-4] California Penal Code 211, 243.4, 246, 487(c) (leginfo.legislature.ca.gov) with NIBRS 11D
  and 23A/23B: force or fear, sexual battery, shots at dwellings, theft from the person (offense_reports.py).
- [DA-RELEASE] Prosecutors' releases: crime counted as a statistic (UCR / CompStat), offences with no force
  by their legal names (CA PC 237, 519, 597; NIBRS 720), figurative "threaten": offense_reports.py.
- [R11-GUIDE] Round 11's rulings R5, R8, R9 (a blunt object on an occupied home, loudness only, an occupied
  vehicle struck), read in its test half after its measurement (offense_reports.py).
- [PPD-DIRECTIVES] Philadelphia Police Department use-of-force directives: Directive 22 (rev. 2010: baton /
  ASP, OC pepper spray and the electronic control weapon; "rendering medical aid" after any force, and a
  notification whenever a person is treated at a hospital as a result of police action) and Directive 10.3
  (use of less lethal force: the conducted energy weapon; once a subject is in custody, officers address any
  injuries) (phila.gov/police): a person sprayed or tased is a hedged medical mention (medical_custody.py).
- [R12-GUIDE] Round 12's rulings, read in its test half after its measurement: R6, a death named as background
  (a funeral the person was going to) is hedged medical (medical_custody.py); R14-R15 and the source notes
  (complaints_force.py).

Counts per source are in docs/screening-accuracy.md ("Vocabulary sources"); a test holds every
module's ADDED keys to this list.
"""

from __future__ import annotations

from service.screening.vocab import (
    crime,
    encounters,
    injury,
    intoxication,
    medical,
    medical_calls,
    medical_codes,
    medical_signs,
    violence,
    violence_acts,
    weapon,
)
from service.screening.vocab.complaints import COMPLAINT_VIOLENCE, COMPLAINT_WEAPON
from service.screening.vocab.complaints import SOURCED as COMPLAINT_SOURCED
from service.screening.vocab.complaints_force import COMPLAINT_FORCE_VIOLENCE
from service.screening.vocab.complaints_force import SOURCED as FORCE_SOURCED
from service.screening.vocab.complaints_weapons import COMPLAINT_WEAPONS
from service.screening.vocab.complaints_weapons import SOURCED as WEAPONS_SOURCED
from service.screening.vocab.crime import CRIME
from service.screening.vocab.encounters import ENCOUNTER_VIOLENCE, ENCOUNTER_WEAPON
from service.screening.vocab.gunfire import GUNFIRE_VIOLENCE, GUNFIRE_WEAPON
from service.screening.vocab.gunfire import SOURCED as GUNFIRE_SOURCED
from service.screening.vocab.headlines import HEADLINE_SELF_SHOT, HEADLINE_SHOOTINGS
from service.screening.vocab.injury import INJURY
from service.screening.vocab.intoxication import INTOXICATION
from service.screening.vocab.mass_harm import MASS_HARM_VIOLENCE, MASS_HARM_WEAPON
from service.screening.vocab.mass_harm import SOURCED as MASS_HARM_SOURCED
from service.screening.vocab.medical import MEDICAL
from service.screening.vocab.medical_calls import MEDICAL_CALLS
from service.screening.vocab.medical_codes import MEDICAL_CODES
from service.screening.vocab.medical_signs import MEDICAL_SIGNS
from service.screening.vocab.offense_reports import OFFENSE_VIOLENCE, OFFENSE_WEAPON
from service.screening.vocab.offense_reports import SOURCED as OFFENSE_SOURCED
from service.screening.vocab.road import ROAD_VIOLENCE, ROAD_WEAPON
from service.screening.vocab.road import SOURCED as ROAD_SOURCED
from service.screening.vocab.suicidal import SUICIDAL, SUICIDAL_MEANS
from service.screening.vocab.violence import VIOLENCE
from service.screening.vocab.violence_acts import VIOLENCE_ACTS
from service.screening.vocab.weapon import WEAPON

__all__ = ["ADDED", "DEFAULT_PHRASES", "SOURCES"]

SOURCES: tuple[str, ...] = (
    "NHTSA-EMD", "NEMSIS", "MPDS", "APCO-IT", "APCO-10", "CA-PC", "CAD-ABBR", "CDPH-OD", "NIBRS", "LEOKA",
    "CA-PC-2", "CAD-PERMIT", "RESP-CODE", "EMS-ABBR", "ICD-10-CM", "NIBRS-ROB", "CA-PC-3", "NEMSIS-DISP",
    "EVAL-DEV", "EVAL-R1", "R3-GUIDE", "STATE-PC", "EVAL-R1-3", "R4-GUIDE", "MMUCC", "NPDS", "GVA",
    "CPSC-FW", "NVDRS-UF", "K12-SSDB", "MW-SHOT", "NEISS-DX", "MASS-SHOOT", "R7-GUIDE",
    "R8-GUIDE", "CA-VC", "CPD-UOF", "CPD-DIRECTIVES",
    "TX-PC", "CA-PC-4", "DA-RELEASE", "R11-GUIDE",
    "PPD-DIRECTIVES", "R12-GUIDE", "PPD-UOF", "PA-WEAP",
)

_MEDICAL = (medical, medical_codes, medical_calls, medical_signs)
# What issue #17 added, per flag and source (the same phrases as in DEFAULT_PHRASES).
ADDED: dict[str, dict[str, tuple[str, ...]]] = {
    "weapon": {
        source: (
            *weapon.ADDED.get(source, ()), *weapon.ADDED_R5.get(source, ()),
            *encounters.ADDED_WEAPON.get(source, ()),
        )
        for source in dict.fromkeys((*weapon.ADDED, *weapon.ADDED_R5, *encounters.ADDED_WEAPON))
    } | {"GVA": HEADLINE_SHOOTINGS} | GUNFIRE_SOURCED["weapon"] | MASS_HARM_SOURCED["weapon"],
    "violence": {
        source: (
            *violence.ADDED.get(source, ()), *violence_acts.ADDED.get(source, ()),
            *encounters.ADDED_VIOLENCE.get(source, ()), *MASS_HARM_SOURCED["violence"].get(source, ()),
        )
        for source in dict.fromkeys(
            (
                *violence.ADDED, *violence_acts.ADDED, *encounters.ADDED_VIOLENCE,
                *MASS_HARM_SOURCED["violence"],
            )
        )
    } | {"GVA": (*HEADLINE_SELF_SHOT, *HEADLINE_SHOOTINGS)} | GUNFIRE_SOURCED["violence"],
    "crime_in_progress": crime.ADDED,
    "medical": {
        source: tuple(p for module in _MEDICAL for p in module.ADDED.get(source, ()))
        for source in dict.fromkeys(s for module in _MEDICAL for s in module.ADDED)
    },
    "injury": injury.ADDED, "intoxication": intoxication.ADDED,
}
# Phase 7's road and records families (road.py) join their sources' earlier phrases.
_RECORDS = (ROAD_SOURCED, COMPLAINT_SOURCED, OFFENSE_SOURCED, FORCE_SOURCED, WEAPONS_SOURCED)
for _flag, _sourced in (item for sourced in _RECORDS for item in sourced.items()):
    for _source, _phrases in _sourced.items():
        ADDED[_flag][_source] = (*ADDED[_flag].get(_source, ()), *_phrases)

DEFAULT_PHRASES: dict[str, tuple[str, ...]] = {
    "weapon": (
        *GUNFIRE_WEAPON, *WEAPON, *ENCOUNTER_WEAPON, *HEADLINE_SHOOTINGS, *MASS_HARM_WEAPON, *ROAD_WEAPON,
        *COMPLAINT_WEAPON, *OFFENSE_WEAPON, *COMPLAINT_WEAPONS,
    ),
    "violence": (
        *GUNFIRE_VIOLENCE, *VIOLENCE, *VIOLENCE_ACTS, *ENCOUNTER_VIOLENCE, *HEADLINE_SELF_SHOT,
        *HEADLINE_SHOOTINGS, *MASS_HARM_VIOLENCE, *ROAD_VIOLENCE, *COMPLAINT_VIOLENCE, *OFFENSE_VIOLENCE,
        *COMPLAINT_FORCE_VIOLENCE,
    ),
    "crime_in_progress": CRIME,
    "medical": (*MEDICAL, *MEDICAL_CODES, *MEDICAL_CALLS, *MEDICAL_SIGNS),
    "injury": INJURY,
    "suicidal": SUICIDAL,
    "suicidal_means": SUICIDAL_MEANS,
    "intoxication": INTOXICATION,
}
