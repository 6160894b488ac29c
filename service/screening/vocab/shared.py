"""Word groups that several flags' phrases share (people, relations, body parts, drugs...).

In the term language of service.screening.terms: each is one "(a|b|...)" group, or a tuple of
phrases (NOT_WEAPON). Kept apart so that every flag's module reads them from one place.
"""

from __future__ import annotations

__all__ = [
    "ADJ", "AMOUNT", "BLUNT", "BODY", "DET", "DONT", "DRUGS", "HURT_VERBS", "NOT_WEAPON", "PRON", "REL",
    "SELF", "SHOT_PEOPLE",
    "SWUNG",
]

DONT = "(don't|dont|do not|doesn't|doesnt|does not|didn't|didnt|did not)"
# People (and pets) a violent verb can be aimed at. "himself"/"herself" are deliberately absent:
# harm aimed at oneself is the suicidal flag, and the word boundary keeps "him" from matching them.
PRON = (
    "(him|her|them|me|us|you|someone|somebody|anyone|anybody|everyone|everybody|people|others|rp|caller"
    "|each other|one another|the other|other kids|other people|staff|compl|complainant|comp|vic|victim)"
)
DET = "(his|her|their|my|the|a|an|other|some|two|random|our|your)"
REL = (
    "(wife|husband|girlfriend|boyfriend|gf|bf|mom|mother|dad|father|son|daughter|brother|sister|kid|kids"
    "|child|children|baby|partner|roommate|neighbor|neighbors|grandmother|grandma|grandfather|grandpa|aide"
    "|home aide|caregiver|friend|family|ex|cashier|clerk|customer|customers|staff|security|guard|officer"
    "|driver|employee|employees|teacher|student|students|nurse|doctor|worker|manager|owner|tenant|patron"
    "|bartender|bouncer|man|woman|guy|lady|male|female|juvenile|juveniles|victim|dog|cat|pet|rp|caller|compl"
    "|complainant|comp|vic|subj|subject|susp|suspect|fem|juv|juvs|resident|patient|pt|person|people"
    # CAD race-and-sex codes ("BF" is also boyfriend: all of them, so that none reads differently),
    # and the words for people by where they live.
    "|wm|bm|hm|am|wf|hf|af|w/m|b/m|h/m|a/m|w/f|b/f|h/f|a/f|homeowner|renter|transient|transients|homeless"
    "|unhoused|occupant|guest|residents|tenants|camper|campers|gal|boy|girl|boys|girls|uncle|aunt|nephew"
    "|niece|grandson|granddaughter|gentleman|unsheltered"
    # Gender words of two or three words read as one person, as "man" does: otherwise their extra
    # words used up the describing words allowed before the person, and the same act against a
    # "gender nonconforming person" went unread where against a "man" it was read (equity test).
    # People as police reports name them ("took property from an individual", "from two men").
    "|individual|individuals|victims|men|women|persons|pedestrian|pedestrians|passenger|passengers"
    "|trans woman|trans man|transgender woman|transgender man|nonbinary person|gender nonconforming person)"
)
HURT_VERBS = (
    "(hit|hitting|hits|punch*|kick|kicks|kicked|kicking|slap*|shov*|push|pushed|pushes|pushing|chok*"
    "|strangl*|grab|grabbed|grabbing|beat|beats|beating|beaten|attack|attacks|attacked|attacking|abus*"
    "|assault*|bit|bite|bites|biting|threaten*|chased|chasing|chases|hurt|hurting|harm|harming|kill|killing"
    "|kills|shoot"
    "|shooting|shot|stab|stabbing|stabbed|murder*|rape|raped|raping|molest*|spit on|spat on|came at"
    "|coming at|comes at|went after|going after|goes after|lunge* at|lunging at|charg* at|swing* at"
    "|swung at|jumped|jump|beating on|beat on|wailing on|whaling on|smack*|struck|strikes|striking|punched on"
    "|slammed|tackled|body slammed|headbutt*|head butt*|stomp*|pistol whipped|pistol whip*)"
)
# Things that are weapons once someone holds them ("with a bat"), and more that only count when
# swung or waved: "with a bottle" is usually someone drinking.
BLUNT = (
    "(bat|baseball bat|hammer|crowbar|tire iron|golf club|pipe|lead pipe|metal pipe|screwdriver|wrench"
    "|frying pan|shovel|club|chain|stick|2x4|fire extinguisher|pickaxe|meat cleaver|cleaver)"
)
SWUNG = BLUNT[:-1] + "|board|brick|rock|bottle|cane|chair|belt)"
# Shared by weapon and violence: the gun and knife words in everyday, harmless senses.
NOT_WEAPON = (
    "~(nail|glue|staple|heat|caulk|caulking|spray|hot glue|radar|price|massage|tattoo) gun*",
    "~(flu|booster|vaccine|covid|insulin|b12|allergy) shot*", "~shot (of|glass)", "~(photo|film) shoot*",
    "~(did|doing|tequila|vodka|whiskey|jello) shots", "~(shoulder|wiper|fan) blade*", "~blade of grass",
    "~shooting (pain|pains|star|range)", "~stabbing (pain|pains)", "~armed (forces|services)",
)
BODY = (
    "(arm|arms|leg|legs|head|hand|hands|hip|back|knee|ankle|wrist|foot|feet|face|nose|eye|jaw|neck|shoulder"
    "|finger|fingers|rib|ribs|toe|chest|forehead|lip|mouth)"
)
DRUGS = (
    "(pills|meds|medication|medications|tylenol|xanax|advil|ibuprofen|oxy|oxys|percocet|sleeping pills"
    "|insulin|aspirin|antidepressants|painkillers|pain pills|benadryl|lithium|seroquel|adderall|prescription"
    "|tablets)"
)
# A quantity between a verb and what it takes ("took 30 of her pills", "swallowed a bunch of
# pills"), or none ("took pills").
AMOUNT = (
    "(a bunch of|too many|a handful of|a lot of|an entire bottle of|a bottle of|the whole bottle of|all of"
    "|all|some|# of|#|a few|a few of|several|many|lots of|multiple|a couple|a couple of|half a bottle of"
    "|half of|most of|more|extra|a large amount of|a large number of|a large quantity of|a lot of his"
    "|a lot of her|an unknown amount of|unknown amount of|an unknown number of|unk amount of|unk # of"
    "|the rest of|the whole bottle|a whole bottle of|a full bottle of|an entire|a large|large amount of"
    "|numerous|x #|# or # of|# to # of|#-# of|)"
)
# One optional word between a determiner and a noun ("a metal pipe", "his sleeping pills"); two of
# them before a person ("hit the trans woman", "kicked a Puerto Rican male") so that how many words
# describe someone never decides whether hitting them is violence.
# Any one word, or none; a two-word ethnicity counts as one word, as "white" or "Black" does, so that
# it cannot use up the describing words allowed before a person (equity test: race).
ADJ = (
    "(african american|asian american|native american|american indian|alaska native|native hawaiian"
    "|pacific islander|middle eastern|*|)"
)
SELF = "(him|her|them|my|your|our|one)(self|selves)"
# People shot, counted ("1 victim shot", "two individuals shot", "several people were shot"): a
# number first, as "shot" alone is as often a flu shot; both sexes and every plural, so that which
# word names the people never decides the flag (equity test).
SHOT_PEOPLE = (
    "(1|2|3|4|5|one|two|three|four|five|several|multiple) (person|people|persons|victim|victims|male|males"
    "|female|females|man|men|woman|women|individual|individuals|subject|subjects|juvenile|juveniles)"
    " (was|were|) shot"
)
