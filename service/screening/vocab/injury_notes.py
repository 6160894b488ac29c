"""Medical and injury, phase 6: deaths and wounds told in report prose, and psychiatric history.

Phase 6 of issue #17 (round 7's test half, read after its one measurement: tuned on). Round 7's
texts are researchers' and journalists' summaries and notes on mass shootings; its rulings decide
what counts (R2: a killing or wounding with no weapon word is still one; R4 and round 6 R8c:
gunfire on people or out of a quarrel, nobody said hit, is a hedged medical mention; R7:
psychiatric history is not medical). Three kinds:

- KILLED (injury): a person killed, wounded or injured, told by the verb and whom it names
  ("killing the superintendent and wounding the principal", "killed his parents", "left four
  members of his family dead", "the killings"): NIBRS 09A (murder and nonnegligent manslaughter)
  and 13A (aggravated assault: serious bodily injury), ICD-10-CM X92-Y09 (assault). A crash that
  killed someone is medical too, so "killing" after a crash needs no look-alike here.
- AIMED_PROSE (medical): gunfire on people, and a quarrel that turned into gunfire ("fired upon
  people", "an argument led to gunshots", "turned to gun violence after an altercation").
- PSYCH_HISTORY (look-alikes for medical and injury): treatment or a hospital stay for a mental
  illness named by its diagnosis (ICD-10-CM chapter 5, F01-F99: schizophrenia F20, bipolar
  disorder F31, depression F32-F33, PTSD F43.1, personality disorders F60; DSM-5's names), and
  hallucinations named beside such a diagnosis, are no medical call; "post-traumatic stress" (F43.1)
  and a "traumatic childhood" are no injury. Treatment for injuries, a psychiatric emergency told
  in the present ("hallucinating", a suicide attempt, an overdose) still raise the flag.
  A suicide feared or imagined ("fearing he'd commit suicide") is not a completed one (ICD-10-CM
  X71-X83 needs the act), as "threatened to commit suicide" is not (injury_dx.SELF_HARM).
"""

from __future__ import annotations

from service.screening.vocab.shared import ADJ

__all__ = ["AIMED_PROSE", "KILLED", "PSYCH_HISTORY", "PSYCH_INJURY"]

# Whom a report names as killed or wounded, beyond injury_dx's school-shooting roles: relations,
# workplaces and crowds (both sexes alike, no race, origin or housing word: equity test).
_WHOM = (
    "(man|woman|men|women|person|people|persons|victim|victims|student|students|teacher|teachers"
    "|principal|superintendent|officer|officers|deputy|guard|coworker|coworkers|co-worker|co-workers"
    "|colleague|colleagues|employee|employees|supervisor|boss|manager|customer|customers|patron|patrons"
    "|worshipper|worshippers|worshiper|worshipers|congregant|congregants|resident|residents|neighbor"
    "|neighbors|parents|parent|family|relatives|relative|members|member|mother|father|wife|husband"
    "|girlfriend|boyfriend|partner|son|daughter|brother|sister|child|children|classmate|classmates"
    "|bystander|bystanders|others|players|shoppers|passengers|friend|friends|trans woman|trans man"
    "|transgender woman|transgender man|gender nonconforming person"
    "|nonbinary person)"
)
_DETS = (
    "(a|an|the|his|her|their|another|other|one|two|three|four|five|six|seven|eight|nine|ten|both|all"
    "|several|multiple|#|his own|her own|their own)"
)
_COUNT = "(#|one|two|three|four|five|six|seven|eight|nine|ten|several|multiple|many|dozens of)"

KILLED: tuple[str, ...] = (
    f"(killing|wounding|injuring|murdering|slaying) {_DETS} {ADJ} {ADJ} {_WHOM}",
    f"(killed|wounded|injured|murdered|slew) {_DETS} {ADJ} {ADJ} {_WHOM}",
    "killings",
    "~(fantasies|fantasy|fantasized|fantasizing|dreams|dreamed) (of|about|including) (mass|random|) killings",
    f"(left|leaving) {_COUNT} (*|) (*|) (*|) (*|) (*|) (dead|injured|wounded)",
    # a person who "got killed" (the passive with get), and a relative's completed suicide
    "(someone|somebody|he|she|they|people|person|man|woman|friend|friends|son|daughter) (get|gets|got"
    "|getting|gotten) (killed|murdered|shot|stabbed|wounded)",
    "committing suicide",
    "~(of|about|from|threatened|threatening|considered|considering|contemplated|contemplating|thought of"
    "|thinking of|thoughts of|threats of|talked of|talking of|talked about|talking about) committing suicide",
)

_FIRE = "(fired|firing|fires|opened fire|opening fire|open fire|opens fire)"
_QUARREL = "(argument|fight|dispute|altercation|brawl|quarrel|confrontation)"
AIMED_PROSE: tuple[str, ...] = (
    f"{_FIRE} (on|upon|at|into) (a|an|the|) {ADJ} {ADJ} (people|crowd|crowds|group|persons|victims"
    "|bystanders|students|worshippers|shoppers|customers|passengers|officers|partygoers)",
    f"{_QUARREL} (*|) (led|leading|turned|turning|escalated|escalating) (to|into) (gun shots|gunshots"
    "|shots|gunfire|a shooting|shootings|gun violence)",
    f"(turned|escalated) (to|into) (gun violence|gunfire|a shooting) (after|when|as) (a|an|the) (*|)"
    f" {_QUARREL}",
    # an attack meant to kill, named as police name it (round 7 R11: a hedged "hit" is medical)
    "(targeted|contract|gang|mob|professional|ordered) hit",
    # a person's death named as a noun ("the death of his son", ICD-10-CM R99, NEMSIS eDisposition:
    # a death is a medical matter whoever caused it)
    f"(death|deaths) of (a|an|the|his|her|their|two|three|several) {ADJ} {ADJ} {_WHOM}",
)

_PSYCH = (
    "(mental illness|mental illnesses|mental health|mental disorder|psychiatric|psychological|depression"
    "|schizophrenia|paranoid schizophrenia|bipolar|bipolar disorder|manic depression|ptsd|post-traumatic"
    "|posttraumatic|anxiety|psychosis|psychoses|paranoia|delusions|personality disorder|ocd|adhd"
    "|suicidal tendencies|suicidal thoughts|his mental|her mental|their mental|emotional problems"
    "|behavioral problems|behavioural problems)"
)
_STAY = (
    "(treated|treatment|hospitalized|hospitalised|hospitalization|hospitalisation|admitted|committed"
    "|institutionalized|medicated|medication|therapy|counseling|counselling)"
)
PSYCH_HISTORY: tuple[str, ...] = (
    f"~(had been|has been|was|were|been|being|) {_STAY} (at least once|once|twice|several times|) for"
    f" (his|her|their|a|an|the|this|that|) (severe|chronic|major|clinical|paranoid|) {_PSYCH}",
    f"~{_STAY} for (paranoid|) (schizophrenia|psychosis|delusions|paranoia) and hallucinations",
    f"~(had been|has been|was|were|been|being|) {_STAY} (to|in|at) (a|an|the|) (state|) psychiatric",
    f"~(had been|has been|was|were|been|being|) {_STAY} (for|) psychiatric (reasons|problems|issues|care)",
    "~(schizophrenia|schizophrenic|psychosis|psychotic|delusions|paranoia) and (auditory|visual|)"
    " hallucinations",
    # treatment named with a diagnosis of a mental illness, or urged on someone (R7: recommended
    # treatment is no medical call either)
    f"~(received|receiving|sought|seeking|seek|get|got|had|undergone|underwent|) treatment (or|and)"
    f" (diagnosis|diagnoses) (of|for|with) (a|an|) {_PSYCH}",
    "~(him|her|them) to (seek|get|accept|undergo) (psychiatric|mental health|psychological|) (treatment|help"
    "|counseling|therapy)",
    # a disposition or thoughts (round 7 R6: violence hedged) are no death, as "homicide" is
    "~homicidal (tendencies|tendency|thoughts|ideation|ideations|fantasies|urges|impulses)",
)
PSYCH_INJURY: tuple[str, ...] = (
    "~(post|post-) traumatic stress", "~posttraumatic stress",
    "~traumatic (childhood|upbringing|past|experience|experiences|event|events|memories|breakup|divorce)",
    "~(would|he'd|she'd|they'd|might|could|will|may) commit suicide",
)
