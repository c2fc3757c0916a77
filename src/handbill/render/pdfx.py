"""PDF/X: the output intent with its embedded CMYK profile, the version keys, and XMP metadata.

A PDF/X-4 file (ISO 15930-7) or PDF/X-1a:2003 file (ISO 15930-4) as handbill writes it:

- ``/OutputIntents [<< /S /GTS_PDFX /OutputConditionIdentifier (...) /DestOutputProfile <ICC> >>]``
  in the catalog, the profile a CMYK output ("prtr") profile;
- Info ``/GTS_PDFXVersion (PDF/X-4)``, ``/Trapped /False``, Title, CreationDate = ModDate;
- an uncompressed XMP ``/Metadata`` stream repeating them (``pdfxid:GTS_PDFXVersion``, ``xmp:CreateDate``
  ...), which PDF/X-4 requires and PDF/X-1a tolerates;
- TrimBox and BleedBox on every page, every font embedded, no DeviceRGB, no transparency (finish.py,
  pdffont.py, colour.py).

The profile, in this order: the print shop's file named in the layout (``[output] icc_profile =
"profiles/ISOcoated_v2_eci.icc"``); for a registered condition (``[output] condition = "FOGRA39"``,
conditions.py) its registered reference profile where Debian's non-free ``icc-profiles`` installed it,
else one built from its characterization data (render/profiles.py); else Ghostscript's
``default_cmyk.icc`` ("Artifex CMYK SWOP Profile", Debian package ``libgs-common``, AGPL-3.0-or-later like
Ghostscript). Profiles are read at build time, never stored in the repository.

A registered condition gives the intent its registry identifier (``FOGRA39``, ``CGATS TR 006`` ...) and
``RegistryName (http://www.color.org)``; an unregistered profile gives ``Custom`` (or the layout's
``output_condition``) and no registry. ``pdfx = "PDF/X-4p"`` references the profile instead of embedding
it (ISO 15930-7 annex: ``/DestOutputProfileRef`` with the profile's name, ICC version, colorants, URL
and MD5 checksum), for a profile the shop has and may not be passed on.
"""

from __future__ import annotations

import datetime
import hashlib
import struct
import zlib
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from reportlab.pdfbase import pdfdoc

from handbill.cache import cached_bytes, read_regular
from handbill.conditions import REGISTRY, condition
from handbill.errors import HandbillError
from handbill.model import ComposedDocument, PrintSpec
from handbill.render.profiles import built_profile, reference_profile


def escape(text: str) -> str:
    """Text for XML content (xml.sax.saxutils would pull in urllib, http and ssl: 12 ms of imports)."""
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")

DEFAULT_PROFILES = (
    Path("/usr/share/color/icc/ghostscript/default_cmyk.icc"),
    Path("/usr/share/ghostscript/iccprofiles/default_cmyk.icc"),
)
MAX_ICC_BYTES = 20_000_000  # a CMYK output profile is 0.5 to 5 MB; a larger file is refused, not read whole
PDF_VERSIONS = {"PDF/X-4": (1, 6), "PDF/X-4p": (1, 6), "PDF/X-1a": (1, 4)}
INFO_VERSION = {"PDF/X-4": "PDF/X-4", "PDF/X-4p": "PDF/X-4p", "PDF/X-1a": "PDF/X-1a:2003"}


@dataclass(frozen=True)
class Profile:
    """An ICC output profile: its bytes, description and file."""

    path: Path
    data: bytes
    description: str


def find_profile(spec: PrintSpec) -> Profile:
    """The layout's profile, else the condition's, else the default one; an error says which package or key
    gives one."""
    if spec.icc_profile is not None:
        return read_profile(spec.icc_profile)
    cond = condition(spec.condition) if spec.condition else None
    reference = reference_profile(cond) if cond is not None else None
    if reference is not None:
        return read_profile(reference)
    if cond is not None:
        data, source = built_profile(cond)
        return Profile(source, data, _description(data) or cond.name)
    for candidate in DEFAULT_PROFILES:
        if candidate.is_file():
            return read_profile(candidate)
    raise HandbillError(
        "no CMYK output profile for PDF/X: the default (Ghostscript's default_cmyk.icc) is not installed",
        file=DEFAULT_PROFILES[0],
        hint="install the Debian package libgs-common (it comes with ghostscript), name a profile with "
             "[output] icc_profile in the layout, or set [output] pdfx = \"none\"",
    )


@lru_cache(maxsize=8)
def read_profile(path: Path) -> Profile:
    """Read and check an ICC profile: it must be a CMYK output (printer) profile."""
    data = read_regular(path, MAX_ICC_BYTES, follow_links=True)  # never a FIFO, device or a file larger than the cap
    if data is None:
        raise HandbillError(f"cannot read the ICC profile: not a regular file of at most {MAX_ICC_BYTES:,} bytes",
                            file=path, hint="give a .icc file from the print shop (a few megabytes at most)")
    if len(data) < 132 or data[36:40] != b"acsp":
        raise HandbillError("not an ICC profile", file=path, hint="give a .icc file from the print shop")
    if data[16:20] != b"CMYK" or data[12:16] != b"prtr":
        raise HandbillError(f"not a CMYK output profile (class {data[12:16].decode('latin-1')!r}, "
                            f"colour space {data[16:20].decode('latin-1').strip()!r})", file=path,
                            hint="PDF/X needs the printing condition's CMYK profile, e.g. FOGRA39 or GRACoL")
    return Profile(path, data, _description(data) or path.stem)


def _description(data: bytes) -> str:
    """The profile's 'desc' tag (ICC v2 textDescriptionType or v4 multiLocalizedUnicodeType)."""
    count = struct.unpack(">I", data[128:132])[0]
    for i in range(min(count, 200)):
        sig, offset, size = struct.unpack(">4sII", data[132 + 12 * i:144 + 12 * i])
        if sig != b"desc":
            continue
        tag = data[offset:offset + size]
        if tag[:4] == b"desc":
            length = struct.unpack(">I", tag[8:12])[0]
            return tag[12:12 + length].rstrip(b"\0").decode("latin-1").strip()
        if tag[:4] == b"mluc":
            rec_size, rec_len, rec_off = struct.unpack(">I", tag[12:16])[0], *struct.unpack(">II", tag[20:28])
            if rec_size >= 12:
                return tag[rec_off:rec_off + rec_len].decode("utf-16-be", "replace").rstrip("\0").strip()
    return ""


def pdf_version(spec: PrintSpec) -> tuple[int, int]:
    """The PDF version a file for this spec declares."""
    return PDF_VERSIONS.get(spec.pdfx, (1, 6))


class PrintInfo(pdfdoc.PDFInfo):
    """ReportLab's Info dictionary with the PDF/X keys added (``GTS_PDFXVersion``)."""

    extra: dict[str, str]

    def __init__(self, base: pdfdoc.PDFInfo, extra: dict[str, str]) -> None:
        super().__init__()
        self.__dict__.update(base.__dict__)
        self.extra = extra

    def format(self, document: pdfdoc.PDFDocument) -> bytes:
        """The Info dictionary: ReportLab's keys, then ours."""
        date = pdfdoc.PDFDate(ts=document._timeStamp, dateFormatter=self._dateFormatter)
        entries = {
            "Title": pdfdoc.PDFString(self.title), "Author": pdfdoc.PDFString(self.author),
            "Subject": pdfdoc.PDFString(self.subject), "Keywords": pdfdoc.PDFString(self.keywords),
            "Creator": pdfdoc.PDFString(self.creator), "Producer": pdfdoc.PDFString(self.producer),
            "CreationDate": date, "ModDate": date, "Trapped": pdfdoc.PDFName(self.trapped),
        }
        entries.update({key: pdfdoc.PDFString(value) for key, value in self.extra.items()})
        return pdfdoc.PDFDictionary(entries).format(document)


@lru_cache(maxsize=4)
def compressed_profile(data: bytes) -> bytes:
    """The profile deflated, from the disk cache when an earlier process made it."""
    key = hashlib.sha256(data).hexdigest()[:24]
    return cached_bytes("icc", key, lambda: zlib.compress(data, 9), limit=MAX_ICC_BYTES,
                        valid=lambda packed: _inflates_to(packed, data))


def _inflates_to(packed: bytes, data: bytes) -> bool:
    """True if a cached deflated profile gives back exactly the profile (inflating no more than that)."""
    inflater = zlib.decompressobj()
    return inflater.decompress(packed, len(data) + 1) == data and inflater.eof


def apply_pdfx(doc: pdfdoc.PDFDocument, document: ComposedDocument, creator: str, producer: str,
               rendition: str = "") -> None:
    """Make the ReportLab document a PDF/X file as the composed document's output spec asks."""
    spec = document.output
    if not spec.pdfx:
        return
    profile = find_profile(spec)
    cond = condition(spec.condition) if spec.condition else None
    entries: dict[str, object] = {"Type": pdfdoc.PDFName("OutputIntent"), "S": pdfdoc.PDFName("GTS_PDFX")}
    if cond is not None:
        entries["OutputConditionIdentifier"] = pdfdoc.PDFString(cond.identifier)
        entries["OutputCondition"] = pdfdoc.PDFString(cond.description)
        entries["RegistryName"] = pdfdoc.PDFString(REGISTRY)
    else:
        entries["OutputConditionIdentifier"] = pdfdoc.PDFString(spec.output_condition or "Custom")
        entries["OutputCondition"] = pdfdoc.PDFString(profile.description)
    entries["Info"] = pdfdoc.PDFString(profile.description)
    if spec.pdfx == "PDF/X-4p":
        entries["DestOutputProfileRef"] = profile_reference(profile)
    else:
        # the profile is compressed once and kept (it is the same in every file): a 0.5 MB deflate per PDF
        # would cost more than the rest of a poster
        icc = pdfdoc.PDFStream(dictionary=pdfdoc.PDFDictionary({"N": 4, "Filter": pdfdoc.PDFName("FlateDecode")}),
                               content=compressed_profile(profile.data))
        entries["DestOutputProfile"] = doc.Reference(icc)
    intent = pdfdoc.PDFDictionary(entries)
    catalog = doc.Catalog
    catalog.__NoDefault__ = [*catalog.__NoDefault__, "OutputIntents"]
    catalog.OutputIntents = pdfdoc.PDFArray([doc.Reference(intent)])
    version = INFO_VERSION[spec.pdfx]
    doc.info = PrintInfo(doc.info, {"GTS_PDFXVersion": version})
    doc.info.trapped = "False"
    catalog.Metadata = metadata_stream(xmp_packet(document, version, creator, producer, rendition))


def profile_reference(profile: Profile) -> pdfdoc.PDFDictionary:
    """A PDF/X-4p ``DestOutputProfileRef``: the profile named, located and fingerprinted, not embedded."""
    major, minor = profile.data[8], profile.data[9] >> 4
    return pdfdoc.PDFDictionary({
        "ProfileName": pdfdoc.PDFString(profile.description),
        "ProfileCS": pdfdoc.PDFString("CMYK"),
        "ICCVersion": pdfdoc.PDFString(f"{major}.{minor}"),
        "CheckSum": b"<" + hashlib.md5(profile.data).hexdigest().upper().encode() + b">",  # 16 bytes, hex
        "ColorantTable": pdfdoc.PDFArray([pdfdoc.PDFName(n) for n in ("Cyan", "Magenta", "Yellow", "Black")]),
        "URLs": pdfdoc.PDFArray([pdfdoc.PDFDictionary({"FS": pdfdoc.PDFName("URL"),
                                                       "F": pdfdoc.PDFString(profile.path.name)})]),
    })


def xmp_packet(document: ComposedDocument, version: str, creator: str, producer: str, rendition: str = "") -> str:
    """XMP metadata matching the Info dictionary, with the PDF/X version (ISO 15930-7 6.7.5)."""
    created = xmp_date(document.created)
    # a rendition (the imposed sheets) is a document of its own: its own DocumentID, same inputs same ID
    ident = hashlib.sha256(f"{document.name}|{document.title}|{created}|{rendition}".rstrip("|").encode()).hexdigest()
    uuid = f"uuid:{ident[:8]}-{ident[8:12]}-{ident[12:16]}-{ident[16:20]}-{ident[20:32]}"
    return xmp(document, creator, producer, {
        "xmpMM": "http://ns.adobe.com/xap/1.0/mm/", "pdfxid": "http://www.npes.org/pdfx/ns/id/",
        "pdfx": "http://ns.adobe.com/pdfx/1.3/",
    }, [
        "<pdf:Trapped>False</pdf:Trapped>",
        f"<xmpMM:DocumentID>{uuid}</xmpMM:DocumentID>",
        f"<xmpMM:InstanceID>{uuid}</xmpMM:InstanceID>",
        "<xmpMM:VersionID>1</xmpMM:VersionID>",
        "<xmpMM:RenditionClass>default</xmpMM:RenditionClass>",
        f"<pdfxid:GTS_PDFXVersion>{version}</pdfxid:GTS_PDFXVersion>",
        f"<pdfx:GTS_PDFXVersion>{version}</pdfx:GTS_PDFXVersion>",
    ])


def xmp(document: ComposedDocument, creator: str, producer: str, namespaces: dict[str, str],
        properties: list[str]) -> str:
    """An XMP packet saying what the Info dictionary says (title, subject, language, dates, tools), with a
    standard's own namespaces and properties after them (PDF/X's version here, PDF/UA's part in pdfua.py)."""
    created = xmp_date(document.created)
    declared = {"dc": "http://purl.org/dc/elements/1.1/", "xmp": "http://ns.adobe.com/xap/1.0/",
                "pdf": "http://ns.adobe.com/pdf/1.3/", **namespaces}
    xmlns = "".join(f'\n  xmlns:{prefix}="{uri}"' for prefix, uri in declared.items())
    own = "".join(f"\n{line}" for line in properties)
    return f"""<?xpacket begin="\ufeff" id="W5M0MpCehiHzreSzNTczkc9d"?>
<x:xmpmeta xmlns:x="adobe:ns:meta/">
<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">
<rdf:Description rdf:about=""{xmlns}>
<dc:format>application/pdf</dc:format>
<dc:title><rdf:Alt><rdf:li xml:lang="x-default">{escape(document.title)}</rdf:li></rdf:Alt></dc:title>
<dc:description><rdf:Alt><rdf:li xml:lang="x-default">{escape(document.subject)}</rdf:li></rdf:Alt></dc:description>
<dc:language><rdf:Bag><rdf:li>{escape(document.lang)}</rdf:li></rdf:Bag></dc:language>
<xmp:CreateDate>{created}</xmp:CreateDate>
<xmp:ModifyDate>{created}</xmp:ModifyDate>
<xmp:MetadataDate>{created}</xmp:MetadataDate>
<xmp:CreatorTool>{escape(creator)}</xmp:CreatorTool>
<pdf:Producer>{escape(producer)}</pdf:Producer>{own}
</rdf:Description>
</rdf:RDF>
</x:xmpmeta>
<?xpacket end="w"?>"""


def metadata_stream(packet: str) -> pdfdoc.PDFStream:
    """The catalog's /Metadata: an XMP packet, uncompressed (as PDF/X and PDF/UA readers expect)."""
    return pdfdoc.PDFStream(
        dictionary=pdfdoc.PDFDictionary({"Type": pdfdoc.PDFName("Metadata"), "Subtype": pdfdoc.PDFName("XML")}),
        content=packet.encode("utf-8"), filters=None)


def info_date(created: datetime.datetime) -> str:
    """The Info dictionary's date string for a creation time (UTC)."""
    return created.astimezone(datetime.UTC).strftime("D:%Y%m%d%H%M%S+00'00'")


def xmp_date(created: datetime.datetime) -> str:
    """A creation time as XMP writes dates (UTC, ISO 8601 with offset)."""
    return created.astimezone(datetime.UTC).strftime("%Y-%m-%dT%H:%M:%S+00:00")
