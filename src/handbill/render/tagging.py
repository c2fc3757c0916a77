"""The tagged PDF: a structure tree over marked content, and artifacts (ISO 32000-1 14.6-14.8, PDF/UA-1).

ReportLab writes no structure tree, so handbill adds the objects itself. While pages are drawn, each
line of text is wrapped in marked content with an MCID, numbered per page in reading order, and
everything that is not content is an artifact; when the file is saved, the tree is written:

    Catalog        /MarkInfo <</Marked true>>  /StructTreeRoot R
    StructTreeRoot /K [Document]  /ParentTree <</Nums [0 [P H1 P ...] 1 [...]]>>  /ParentTreeNextKey n
    Document       /K [P P H1 P L BlockQuote Figure ...]      paragraphs in reading order
    L              /K [LI LI ...]       LI /K [Lbl LBody]     consecutive list items of one block
    Figure         /Alt (what the logo shows) or /Alt (https://...) for a QR code, /A <</O /Layout /BBox>>
    P, H1, H2, LBody /ActualText (the paragraph as written): what a screen reader says
    an element     /Lang (ar) when its language is not the document's
    page           /StructParents i
    content        /P <</MCID 3>> BDC BT ... ET EMC          a line of a paragraph (H1, LI's LBody ...)
                   /Span <</MCID 4 /ActualText <...>>> BDC   a glyph run read as its ActualText (actualtext.py)
                   /Artifact BMC ... EMC                     backgrounds, rules, crop marks, slug line

Reading order is the layout's frame order, then paragraph order within a frame (compose gives each
line a ``TextTag``); a right-to-left version is read in logical order, because its glyphs are written
in logical order. Every element uses a standard structure type, so no role map is needed.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from reportlab.pdfbase import pdfdoc

from handbill.lines import PlacedGlyph
from handbill.model import ComposedDocument, PlacedCode, PlacedImage, PlacedLine
from handbill.render.actualtext import pieces, text_string

ARTIFACT = "/Artifact BMC"
END = "EMC"

# (frame rank, paragraph index, part): a figure is (rank, -1, ""); a list item's label and body are
# parts "Lbl" and "LBody" of the item (rank, index, "")
Key = tuple[int, int, str]


@dataclass
class _Node:
    """A structure element being collected: its type, language, alt text, and marked content."""

    role: str
    lang: str = ""
    alt: str = ""
    bbox: tuple[float, float, float, float] | None = None
    content: list[tuple[int, int]] = field(default_factory=list)  # (page index, MCID)
    text: str = ""  # the paragraph's text as written: its /ActualText


class Tagger:
    """Marked content while pages are drawn, and the structure tree when the file is saved.

    Args:
        lang: the document's language (elements in another language get their own /Lang).
    """

    def __init__(self, lang: str) -> None:
        self.lang = lang
        self.nodes: dict[Key, _Node] = {}
        self.pages: list[list[Key]] = []  # per page: the node of each MCID, in order
        self.offset = (0.0, 0.0)

    def begin_page(self, left: float = 0.0, bottom: float = 0.0) -> None:
        """Start a page whose trim's bottom-left corner is at (left, bottom) in page space."""
        self.pages.append([])
        self.offset = (left, bottom)

    def _mark(self, key: Key, role: str, node: _Node, actual: str | None = None) -> str:
        """Give the next MCID of the page to a node (made if new); the BDC operator that opens it (with
        the /ActualText of a span, render/actualtext.py)."""
        known = self.nodes.setdefault(key, node)
        mcids = self.pages[-1]
        known.content.append((len(self.pages) - 1, len(mcids)))
        mcids.append(key)
        if actual is not None:
            return f"/Span <</MCID {len(mcids) - 1} /ActualText {text_string(actual)}>> BDC"
        return f"/{role} <</MCID {len(mcids) - 1}>> BDC"

    def line_spans(self, placed: PlacedLine) -> list[tuple[str, tuple[PlacedGlyph, ...]]]:
        """The line's glyphs split into marked-content sequences, each with its opening operator.

        A line outside the content (no tag: the slug line) is one artifact; a list item's first line
        is its label (the bullet, by the clusters of its first characters) and then its body. Each
        ActualText span is a sequence of its own, with an MCID of the same element: poppler 22.12 ends
        an MCID's content at the first EMC inside it, so a nested span would cut the line short.
        """
        tag = placed.tag
        glyphs = placed.line.glyphs
        if tag is None:
            return [(ARTIFACT, glyphs)]
        lang = placed.lang if placed.lang != self.lang else ""
        rank, index = tag.order
        if tag.role != "LI":
            return self._sequences((rank, index, ""), tag.role, _Node(tag.role, lang, text=tag.text), glyphs)
        self.nodes.setdefault((rank, index, ""), _Node("LI", lang))
        label = tuple(g for g in glyphs if 0 <= g.cluster < tag.label)
        body = tuple(g for g in glyphs if not 0 <= g.cluster < tag.label)
        spans = []
        if label:
            spans += self._sequences((rank, index, "Lbl"), "Lbl", _Node("Lbl", text=tag.text[:tag.label]), label)
        if body:
            spans += self._sequences((rank, index, "LBody"), "LBody", _Node("LBody", text=tag.text[tag.label:]),
                                     body)
        return spans

    def _sequences(self, key: Key, role: str, node: _Node, glyphs: tuple[PlacedGlyph, ...]
                   ) -> list[tuple[str, tuple[PlacedGlyph, ...]]]:
        """Marked-content sequences of one element: its glyphs cut at ActualText spans."""
        return [(self._mark(key, role, node, None if span is None else span.text), run)
                for span, run in pieces(glyphs)]

    def graphic(self, item: PlacedImage | PlacedCode) -> str:
        """The opening operator for an image or QR code: a Figure with its alt text, or an artifact
        for an image nobody described (decoration)."""
        alt = item.alt if isinstance(item, PlacedImage) else item.data
        if not alt:
            return ARTIFACT
        if isinstance(item, PlacedImage):
            x, y, width, height = item.x, item.y, item.width, item.height
        else:
            x, y, width, height = item.x, item.y, item.size, item.size
        left, bottom = self.offset
        bbox = (left + x, bottom + y, left + x + width, bottom + y + height)
        return self._mark((item.order, -1, ""), "Figure", _Node("Figure", alt=alt, bbox=bbox))

    def write(self, doc: pdfdoc.PDFDocument) -> None:
        """Add the structure tree, the parent tree and /MarkInfo to a document whose pages are drawn."""
        pages = doc.Pages.pages
        page_refs = [doc.Reference(page) for page in pages]
        root = pdfdoc.PDFDictionary({"Type": pdfdoc.PDFName("StructTreeRoot")})
        root_ref = doc.Reference(root)
        document = _element(doc, "Document", root_ref)
        refs: dict[Key, pdfdoc.PDFObjectReference] = {}
        children: list[pdfdoc.PDFObjectReference] = []
        lists: list[tuple[int, _Element, list[pdfdoc.PDFObjectReference]]] = []  # (rank, L, its items)
        for key in sorted(k for k in self.nodes if not k[2]):
            node = self.nodes[key]
            if node.role != "LI":
                refs[key] = self._leaf(doc, node, document.ref, page_refs)
                children.append(refs[key])
                continue
            if not lists or lists[-1][0] != key[0] or children[-1] is not lists[-1][1].ref:  # a new list: L
                group = _element(doc, "L", document.ref)
                lists.append((key[0], group, []))
                children.append(group.ref)
            item = _element(doc, "LI", lists[-1][1].ref, node.lang)
            parts = []
            for part in ("Lbl", "LBody"):
                if (key[0], key[1], part) in self.nodes:
                    refs[(key[0], key[1], part)] = ref = self._leaf(doc, self.nodes[(key[0], key[1], part)],
                                                                    item.ref, page_refs)
                    parts.append(ref)
            item.dict["K"] = pdfdoc.PDFArray(parts)
            lists[-1][2].append(item.ref)
        for _, group, items in lists:
            group.dict["K"] = pdfdoc.PDFArray(items)
        document.dict["K"] = pdfdoc.PDFArray(children)
        nums: list[object] = []
        for index, (page, mcids) in enumerate(zip(pages, self.pages, strict=True)):
            page.__NoDefault__ = [*page.__NoDefault__, "StructParents", "Tabs"]
            page.StructParents = index
            page.Tabs = pdfdoc.PDFName("S")
            nums.extend((index, pdfdoc.PDFArray([refs[key] for key in mcids])))
        root.dict.update({
            "K": pdfdoc.PDFArray([document.ref]),
            "ParentTree": pdfdoc.PDFDictionary({"Nums": pdfdoc.PDFArray(nums)}),
            "ParentTreeNextKey": len(pages),
        })
        catalog = doc.Catalog
        catalog.__NoDefault__ = [*catalog.__NoDefault__, "MarkInfo", "StructTreeRoot"]
        catalog.MarkInfo = pdfdoc.PDFDictionary({"Marked": pdfdoc.PDFtrue})
        catalog.StructTreeRoot = root_ref

    def _leaf(self, doc: pdfdoc.PDFDocument, node: _Node, parent: pdfdoc.PDFObjectReference,
              page_refs: list[pdfdoc.PDFObjectReference]) -> pdfdoc.PDFObjectReference:
        """An element holding marked content: /K lists its MCIDs (MCR dictionaries for other pages)."""
        element = _element(doc, node.role, parent, node.lang)
        first_page = node.content[0][0]
        element.dict["Pg"] = page_refs[first_page]
        kids: list[object] = []
        for page, mcid in node.content:
            if page == first_page:
                kids.append(mcid)
            else:
                kids.append(pdfdoc.PDFDictionary({"Type": pdfdoc.PDFName("MCR"), "Pg": page_refs[page],
                                                  "MCID": mcid}))
        element.dict["K"] = pdfdoc.PDFArray(kids) if len(kids) > 1 else kids[0]
        if node.text:
            element.dict["ActualText"] = pdfdoc.PDFString(node.text)
        if node.alt:  # /T too: poppler 22.12's ``pdfinfo -struct`` shows titles, not alternate text
            element.dict["Alt"] = element.dict["T"] = pdfdoc.PDFString(node.alt)
        if node.bbox is not None:
            element.dict["A"] = pdfdoc.PDFDictionary({
                "O": pdfdoc.PDFName("Layout"), "BBox": pdfdoc.PDFArray([round(v, 3) for v in node.bbox])})
        return element.ref


@dataclass
class _Element:
    dict: dict[str, object]
    ref: pdfdoc.PDFObjectReference


def _element(doc: pdfdoc.PDFDocument, role: str, parent: pdfdoc.PDFObjectReference, lang: str = "") -> _Element:
    """A registered structure element dictionary, its entries still to be filled in."""
    entries: dict[str, object] = {"Type": pdfdoc.PDFName("StructElem"), "S": pdfdoc.PDFName(role), "P": parent}
    if lang:
        entries["Lang"] = pdfdoc.PDFString(lang)
    dictionary = pdfdoc.PDFDictionary(entries)
    return _Element(dictionary.dict, doc.Reference(dictionary))



def reading_text(document: ComposedDocument) -> list[str]:
    """The document's paragraphs and figures' alternate texts in reading order, as the structure tree
    has them: what an image's alt text says (render/screen.py)."""
    texts: dict[tuple[int, int], str] = {}
    for page in document.pages:
        for item in page.items:
            if isinstance(item, PlacedLine) and item.tag is not None:
                texts.setdefault(item.tag.order, item.tag.text)
            elif isinstance(item, PlacedImage) and item.alt:
                texts.setdefault((item.order, -1), item.alt)
    return [texts[key] for key in sorted(texts)]
