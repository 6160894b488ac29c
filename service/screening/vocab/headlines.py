"""Weapon and violence, phase 4 of issue #17's vocabulary tuning: shootings as incident headlines
write them, read in round 5's Gun Violence Archive notes ("man shot, leg, stable", "victim shot on
Grove", "man found shot", "woman shot, killed").

Gun Violence Archive's incident notes (gunviolencearchive.org, methodology page: each incident is a
firearm injury, death or discharge, summarised in a short note) and newsroom crime briefs drop the
auxiliary verb: a person noun, a bare past participle, then where or how badly. "Shot" alone stays
unread (a flu shot, a shot glass); with a person named before it, or the wound's result or place after
it, it is a person shot (round-5 guide, R12: present with a person shot, wounded or killed). Every
person word both ways (man and woman, male and female, boy and girl) so that which one a headline uses
never decides the flag (equity test). Source tag: GVA (service.screening.vocab).
"""

from __future__ import annotations

from service.screening.vocab.shared import BODY

__all__ = ["HEADLINE_SELF_SHOT", "HEADLINE_SHOOTINGS"]

# Who a headline says was shot: people by sex, age and role, as GVA notes and police briefs name them.
_PERSON = (
    "(man|men|woman|women|male|males|female|females|boy|boys|girl|girls|teen|teens|teenager|teenagers"
    "|juvenile|juveniles|youth|youths|child|children|person|people|victim|victims|vic|individual"
    "|individuals|clerk|cashier|driver|bystander|bystanders|customer|customers|homeowner|resident"
    "|suspect|suspects|deputy|officer|officers|trooper|guard|member|members)"
)
# Where the wound is, as a headline lists it after the participle ("shot, leg", "shot lower back");
# the comma glued to "shot" is written out, as a comma is never a separator (service.screening.terms).
_WOUND = BODY[:-1] + "|abdomen|stomach|groin|buttocks|buttock|torso|thigh|side|armpit|elbow|cheek)"

HEADLINE_SHOOTINGS = (
    f"{_PERSON} (was|were|is|are|had been|has been|have been|) (found|) shot",
    "found shot",
    "(shot|shot,) (killed|dead|wounded|injured|critically|seriously)",
    "shot (once|twice|multiple times|several times|numerous times|repeatedly)",
    f"(shot|shot,) (left|right|rt|lt|lower|upper|) {_WOUND}",
    "shot by (one|#|four|five|several|multiple|masked|unknown|police|officers|a police|an officer)",
    "(robbed|beaten|stabbed|carjacked|kidnapped|abducted|assaulted) and shot",
    f"(grazed|grazed,) (left|right|rt|lt|lower|upper|) {_WOUND}",
    "fired on by",
)
# Violence only: a person who shot themself is self-harm, not violence (round-1 guide; weapon stays
# raised by the phrases above), read as a look-alike so that "male shot" inside it cannot fire.
HEADLINE_SELF_SHOT = (f"~{_PERSON} (was|) shot (himself|herself|themself|themselves|self)",)
