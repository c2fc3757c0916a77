"""A CMYK output profile for a registered condition: its reference profile if installed, else one built
from the characterization data Debian ships.

    reference_profile(condition("FOGRA51"))   # /usr/share/color/icc/PSOcoated_v3.icc, or None

    data = built_profile(condition("FOGRA39"))   # ICC v2 bytes, 'prtr' CMYK, description "FOGRA39 ..."

The registered reference profiles are in Debian's non-free ``icc-profiles`` (2.1-2: ECI's and
Idealliance's, unaltered, as their licences ask); when it is installed, ``reference_profile`` finds them
and render/pdfx.py embeds them. No such profile is packaged in Debian main, but the registered
characterization data of four conditions is (``icc-profiles-free``: ``FOGRA39L.ti3``, ``TR003.ti3``, ``TR005.ti3``,
``TR006.ti3``). ArgyllCMS's ``colprof`` (Debian ``argyll``) is the tool made to turn such data into an
output profile; handbill runs it once (about 4 s, low quality: a smooth table, fine for converting
images and for proofing) with the condition's ink limit less ROUNDING_MARGIN, and keeps the result in its
cache. The margin is there because pixels are converted to 8 bits per ink: LittleCMS rounds each of the
four channels by up to half a step, so a table built exactly at 300 % turned sRGB black into 766/255 =
300.4 % on SWOP grade 5 (measured through Ghostscript's separations); built at 299 %, the darkest
colour of every condition stays within its limit (FOGRA39 327.5 %, GRACoL 318.4 %, SWOP 298.4 %, SWOP5
299.2 %, by LittleCMS over an sRGB and a Lab grid, both intents). colprof
writes the time of day into the header; handbill sets a fixed date there, so the same data and the
same colprof give the same bytes.
"""

from __future__ import annotations

import hashlib
import shutil
import struct
import subprocess
import tempfile
from functools import lru_cache
from pathlib import Path

from handbill.cache import cached_bytes, read_regular
from handbill.conditions import CHARACTERIZATION_DIRS, REFERENCE_PACKAGE, Condition, condition
from handbill.errors import HandbillError
from handbill.model import PrintSpec

MAX_DATA_BYTES = 5_000_000  # a characterization data set is 100-300 kB
MAX_ICC_BYTES = 20_000_000
COLPROF_ARGS = ("-ql", "-kr")  # low quality tables, black generation on a ramp (colprof's default)
ROUNDING_MARGIN = 1.0  # percent under the condition's limit the table is built to (8-bit rounding, see above)
FIXED_DATE = (2000, 1, 1, 0, 0, 0)  # header creation date of built profiles, for byte-identical output


def condition_limit(spec: PrintSpec | None) -> float | None:
    """The ink limit of the file's registered condition, which converted pixels are held to; None without one."""
    cond = condition(spec.condition) if spec is not None and spec.color == "cmyk" and spec.condition else None
    return cond.tac if cond is not None else None


def reference_profile(cond: Condition) -> Path | None:
    """The condition's registered reference profile where Debian's non-free ``icc-profiles`` installed it."""
    if not cond.reference:
        return None
    for folder in CHARACTERIZATION_DIRS:
        path = Path(folder) / cond.reference
        if path.is_file():
            return path
    return None


def characterization_data(cond: Condition) -> Path | None:
    """The condition's ``.ti3`` file where a Debian package installed it, else None."""
    if not cond.data:
        return None
    for folder in CHARACTERIZATION_DIRS:
        path = Path(folder) / cond.data
        if path.is_file():
            return path
    return None


@lru_cache(maxsize=8)
def built_profile(cond: Condition) -> tuple[bytes, Path]:
    """The condition's profile built from its characterization data (cached), and the data's path.

    Raises:
        HandbillError: no data for the condition, or colprof missing or failing; the message says which
            package to install or which profile to name instead.
    """
    data_path = characterization_data(cond)
    if data_path is None:
        where = f"Debian's {cond.package} ({cond.data})" if cond.data else "no Debian package"
        raise HandbillError(
            f"no profile for {cond.name}: its characterization data comes with {where}, which is not installed"
            if cond.data else f"no profile for {cond.name}: {where} ships one or its characterization data",
            hint=f"name the print shop's profile ({cond.profile_hint}) with [output] icc_profile = \"...\" in the "
                 "layout" + (f", or install {cond.package}" if cond.package else "")
                 + (f", or install Debian's non-free {REFERENCE_PACKAGE} ({cond.reference}: "
                    "scripts/install-system-deps --non-free-profiles)" if cond.reference else ""))
    ti3 = read_regular(data_path, MAX_DATA_BYTES, follow_links=True)
    if ti3 is None:
        raise HandbillError("cannot read the characterization data", file=data_path)
    tool = shutil.which("colprof")
    args = (*COLPROF_ARGS, f"-l{cond.tac - ROUNDING_MARGIN:g}")
    key = hashlib.sha256(b"|".join([ti3, " ".join(args).encode(), cond.name.encode()])).hexdigest()[:24]

    def build() -> bytes:
        if tool is None:
            raise HandbillError(f"building the {cond.name} profile needs ArgyllCMS's colprof, which is not installed",
                                hint="install the Debian package argyll (scripts/install-system-deps), or name "
                                     f"the print shop's profile ({cond.profile_hint}) with [output] icc_profile")
        return _colprof(tool, ti3, args, cond)

    return cached_bytes("icc-built", key, build, limit=MAX_ICC_BYTES, valid=_is_cmyk_output), data_path


def description(cond: Condition) -> str:
    """The description written into a built profile: names the condition first, then where it came from."""
    return (f"{cond.name} ({cond.identifier}), from {cond.data} by ArgyllCMS colprof, TAC {cond.tac:g}% "
            f"(table built to {cond.tac - ROUNDING_MARGIN:g}%)")


def _colprof(tool: str, ti3: bytes, args: tuple[str, ...], cond: Condition) -> bytes:
    with tempfile.TemporaryDirectory(prefix="handbill-icc-") as folder:
        base = Path(folder) / "data"
        base.with_suffix(".ti3").write_bytes(ti3)
        out = Path(folder) / "profile.icc"
        try:
            subprocess.run([tool, *args, "-D", description(cond), "-C", "characterization data: "
                            f"{cond.data} ({cond.package})", "-O", str(out), str(base)],
                           check=True, capture_output=True, timeout=600)
        except subprocess.CalledProcessError as exc:
            message = exc.stderr.decode("utf-8", "replace").strip().splitlines()[-1:] or ["no message"]
            raise HandbillError(f"colprof could not build the {cond.name} profile: {message[0]}") from None
        except subprocess.TimeoutExpired:
            raise HandbillError(f"colprof took more than 10 minutes to build the {cond.name} profile") from None
        return fix_date(out.read_bytes())


def fix_date(data: bytes) -> bytes:
    """The profile with a fixed creation date in its header (and its profile ID recomputed if it has one)."""
    fixed = bytearray(data)
    fixed[24:36] = struct.pack(">6H", *FIXED_DATE)
    if any(fixed[84:100]):  # ICC v4 profile ID: MD5 with flags, intent and the ID itself zeroed
        probe = bytearray(fixed)
        probe[44:48] = probe[64:68] = b"\0" * 4
        probe[84:100] = b"\0" * 16
        fixed[84:100] = hashlib.md5(bytes(probe)).digest()
    return bytes(fixed)


def _is_cmyk_output(data: bytes) -> bool:
    return len(data) > 132 and data[36:40] == b"acsp" and data[12:20] == b"prtrCMYK"
