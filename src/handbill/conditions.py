"""Registered printing conditions by name: their OutputConditionIdentifier, ink limit and data source.

    condition("FOGRA39").identifier   -> "FOGRA39"        (ICC characterization data registry)
    condition("GRACoL2013").identifier -> "CGATS21_CRPC6"

A layout names one with ``[output] condition = "FOGRA39"`` (or ``handbill build --condition FOGRA39``).
The PDF/X OutputIntent then carries the registered identifier with ``RegistryName
(http://www.color.org)``, and a CMYK profile for the condition: the user's file (``icc_profile``), else
the condition's registered reference profile where Debian's non-free ``icc-profiles`` package installed
it (``reference``: ECI's ISOcoated_v2_eci.icc, PSOcoated_v3.icc, PSOuncoated_v3_FOGRA52.icc,
Idealliance's GRACoL2013_CRPC6.icc, GRACoL2006_Coated1v2.icc, SWOP2006_Coated3v2.icc and
SWOP2006_Coated5v2.icc in /usr/share/color/icc; ``scripts/install-system-deps --non-free-profiles``),
else one built by ArgyllCMS's ``colprof`` from the condition's characterization data where Debian main
ships that data (``icc-profiles-free``: FOGRA39L, CGATS TR 003/005/006), else none: then the user must
name the shop's profile (render/profiles.py says so).

Total area coverage (TAC) limits, the most ink the condition's reference separation puts down:

| name       | identifier    | condition (paper)                        | TAC   | source |
|------------|---------------|------------------------------------------|-------|--------|
| FOGRA39    | FOGRA39       | ISO 12647-2:2004/Amd 1, coated, offset   | 330 % | [1]    |
| FOGRA51    | FOGRA51       | ISO 12647-2:2013 PC1, premium coated     | 300 % | [2]    |
| FOGRA52    | FOGRA52       | ISO 12647-2:2013 PC5, wood-free uncoated | 300 % | [3]    |
| GRACoL2013 | CGATS21_CRPC6 | CGATS 21-2 CRPC6, grade 1 coated         | 320 % | [4]    |
| GRACoL2006 | CGATS TR 006  | GRACoL, grade 1 coated                   | 320 % | [4]    |
| SWOP       | CGATS TR 003  | SWOP web offset, grade 3 coated          | 300 % | [4], [5] |
| SWOP5      | CGATS TR 005  | SWOP web offset, grade 5 coated          | 300 % | [4], [5] |

[1] ECI, "ISO Coated v2 (ECI)" profile information sheet (ISOcoated_v2_info.pdf, in Debian non-free
    ``icc-profiles`` 2.1-2 as /usr/share/doc/icc-profiles/ISOcoated_v2_info.pdf.gz): "Total dot area
    330 %", maximum black 95 %; the same in proofing.de's lexicon (tag isocoatedv2: "max. Area
    coverage: 330 % (300 % at ISOcoatedv2 300 %)").
[2] ECI, "PSO Coated v3" information sheet (PSOcoated_v3_info.pdf, same package): "total dot area
    300 %", maximum black 96 %; proofing.de lexicon, "Colour application": PSO Coated v3 "was only
    created and published in a version with a maximum ink coverage of 300 %".
[3] ECI, "PSO Uncoated v3 (FOGRA52)" information sheet (PSOuncoated_v3_FOGRA52_info.pdf, same
    package): "total dot area 300 %". (Not the 260-280 % sometimes quoted for uncoated paper: that
    is GRACoL 2013 uncoated, CRPC3, whose profile reaches 279-282 % by the measurement of [4].)
[4] Idealliance publishes no TAC figure in its GRACoL/SWOP 2013 introductions (also in that package);
    the limits are those of its registered reference profiles there, measured by LittleCMS as the
    most ink over a dense grid of dark Lab colours (perceptual / relative colorimetric):
    GRACoL2013_CRPC6.icc 320.0 / 316.9 %, GRACoL2006_Coated1v2.icc 320.4 / 323.1 %,
    SWOP2006_Coated3v2.icc 300.4 / 303.5 %, SWOP2006_Coated5v2.icc 300.4 / 304.3 % (ISO Coated v2:
    328.6 / 330.6 %, PSO Coated v3: 300.8 / 300.4 %, PSO Uncoated v3: 298.8 / 300.4 %, matching [1-3]).
[5] Graphic Arts Magazine, "Preparing images for press" (2010): the US Web Coated (SWOP) profile
    "puts down an ink volume close to 300 % total area coverage in the darkest tones".

A shop may ask for less, which ``[output] ink_limit`` sets.
"""

from __future__ import annotations

from dataclasses import dataclass

REGISTRY = "http://www.color.org"
CHARACTERIZATION_DIRS = ("/usr/share/color/icc",)  # Debian's icc-profiles-free (data) and icc-profiles (profiles)
REFERENCE_PACKAGE = "icc-profiles"  # Debian non-free: the registered reference profiles, unaltered


@dataclass(frozen=True)
class Condition:
    """A registered printing condition.

    Attributes:
        name: what a layout writes (``FOGRA39``).
        identifier: the ICC registry's OutputConditionIdentifier.
        description: the OutputCondition text (what the condition is).
        tac: the total area coverage limit in percent.
        data: the characterization data file (``.ti3``) a Debian package ships, or "" when none does.
        package: the Debian package with that data.
        reference: the registered reference profile (``PSOcoated_v3.icc``) in Debian's non-free
            ``icc-profiles``, used when installed.
    """

    name: str
    identifier: str
    description: str
    tac: float
    data: str = ""
    package: str = ""
    profile_hint: str = ""  # the profile a shop would send, for messages
    reference: str = ""  # the registered reference profile's file name, as Debian's icc-profiles installs it


CONDITIONS: dict[str, Condition] = {c.name.lower(): c for c in (
    Condition("FOGRA39", "FOGRA39", "Offset printing, ISO 12647-2:2004/Amd 1, paper type 1 or 2 (coated art), "
              "115 g/m2, tone value increase curves A (CMY) and B (K)", 330, "FOGRA39L.ti3", "icc-profiles-free",
              "ISOcoated_v2_eci.icc or CoatedFOGRA39.icc", reference="ISOcoated_v2_eci.icc"),
    Condition("FOGRA51", "FOGRA51", "Offset printing, ISO 12647-2:2013, paper type PC1 (premium coated), "
              "M1 measurement", 300, profile_hint="PSOcoated_v3.icc (ECI)", reference="PSOcoated_v3.icc"),
    Condition("FOGRA52", "FOGRA52", "Offset printing, ISO 12647-2:2013, paper type PC5 (wood-free uncoated), "
              "M1 measurement", 300, profile_hint="PSOuncoated_v3_FOGRA52.icc (ECI)",
              reference="PSOuncoated_v3_FOGRA52.icc"),
    Condition("GRACoL2013", "CGATS21_CRPC6", "GRACoL 2013, CGATS 21-2 characterized reference printing "
              "condition CRPC6 (grade 1 coated)", 320, profile_hint="GRACoL2013_CRPC6.icc (Idealliance)",
              reference="GRACoL2013_CRPC6.icc"),
    Condition("GRACoL2006", "CGATS TR 006", "GRACoL printing on grade 1 coated paper, ISO 12647-2 paper type 1 "
              "(CGATS TR 006-2007)", 320, "TR006.ti3", "icc-profiles-free", "GRACoL2006_Coated1v2.icc",
              reference="GRACoL2006_Coated1v2.icc"),
    Condition("SWOP", "CGATS TR 003", "SWOP web offset on grade 3 coated paper (CGATS TR 003-2007)", 300,
              "TR003.ti3", "icc-profiles-free", "SWOP2006_Coated3v2.icc", reference="SWOP2006_Coated3v2.icc"),
    Condition("SWOP5", "CGATS TR 005", "SWOP web offset on grade 5 coated paper (CGATS TR 005-2007)", 300,
              "TR005.ti3", "icc-profiles-free", "SWOP2006_Coated5v2.icc", reference="SWOP2006_Coated5v2.icc"),
)}


def condition(name: str) -> Condition | None:
    """The condition of that name (any case), or None."""
    return CONDITIONS.get(name.lower())


def condition_names() -> list[str]:
    """The names a layout or ``--condition`` may give."""
    return [c.name for c in CONDITIONS.values()]
