"""The 表彰决定 as a Word document in the 公文 layout of `gonghui.core.officedocs`: the document
number, the title, the preamble, one numbered heading per award with its names, the closing, the
issuer and the date. A renderer of plain rows: it knows nothing of the ORM."""

from dataclasses import dataclass, field

from gonghui.core.officedocs import CENTER, HEADING_FONT, OfficeDocument

CN_NUMBERS = "一二三四五六七八九十"


@dataclass
class Decision:
    issuer: str
    title: str
    number: str
    date_text: str
    preamble: str
    closing: str
    groups: list[tuple[str, list[str]]] = field(default_factory=list)  # (award, lines)


def render_decision(decision: Decision) -> bytes:
    doc = OfficeDocument()
    if decision.number:
        doc.paragraph(decision.number, align=CENTER, indent=False)
        doc.paragraph(indent=False)
    doc.title(decision.title)
    for text in decision.preamble.split("\n"):
        doc.paragraph(text)
    for i, (award, lines) in enumerate(decision.groups):
        head = f"{CN_NUMBERS[i] if i < len(CN_NUMBERS) else i + 1}、{award}（{len(lines)}）"
        # A heading never ends a page without its first name.
        doc.paragraph(head, font=HEADING_FONT, keep_with_next=True)
        for n, line in enumerate(lines, start=1):
            doc.paragraph(f"{n}. {line}")
    # The signature and date never stand alone on the last page (GB/T 9704-2012 7.3.5): the
    # closing paragraph is kept on their page.
    for text in decision.closing.split("\n"):
        doc.paragraph(text, keep_with_next=True)
    doc.paragraph(indent=False, keep_with_next=True)
    doc.signature(decision.issuer, keep_with_next=True)
    doc.signature(decision.date_text)
    return doc.to_bytes()
